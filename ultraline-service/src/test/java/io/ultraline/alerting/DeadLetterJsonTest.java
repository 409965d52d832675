package io.ultraline.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ultraline.alerting.DeadLetterJson.RecordRef;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class DeadLetterJsonTest {

    private static final RecordRef WHERE = new RecordRef("line.alerts", 1, 42);
    private static final Instant AT = Instant.ofEpochMilli(1_700_000_123_456L);

    @Test
    void anUndecodableValueKeepsItsBytesSizeAndDigest() throws Exception {
        byte[] value = {0, 0, 0, 0, 9, 'x'};

        JsonNode json = new ObjectMapper()
                .readTree(DeadLetterJson.undecodable("UNDECODABLE: CORRUPT_PAYLOAD: bad", value, WHERE, AT));

        assertThat(json.get("reason").asText()).isEqualTo("UNDECODABLE: CORRUPT_PAYLOAD: bad");
        assertThat(Base64.getDecoder().decode(json.get("valueBase64").asText())).isEqualTo(value);
        assertThat(json.get("valueBytes").asInt()).isEqualTo(6);
        assertThat(json.get("valueSha256").asText()).isEqualTo(sha256(value));
        assertThat(json.get("valueTruncated").asBoolean()).isFalse();
        assertThat(json.get("record").get("offset").asLong()).isEqualTo(42);
    }

    @Test
    void aValueNearTheTopicLimitKeepsABoundedPrefix() throws Exception {
        byte[] value = new byte[1_000_000];
        Arrays.fill(value, (byte) 7);

        String letter = DeadLetterJson.undecodable("UNDECODABLE: CORRUPT_PAYLOAD: bad", value, WHERE, AT);
        JsonNode json = new ObjectMapper().readTree(letter);

        assertThat(letter.length()).as("far below the 1 MiB record limit").isLessThan(400_000);
        assertThat(Base64.getDecoder().decode(json.get("valueBase64").asText()))
                .isEqualTo(Arrays.copyOf(value, DeadLetterJson.MAX_ORIGINAL_BYTES));
        assertThat(json.get("valueBytes").asInt()).isEqualTo(1_000_000);
        assertThat(json.get("valueSha256").asText()).isEqualTo(sha256(value));
        assertThat(json.get("valueTruncated").asBoolean()).isTrue();
    }

    @Test
    void aNullValueHasNoBytes() throws Exception {
        JsonNode json = new ObjectMapper()
                .readTree(DeadLetterJson.undecodable("UNDECODABLE: NULL_VALUE: none", null, WHERE, AT));

        assertThat(json.get("valueBase64").isNull()).isTrue();
        assertThat(json.get("valueBytes").isNull()).isTrue();
        assertThat(json.get("alert").isNull()).isTrue();
    }

    private static String sha256(byte[] value) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value));
    }
}
