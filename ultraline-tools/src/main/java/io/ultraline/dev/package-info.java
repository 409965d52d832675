/**
 * Dev-time embedded infrastructure: an in-process Kafka broker, a schema registry and a
 * camera-line simulator, so that tests and {@code ultraline demo} run with nothing installed
 * beyond Java and Maven. Nothing here is used by {@code ultraline serve}.
 */
package io.ultraline.dev;
