package io.mpmetrics.metrics;

import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Port of the Python original's {@code TestCounter} and {@code TestLabelCollector.test_child}, per backend. */
class CounterTest {
    @TempDir
    Path dir;

    @EachBackend
    void incrementsWithCreatedTimeAndExemplar(String backend) throws IOException {
        try (TestRegistry t = TestRegistry.create(dir, backend)) {
            long before = System.currentTimeMillis();
            Counter c = Counter.builder().name("c_total").help("help").register(t.registry);
            long after = System.currentTimeMillis();
            DataPoint.CounterPoint p = t.point("c");
            assertThat(p.createdMillis()).isBetween(before - 1, after + 1);
            assertThat(p.value()).isZero();
            assertThat(p.exemplar()).isNull();

            c.inc();
            assertThat(t.<DataPoint.CounterPoint>point("c").value()).isEqualTo(1.0);
            assertThat(c.get()).isEqualTo(1.0);

            long t0 = System.currentTimeMillis();
            c.incWithExemplar(7, "foo", "bar");
            long t1 = System.currentTimeMillis();
            p = t.point("c");
            assertThat(p.value()).isEqualTo(8.0);
            assertThat(p.exemplar().labelPairs()).containsExactly("foo", "bar");
            assertThat(p.exemplar().value()).isEqualTo(7.0);
            assertThat(p.exemplar().timestampMillis()).isBetween(t0, t1);

            // The latest exemplar replaces the previous one; created never changes.
            c.incWithExemplar(0.5, "trace_id", "4bf92f3577b34da6", "span_id", "00f067aa0ba902b7");
            p = t.point("c");
            assertThat(p.value()).isEqualTo(8.5);
            assertThat(p.exemplar().labelPairs())
                    .containsExactly("trace_id", "4bf92f3577b34da6", "span_id", "00f067aa0ba902b7");
            assertThat(p.exemplar().value()).isEqualTo(0.5);
            assertThat(p.createdMillis()).isBetween(before - 1, after + 1);
        }
    }

    @EachBackend
    void fractionalAmountsAddUp(String backend) throws IOException {
        try (TestRegistry t = TestRegistry.create(dir, backend)) {
            Counter c = Counter.builder().name("bytes").help("help").register(t.registry);
            // The Python original stores an integer and fails on inc(1.6).
            c.inc(1.6);
            assertThat(c.get()).isEqualTo(1.6);
            c.inc(1.6);
            assertThat(c.get()).isEqualTo(3.2);
            c.inc(2);
            c.inc(0.25);
            c.inc(0);
            assertThat(c.get()).isEqualTo(5.45, org.assertj.core.data.Offset.offset(1e-12));
            assertThat(t.<DataPoint.CounterPoint>point("bytes").value()).isEqualTo(c.get());
        }
    }

    @EachBackend
    void halvesSumExactly(String backend) throws IOException {
        try (TestRegistry t = TestRegistry.create(dir, backend)) {
            Counter c = Counter.builder().name("halves").help("help").register(t.registry);
            for (int i = 0; i < 1001; i++) {
                c.inc(0.5);
                c.inc();
            }
            assertThat(c.get()).isEqualTo(1501.5);
        }
    }

    @EachBackend
    void amountsBeyondAnyIntegerAreKept(String backend) throws IOException {
        try (TestRegistry t = TestRegistry.create(dir, backend)) {
            Counter c = Counter.builder().name("huge").help("help").register(t.registry);
            // The Python original raises OverflowError for inc(UINT64_MAX); a double counter keeps it.
            double uint64Max = 0x1p64;
            c.inc(3);
            c.inc(uint64Max);
            assertThat(c.get()).isEqualTo(uint64Max + 3);
            c.inc(Double.MAX_VALUE);
            assertThat(c.get()).isEqualTo(Double.MAX_VALUE);
        }
    }

    @EachBackend
    void wholeAmountsPastLongMaxValueDoNotWrap(String backend) throws IOException {
        try (TestRegistry t = TestRegistry.create(dir, backend)) {
            Counter c = Counter.builder().name("big").help("help").register(t.registry);
            // Each amount is a whole number below 2^53, so it goes to the integer part; 1100 of
            // them pass Long.MAX_VALUE. A counter must never go down.
            double amount = 0x1p53 - 1;
            double previous = 0;
            for (int i = 1; i <= 1100; i++) {
                c.inc(amount);
                double now = c.get();
                assertThat(now).as("after %d increments", i).isGreaterThanOrEqualTo(previous);
                previous = now;
            }
            assertThat(c.get()).isCloseTo(1100 * amount, org.assertj.core.data.Percentage.withPercentage(1e-9));
        }
    }

    /**
     * Issue #10: {@code inc(2^53 - 1)} 1024 times brought the integer part just below
     * Long.MAX_VALUE, then {@code inc()} 1024 times wrapped it: {@code get()} returned -9.22e18.
     */
    @EachBackend
    void incAfterHugeWholeAmountsNeverGoesNegative(String backend) throws IOException {
        try (TestRegistry t = TestRegistry.create(dir, backend)) {
            Counter c = Counter.builder().name("big").help("help").register(t.registry);
            double amount = (double) ((1L << 53) - 1);
            for (int i = 0; i < 1024; i++) {
                c.inc(amount);
            }
            double previous = c.get();
            for (int i = 1; i <= 2048; i++) {
                c.inc();
                double now = c.get();
                assertThat(now).as("after %d inc()", i).isGreaterThanOrEqualTo(previous);
                previous = now;
            }
            assertThat(c.get()).isCloseTo(1024 * amount + 2048, org.assertj.core.data.Percentage.withPercentage(1e-9));
            assertThat(t.<DataPoint.CounterPoint>point("big").value()).isEqualTo(c.get());
        }
    }

