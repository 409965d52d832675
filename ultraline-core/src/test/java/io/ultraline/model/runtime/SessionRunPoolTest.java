package io.ultraline.model.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ultraline.model.ModelUnavailableException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SessionRunPoolTest {

    @Test
    void runsEveryPieceOnThePoolsThreadsAtOnceAndReturnsWhenAllAreDone() {
        AtomicInteger done = new AtomicInteger();
        Set<String> threads = ConcurrentHashMap.newKeySet();
        CountDownLatch bothStarted = new CountDownLatch(2);
        List<Runnable> work = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            work.add(() -> {
                threads.add(Thread.currentThread().getName());
                bothStarted.countDown();
                try {
                    // the first two pieces only finish once both run: proof that they overlap
                    assertThat(bothStarted.await(10, TimeUnit.SECONDS)).isTrue();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                done.incrementAndGet();
            });
        }
        try (SessionRunPool pool = new SessionRunPool(2)) {
            pool.runAll(work);
        }
        assertThat(done).hasValue(6);
        assertThat(threads).hasSize(2).allSatisfy(name -> assertThat(name).startsWith("ultraline-model-run-"));
    }

    @Test
    void aFailureIsRethrownAsItWasThrown() {
        IllegalArgumentException boom = new IllegalArgumentException("bad frame");
        try (SessionRunPool pool = new SessionRunPool(2)) {
            assertThatThrownBy(() -> pool.runAll(List.of(() -> {}, () -> {
                        throw boom;
                    })))
                    .isSameAs(boom);
            AssertionError error = new AssertionError("broken");
            assertThatThrownBy(() -> pool.runAll(List.of(() -> {
                        throw error;
                    })))
                    .isSameAs(error);
            IllegalStateException second = new IllegalStateException("also bad");
            assertThatThrownBy(() -> pool.runAll(List.of(
                            () -> {
                                throw boom;
                            },
                            () -> {
                                throw second;
                            })))
                    .isSameAs(boom);
            assertThat(boom.getSuppressed()).contains(second);
            AtomicInteger after = new AtomicInteger();
            pool.runAll(List.of(after::incrementAndGet));
            assertThat(after).hasValue(1);
        }
    }

    @Test
    void aClosedPoolSaysSo() {
        SessionRunPool pool = new SessionRunPool(2);
        pool.close();
        assertThatThrownBy(() -> pool.runAll(List.of(() -> {})))
                .isInstanceOf(ModelUnavailableException.class)
                .hasMessage("the model runner is closed");
    }
}
