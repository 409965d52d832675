package io.ultraline.stream;

/**
 * A deserialized key or value together with the exact bytes it was read from, so that a record
 * rejected after deserialization can still be dead-lettered with its original bytes.
 *
 * @param value the deserialized object, {@code null} for a null payload
 * @param bytes the payload as it was on the topic, {@code null} for a null payload
 * @param <T>   the deserialized type
 */
record WithBytes<T>(T value, byte[] bytes) {}
