/**
 * The service: the Micronaut application that runs the inspection topology against configured Kafka,
 * Schema Registry and model ({@code ultraline serve}, and inside {@code ultraline demo}), with its
 * health indicators, Prometheus metrics, the operator API over interactive queries, the overlay
 * images and the dashboard. Configuration comes in as validated records; the topology and the
 * algorithm code receive values, never read configuration themselves.
 */
package io.ultraline.app;
