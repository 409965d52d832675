package io.ultraline.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

class BatchTagTest {

    @Test
    void roundTripsThroughARecordsHeaders() {
        Record<String, String> stamped = new BatchTag(41, 4).stamp(new Record<>("cam-1", "v", 1L));
        assertThat(BatchTag.from(stamped.headers())).contains(new BatchTag(41, 4));
        assertThat(new String(stamped.headers().lastHeader(BatchTag.HEADER).value(), StandardCharsets.US_ASCII))
                .isEqualTo("41:4");
    }

    @Test
    void absentOrMalformedTagsAreEmpty() {
        assertThat(BatchTag.from(new RecordHeaders())).isEmpty();
        assertThat(BatchTag.from(null)).isEmpty();
        for (String bad : new String[] {"41", "x:4", "41:0", "-1:2", ""}) {
            RecordHeaders h = new RecordHeaders();
            h.add(BatchTag.HEADER, bad.getBytes(StandardCharsets.US_ASCII));
            assertThat(BatchTag.from(h)).as(bad).isEmpty();
        }
        assertThatThrownBy(() -> new BatchTag(0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
