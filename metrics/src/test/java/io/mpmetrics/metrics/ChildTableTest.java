package io.mpmetrics.metrics;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** The lock-free child cache: lookups by 1, 2, 3 and n label values, growth, racing readers. */
@Timeout(60)
class ChildTableTest {
    @Test
    void everyOverloadFindsWhatWasAddedAndNothingElse() {
        ChildTable<String> table = new ChildTable<>();
        for (int i = 0; i < 5_000; i++) {
            String v = "v" + i;
            assertThat(table.computeIfAbsent(new String[] {v}, k -> "one " + k[0])).isEqualTo("one " + v);
            assertThat(table.computeIfAbsent(new String[] {v, "b"}, k -> "two " + k[0])).isEqualTo("two " + v);
            assertThat(table.computeIfAbsent(new String[] {v, "b", "c"}, k -> "three " + k[0])).isEqualTo("three " + v);
            assertThat(table.computeIfAbsent(new String[] {v, "b", "c", "d"}, k -> "four " + k[0]))
                    .isEqualTo("four " + v);
        }
        assertThat(table.size()).isEqualTo(20_000);
        for (int i = 0; i < 5_000; i++) {
            String v = "v" + i;
            assertThat(table.get(v)).isEqualTo("one " + v);
            assertThat(table.get(new String[] {v})).isEqualTo("one " + v);
            assertThat(table.get(v, "b")).isEqualTo("two " + v);
            assertThat(table.get(new String[] {v, "b"})).isEqualTo("two " + v);
            assertThat(table.get(v, "b", "c")).isEqualTo("three " + v);
            assertThat(table.get(new String[] {v, "b", "c"})).isEqualTo("three " + v);
            assertThat(table.get(new String[] {v, "b", "c", "d"})).isEqualTo("four " + v);
            // Present again: the factory is not called.
            assertThat(table.computeIfAbsent(new String[] {v}, k -> {
                throw new AssertionError("made twice");
            })).isEqualTo("one " + v);
        }
        assertThat(table.get("absent")).isNull();
        assertThat(table.get("v1", "x")).isNull();
        assertThat(table.get("v1", "b", "x")).isNull();
        assertThat(table.get(new String[] {"v1", "b", "c", "x"})).isNull();
        assertThat(table.get(new String[0])).isNull();
    }

    /** Readers never see a wrong child, and once added a child is always found. */
    @Test
    void readersRacingWithInsertsAndResizesSeeOnlyRightChildren() throws Exception {
        ChildTable<String> table = new ChildTable<>();
        int n = 50_000;
        String[] values = new String[n];
        for (int i = 0; i < n; i++) {
            values[i] = Integer.toString(i);
        }
        AtomicBoolean done = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> readers = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            int seed = r;
            Thread t = new Thread(() -> {
                try {
                    int i = seed;
                    while (!done.get()) {
                        String v = values[i % n];
                        String got = table.get(v);
                        if (got != null && !got.equals("child " + v)) {
                            throw new AssertionError("wrong child " + got + " for " + v);
                        }
                        i += 7;
                    }
                } catch (Throwable e) {
                    failure.set(e);
                }
            });
            t.start();
            readers.add(t);
        }
        for (int i = 0; i < n; i++) {
            table.computeIfAbsent(new String[] {values[i]}, k -> "child " + k[0]);
            // What was added is found at once by the adding thread, whatever the resizes.
            if (table.get(values[i / 2]) == null) {
                throw new AssertionError("lost " + values[i / 2] + " after adding " + i);
            }
        }
        done.set(true);
        for (Thread t : readers) {
            t.join();
        }
        assertThat(failure.get()).isNull();
        for (String v : values) {
            assertThat(table.get(v)).isEqualTo("child " + v);
        }
    }
}
