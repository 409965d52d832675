package io.ultraline.gateway;

import io.ultraline.avro.ImageEncoding;

/**
 * One image cut out of a stream.
 *
 * @param encoding       JPEG or PNG
 * @param bytes          the whole file, signature to end marker
 * @param skippedBefore  bytes of garbage dropped between the previous image and this one
 */
public record SplitImage(ImageEncoding encoding, byte[] bytes, long skippedBefore) {}
