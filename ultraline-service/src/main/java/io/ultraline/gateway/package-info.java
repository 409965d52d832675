/**
 * The camera gateway behind {@code ultraline produce}: what turns a plant's images (files dropped
 * in a folder, an MJPEG pipe, HTTP posts) into CameraFrame records, free of Kafka clients and
 * picocli so that it can be tested on plain bytes: splitting a stream of concatenated images,
 * attributes from file names, pacing, header checks against the frame limits.
 */
package io.ultraline.gateway;
