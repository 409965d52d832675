/**
 * Avro over Kafka in the Confluent wire format, with the project's own Schema Registry client.
 *
 * <p>A record on the wire is one magic byte {@code 0}, the writer schema's registry id as four
 * big-endian bytes, then the Avro binary body ({@link io.ultraline.serde.WireFormat}). The registry
 * is reached over the Confluent REST API only ({@link io.ultraline.serde.RestSchemaRegistryClient}),
 * which Confluent Schema Registry, Apicurio (under {@code /apis/ccompat/v7}), Redpanda and Karapace
 * all serve; {@code /mode} is never called because Apicurio lacks it. Basic credentials go to the
 * configured origins only: redirects are followed within the origin that answered and refused
 * across origins, and no answer is read past 4 MiB (see {@code RegistryHttp}).
 *
 * <p>Kafka entry points: {@link io.ultraline.serde.SpecificAvroSerializer},
 * {@link io.ultraline.serde.SpecificAvroDeserializer}, {@link io.ultraline.serde.SpecificAvroSerde}
 * and the factories in {@link io.ultraline.serde.AvroSerdes}. They read Confluent's configuration
 * names (see {@link io.ultraline.serde.SerdeConfig}).
 *
 * <p>Failures are never a silent {@code null}: every problem with a payload or with the registry is
 * a {@link io.ultraline.serde.SerdeException} subclass carrying a {@link io.ultraline.serde.SerdeReason}
 * the pipeline maps to a dead-letter reason. Only a {@code null} payload (a tombstone) reads as
 * {@code null}.
 *
 * <p>Generated Avro classes must be trusted by Avro's class security check
 * ({@code org.apache.avro.SERIALIZABLE_PACKAGES}). The deserializer adds the package of its target
 * class to Avro's trusted set when it is not trusted already, so the system property is not needed
 * for the classes a deserializer is built for.
 */
package io.ultraline.serde;
