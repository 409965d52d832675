package io.ultraline.model.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BatchFeedTest {

    private static LabelledBatch batch(int family) {
        return new LabelledBatch(1, new float[3], new int[] {family}, new int[1]);
    }

    @Test
    void batchesComeInTheOrderTheyWereMade() throws Exception {
        AtomicInteger made = new AtomicInteger();
        try (BatchFeed feed = new BatchFeed(() -> batch(made.getAndIncrement()), 2)) {
            for (int i = 0; i < 5; i++) {
                assertThat(feed.take().family()[0]).isEqualTo(i);
            }
        }
    }

    @Test
    void aFailureWhilePreparingReachesTheTrainerInsteadOfAHang() {
        AtomicInteger made = new AtomicInteger();
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            try (BatchFeed feed = new BatchFeed(
                    () -> {
                        if (made.getAndIncrement() == 1) {
                            throw new IllegalArgumentException("frames of 40 px are smaller than the 64 px grid");
                        }
                        return batch(0);
                    },
                    4)) {
                feed.take();
                assertThatThrownBy(feed::take)
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("preparing training batches failed")
                        .hasRootCauseInstanceOf(IllegalArgumentException.class);
            }
        });
    }
}
