/**
 * Consumers of {@code line.alerts} for the people and systems that act on alerts: a tail that
 * prints each alert as it opens and clears ({@link io.ultraline.alerting.AlertTail}) and a webhook
 * forwarder ({@link io.ultraline.alerting.AlertForwarder}) that POSTs each alert as JSON with an
 * idempotency key, retries with exponential backoff, dead-letters what it gives up on to
 * {@code line.alerts.dlq} and commits its offset only after a record is delivered or dead-lettered.
 *
 * <p>Plain Kafka clients and {@code java.net.http}; no Micronaut. The JSON shape
 * ({@link io.ultraline.alerting.AlertJson}) and the delivery guarantees are documented in
 * {@code docs/alerting.md}.
 */
package io.ultraline.alerting;
