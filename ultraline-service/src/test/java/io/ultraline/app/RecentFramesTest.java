package io.ultraline.app;

import static io.ultraline.app.LiveRecords.FRAMES_TOPIC;
import static io.ultraline.app.LiveRecords.frame;
import static io.ultraline.app.LiveRecords.verdict;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ultraline.avro.CameraFrame;
import io.ultraline.avro.ImageEncoding;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RecentFramesTest {

    @Test
    void keepsTheLastFramesPerCameraWithTheirVerdicts() {
        RecentFrames recent = new RecentFrames();
        for (int i = 0; i < RecentFrames.FRAMES_PER_CAMERA + 3; i++) {
            recent.frameAccepted(frame("c", "f" + i, ImageEncoding.PNG, 1, 1, new byte[] {1, 2, 3}));
        }
        recent.frameAccepted(frame("other", "x", 3));
        recent.verdict(verdict("c", "f5", 0.5f));
        assertThat(recent.frame("c", "f0")).isEmpty();
        assertThat(recent.frame("c", "f3")).isPresent();
        assertThat(recent.latestWithVerdict("c"))
                .get()
                .extracting(e -> e.frame().getFrameId())
                .isEqualTo("f5");
        assertThat(recent.latestWithVerdict("other")).isEmpty();
        assertThat(recent.frame("c", "f5").get().image()).containsExactly(1, 2, 3);
        assertThat(recent.scores("c"))
                .extracting(RecentFrames.ScorePoint::score)
                .containsExactly(0.5f);
    }

    @Test
    void theScoreHistoryIsBounded() {
        RecentFrames recent = new RecentFrames();
        for (int i = 0; i < RecentFrames.SCORES_PER_CAMERA + 10; i++) {
            recent.verdict(verdict("c", "f" + i, i));
        }
        assertThat(recent.scores("c")).hasSize(RecentFrames.SCORES_PER_CAMERA);
        assertThat(recent.scores("c").get(0).score()).isEqualTo(10f);
    }

    @Test
    void aProducerInventingCameraIdsMeetsTheCapAndTheLeastRecentlyUpdatedGoes() {
        RecentFrames recent = new RecentFrames(new RecentFramesConfig(3, 1 << 20));
        List<String> evicted = new ArrayList<>();
        recent.onCameraEvicted(evicted::add);
        recent.frameAccepted(frame("a", "1", 10));
        recent.frameAccepted(frame("b", "1", 10));
        recent.frameAccepted(frame("c", "1", 10));
        recent.verdict(verdict("a", "1", 0.1f)); // a is updated: b is now the least recent
        recent.frameAccepted(frame("d", "1", 10));
        assertThat(recent.cameras()).containsExactly("c", "a", "d");
        assertThat(evicted).containsExactly("b");
        for (int i = 0; i < 10_000; i++) {
            recent.frameAccepted(frame("invented-" + i, "1", 10));
        }
        assertThat(recent.cameras()).hasSize(3).containsExactly("invented-9997", "invented-9998", "invented-9999");
        assertThat(evicted).hasSize(1 + 3 + 9997);
        assertThat(recent.heldBytes()).isEqualTo(3 * 10);
        assertThat(recent.frame("b", "1")).isEmpty();
        assertThat(recent.scores("a")).isEmpty();
    }

    @Test
    void theByteBudgetHoldsAndDropsTheOldestFramesOfAnyCamera() {
        RecentFrames recent = new RecentFrames(new RecentFramesConfig(100, 10_000));
        for (int i = 0; i < 50; i++) {
            recent.frameAccepted(frame("cam-" + (i % 5), "f" + i, 3_000));
            assertThat(recent.heldBytes()).isLessThanOrEqualTo(10_000);
        }
        assertThat(recent.heldBytes()).isEqualTo(9_000);
        assertThat(recent.frame("cam-4", "f49")).isPresent();
        assertThat(recent.frame("cam-3", "f48")).isPresent();
        assertThat(recent.frame("cam-2", "f47")).isPresent();
        assertThat(recent.frame("cam-1", "f46")).isEmpty();
        // a frame larger than the whole budget is not kept, and pushes nothing out
        recent.frameAccepted(frame("huge", "h", 10_001));
        assertThat(recent.frame("huge", "h")).isEmpty();
        assertThat(recent.heldBytes()).isEqualTo(9_000);
        assertThat(recent.frame("cam-2", "f47")).isPresent();
    }

    @Test
    void eachImageIsHeldOnce() {
        RecentFrames recent = new RecentFrames();
        byte[] image = new byte[1000];
        image[0] = 42;
        CameraFrame original = frame("c", "f", ImageEncoding.GRAY8, 1000, 1, image);
        recent.frameAccepted(original);
        RecentFrames.Entry entry = recent.frame("c", "f").orElseThrow();
        assertThat(recent.heldBytes()).isEqualTo(1000);
        assertThat(entry.frame()).isNotSameAs(original);
        assertThat(entry.frame().getImage().isReadOnly()).isTrue();
        assertThat(entry.frame().getImage().remaining()).isEqualTo(1000);
        image[0] = 7; // the record's buffer is not the one held
        assertThat(entry.image()[0]).isEqualTo((byte) 42);
        assertThat(entry.frame().getWidth()).isEqualTo(1000);
    }

    @Test
    void camerasOfRevokedPartitionsAreDropped() {
        RecentFrames recent = new RecentFrames();
        List<String> evicted = new ArrayList<>();
        recent.onCameraEvicted(evicted::add);
        for (int p = 0; p < 3; p++) {
            recent.frameAccepted(frame("cam-" + p, "f", 100));
            recent.verdict(verdict("cam-" + p, "f", 0.1f, p));
        }
        recent.frameAccepted(frame("no-verdict-yet", "f", 100));
        assertThat(recent.retainPartitions(FRAMES_TOPIC, Set.of(1))).containsExactlyInAnyOrder("cam-0", "cam-2");
        assertThat(recent.cameras()).containsExactlyInAnyOrder("cam-1", "no-verdict-yet");
        assertThat(evicted).containsExactlyInAnyOrder("cam-0", "cam-2");
        assertThat(recent.heldBytes()).isEqualTo(200);
        assertThat(recent.retainPartitions("other.topic", Set.of())).isEmpty();
    }

    @Test
    void anOverlayIsRenderedOncePerStateOfItsFrameAndCountsAgainstTheBudget() {
        RecentFrames recent = new RecentFrames(new RecentFramesConfig(10, 1_000));
        recent.frameAccepted(frame("c", "f", 100));
        RecentFrames.Entry entry = recent.frame("c", "f").orElseThrow();
        AtomicInteger renders = new AtomicInteger();
        java.util.function.Function<RecentFrames.Entry, byte[]> render = e -> {
            renders.incrementAndGet();
            return new byte[50];
        };
        byte[] first = recent.overlay(entry, render);
        assertThat(recent.overlay(entry, render)).isSameAs(first);
        assertThat(renders).hasValue(1);
        assertThat(recent.heldBytes()).isEqualTo(150);
        recent.verdict(verdict("c", "f", 0.3f));
        recent.overlay(entry, render);
        assertThat(renders).as("a verdict changes the picture").hasValue(2);
        assertThat(recent.heldBytes()).isEqualTo(150);
        recent.frameAccepted(frame("c", "g", 900)); // over the budget: f and its overlay go
        assertThat(recent.frame("c", "f")).isEmpty();
        assertThat(recent.heldBytes()).isEqualTo(900);
        recent.overlay(entry, render); // a request that still holds a dropped entry is answered, not cached
        assertThat(recent.heldBytes()).isEqualTo(900);
    }

    @Test
    void limitsMustBePositive() {
        assertThatThrownBy(() -> new RecentFramesConfig(0, 1))
                .hasMessageContaining("ULTRALINE_RECENT_FRAMES_MAX_CAMERAS");
        assertThatThrownBy(() -> new RecentFramesConfig(1, 0))
                .hasMessageContaining("ULTRALINE_RECENT_FRAMES_MAX_BYTES");
    }

    @Test
    void theDefectRateCoversTheLastFramesOnly() {
        ServiceMetrics.DefectRate rate = new ServiceMetrics.DefectRate(4);
        rate.add(true);
        rate.add(true);
        assertThat(rate.value()).isEqualTo(1.0);
        rate.add(false);
        rate.add(false);
        rate.add(false);
        assertThat(rate.value()).isEqualTo(0.25);
    }
}
