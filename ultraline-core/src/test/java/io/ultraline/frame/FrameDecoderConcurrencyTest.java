package io.ultraline.frame;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** One decoder shared by several threads gives each the same answer it gives alone. */
class FrameDecoderConcurrencyTest {

    @Test
    void sharedDecoderGivesEveryThreadTheSameResultsAsOneThread() throws Exception {
        FrameDecoder decoder = new FrameDecoder(FrameLimits.defaults());
        List<byte[]> frames = new ArrayList<>();
        List<FrameEncoding> encodings = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            frames.add(TestImages.png(TestImages.noise(20 + i, 10 + i, i)));
            encodings.add(FrameEncoding.PNG);
            frames.add(TestImages.jpeg(TestImages.noise(20 + i, 10 + i, i), 0.8f));
            encodings.add(FrameEncoding.JPEG);
        }
        List<float[]> alone = new ArrayList<>();
        for (int i = 0; i < frames.size(); i++) {
            alone.add(decoder.decode(encodings.get(i), 20 + i / 2, 10 + i / 2, frames.get(i))
                    .pixels());
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int offset = t;
                Callable<Integer> task = () -> {
                    int checked = 0;
                    for (int round = 0; round < 25; round++) {
                        int i = (round + offset) % frames.size();
                        float[] px = decoder.decode(encodings.get(i), 20 + i / 2, 10 + i / 2, frames.get(i))
                                .pixels();
                        assertThat(px).containsExactly(alone.get(i));
                        // a bad frame in between must not disturb the next good one
                        try {
                            decoder.decode(FrameEncoding.JPEG, 20, 10, TestImages.cut(frames.get(1), 200));
                        } catch (FrameRejectedException expected) {
                            checked++;
                        }
                    }
                    return checked;
                };
                results.add(pool.submit(task));
            }
            for (Future<Integer> f : results) {
                assertThat(f.get(60, TimeUnit.SECONDS)).isEqualTo(25);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
