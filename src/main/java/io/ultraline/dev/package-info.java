/**
 * Dev-time embedded infrastructure, so tests and {@code ultraline demo} need nothing but Java and
 * Maven: a Kafka broker, a Confluent-compatible schema registry and the camera-line simulator.
 * Nothing here is used when the service runs against real infrastructure.
 */
package io.ultraline.dev;