    @EachBackend
    void wholeAmountsFromSeveralThreadsPastLongMaxValueDoNotWrap(String backend) throws Exception {
        try (TestRegistry t = TestRegistry.create(dir, backend)) {
            Counter c = Counter.builder().name("big").help("help").register(t.registry);
            // Threads write different stripes: no stripe passes Long.MAX_VALUE, their sum does.
            double amount = 0x1p53 - 1;
            int threads = 4;
            int each = 400;
            Thread[] workers = new Thread[threads];
            for (int i = 0; i < threads; i++) {
                workers[i] = new Thread(() -> {
                    for (int k = 0; k < each; k++) {
                        c.inc(amount);
                    }
                });
                workers[i].start();
            }
            for (Thread w : workers) {
                w.join();
            }
            assertThat(c.get()).isCloseTo(threads * each * amount,
                    org.assertj.core.data.Percentage.withPercentage(1e-9));
            assertThat(t.<DataPoint.CounterPoint>point("big").value()).isEqualTo(c.get());
        }
    }

    @EachBackend
    void negativeAndNanAmountsAreRefusedAndChangeNothing(String backend) throws IOException {
        try (TestRegistry t = TestRegistry.create(dir, backend)) {
            Counter c = Counter.builder().name("c").help("help").register(t.registry);
            c.incWithExemplar(2, "k", "v");
            for (double bad : new double[] {-1, -0.5, -Double.MIN_VALUE, Double.NEGATIVE_INFINITY, Double.NaN}) {
                assertThatThrownBy(() -> c.inc(bad)).isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining(Double.toString(bad));
                assertThatThrownBy(() -> c.incWithExemplar(bad, "k", "w"))
                        .isInstanceOf(IllegalArgumentException.class);
            }
            DataPoint.CounterPoint p = t.point("c");
            assertThat(p.value()).isEqualTo(2.0);
            assertThat(p.exemplar().labelPairs()).containsExactly("k", "v");
        }
    }

    @EachBackend
    void countExceptionsCountsAndRethrows(String backend) throws Exception {
        try (TestRegistry t = TestRegistry.create(dir, backend)) {
            Counter c = Counter.builder().name("failures").help("help").register(t.registry);
            c.countExceptions(() -> { });
            assertThat(c.get()).isZero();

            IllegalStateException thrown = new IllegalStateException("boom");
            assertThatThrownBy(() -> c.countExceptions((Runnable) () -> {
                throw thrown;
            })).isSameAs(thrown);
            assertThat(c.get()).isEqualTo(1.0);

            AssertionError error = new AssertionError("bad");
            assertThatThrownBy(() -> c.countExceptions((Runnable) () -> {
                throw error;
            })).isSameAs(error);
            assertThat(c.get()).isEqualTo(2.0);

            assertThat(c.countExceptions(() -> "ok")).isEqualTo("ok");
            assertThat(c.get()).isEqualTo(2.0);

            IOException checked = new IOException("io");
            Callable<String> failing = () -> {
                throw checked;
            };
            assertThatThrownBy(() -> c.countExceptions(failing)).isSameAs(checked);
            assertThat(c.get()).isEqualTo(3.0);

            // The Python test: 1/x for x in 0, 1 fails once.
            for (int x = 0; x < 2; x++) {
                int divisor = x;
                try {
                    c.countExceptions(() -> 1 / divisor);
                } catch (ArithmeticException expected) {
                    // counted
                }
            }
            assertThat(c.get()).isEqualTo(4.0);
        }
    }

    @EachBackend
    void childrenPerLabelSet(String backend) throws IOException {
        try (TestRegistry t = TestRegistry.create(dir, backend)) {
            Counter c = Counter.builder().name("c_total").help("help").labelNames("l").register(t.registry);
            Counter two = Counter.builder().name("two").help("help").labelNames("a", "b").register(t.registry);
            c.labelValues("x").inc();
            two.labelValues("x", "y").inc(2);
            two.labelValues("y", "x").inc(5);
            assertThat(c.labelValues("x")).isSameAs(c.labelValues("x"));
            assertThat(t.<DataPoint.CounterPoint>point("c", "x").value()).isEqualTo(1.0);
            assertThat(t.<DataPoint.CounterPoint>point("two", "x", "y").value()).isEqualTo(2.0);
            assertThat(t.<DataPoint.CounterPoint>point("two", "y", "x").value()).isEqualTo(5.0);
            assertThat(t.metric("two").dataPoints()).hasSize(2);
            // Label values are taken as they are: the empty string is a value of its own.
            c.labelValues("").inc(3);
            assertThat(t.<DataPoint.CounterPoint>point("c", "").value()).isEqualTo(3.0);
            assertThat(t.<DataPoint.CounterPoint>point("c", "x").value()).isEqualTo(1.0);
        }
    }
}
