/**
 * Retry timing shared by the clients that repeat requests (the schema registry client, the alert
 * forwarder): one {@link io.ultraline.retry.Backoff} value, so that every retry in the project grows
 * its waits the same way. Pure Java.
 */
package io.ultraline.retry;
