/**
 * One frame through the whole method, without Kafka: preprocessing, the model (tokens and ULTra
 * maps), the ULTra segmentation and the camera's reference profile. The command line and the
 * stream processors share it, so a frame gets the same answer wherever it is inspected.
 */
package io.ultraline.inspect;
