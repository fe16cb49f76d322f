package io.mpmetrics.metrics;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Metric, label, unit and exemplar naming rules (the Python original's
 * {@code test_invalid_names_raise}, {@code test_exemplar_validation} and the unit tests).
 */
@Timeout(120)
class NamingTest {
    @TempDir
    Path dir;
    private TestRegistry t;

    @BeforeEach
    void open() throws IOException {
        t = TestRegistry.create(dir, "varhandle");
    }

    @AfterEach
    void close() throws IOException {
        t.close();
    }

    private void refused(String why, Supplier<?> registration, String messagePart) {
        assertThatThrownBy(registration::get).as(why).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(messagePart);
    }

    @Test
    void badMetricNames() {
        refused("missing name", () -> Counter.builder().help("").register(t.registry), "name");
        refused("empty name", () -> Counter.builder().name("").help("").register(t.registry), "name");
        for (String bad : new String[] {"^", "1abc", "a-b", "a b", "ä", "a.b", "__reserved", "__"}) {
            refused(bad, () -> Counter.builder().name(bad).help("").register(t.registry), bad);
            refused(bad, () -> Gauge.builder().name(bad).help("").register(t.registry), bad);
        }
        assertThat(t.registry.definitions()).isEmpty();
        // Colons and a single leading underscore are fine.
        assertThatCode(() -> Gauge.builder().name("a:b_c:d").help("").register(t.registry)).doesNotThrowAnyException();
        assertThatCode(() -> Gauge.builder().name("_private").help("").register(t.registry)).doesNotThrowAnyException();
    }

    @Test
    void reservedSuffixes() {
        for (String suffix : new String[] {"_total", "_created", "_bucket", "_info"}) {
            refused(suffix, () -> Gauge.builder().name("g" + suffix).help("").register(t.registry), suffix);
            refused(suffix, () -> Histogram.builder().name("h" + suffix).help("").register(t.registry), suffix);
        }
        refused("_created on a counter", () -> Counter.builder().name("c_created").help("").register(t.registry),
                "_created");
        // Exactly the suffix the type's exposition adds is dropped, once.
        assertThat(Counter.builder().name("c_total").help("").register(t.registry).name()).isEqualTo("c");
        assertThat(Info.builder().name("i_info").help("").register(t.registry).name()).isEqualTo("i");
        refused("twice", () -> Counter.builder().name("d_total_total").help("").register(t.registry), "_total");
        refused("only the suffix", () -> Counter.builder().name("_total").help("").register(t.registry), "_total");
    }

    @Test
    void badLabelNames() {
        for (String bad : new String[] {"^", "a:b", "1a", "", "__reserved", "__name__", "a-b"}) {
            refused(bad, () -> Counter.builder().name("c").help("").labelNames(bad).register(t.registry), "'" + bad + "'");
        }
        refused("null", () -> Counter.builder().name("c").help("").labelNames("a", null).register(t.registry), "null");
        refused("repeated", () -> Counter.builder().name("c").help("").labelNames("a", "b", "a").register(t.registry),
                "'a'");
        assertThat(t.registry.definitions()).isEmpty();
        assertThatCode(() -> Counter.builder().name("c").help("").labelNames("_a", "b1", "C").register(t.registry))
                .doesNotThrowAnyException();
    }

    @Test
    void unitMustEndTheName() {
        refused("unit not a suffix", () -> Histogram.builder().name("h").unit("seconds").help("").register(t.registry),
                "_seconds");
        refused("unit without underscore", () -> Gauge.builder().name("hseconds").unit("seconds").help("")
                .register(t.registry), "_seconds");
        refused("bad unit", () -> Gauge.builder().name("h_x").unit("a b").help("").register(t.registry), "'a b'");
        Histogram h = Histogram.builder().name("h_seconds").unit("seconds").help("").register(t.registry);
        assertThat(h.definition().unit()).isEqualTo("seconds");
        // A counter's unit comes before the _total the exposition adds.
        Counter c = Counter.builder().name("sent_bytes_total").unit("bytes").help("").register(t.registry);
        assertThat(c.definition().name()).isEqualTo("sent_bytes");
        assertThat(c.definition().unit()).isEqualTo("bytes");
    }

    @Test
    void labelValues() {
        Counter c = Counter.builder().name("c").help("").labelNames("l").register(t.registry);
        assertThatThrownBy(() -> c.labelValues((String) null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'l'");
        assertThatThrownBy(() -> c.labelValues("x".repeat(Names.MAX_LABEL_VALUE_LENGTH + 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'l'");
        // Any other string is a label value, even unusual ones.
        for (String ok : new String[] {"", "with space", "quote\"back\\slash\nnewline", "平", "x".repeat(2048)}) {
            c.labelValues(ok).inc();
            assertThat(c.labelValues(ok).get()).isEqualTo(1.0);
        }
        assertThat(t.metric("c").dataPoints()).hasSize(5);
    }

    @Test
    void exemplarLabels() {
        Counter c = Counter.builder().name("c").help("").register(t.registry);
        // 128 characters is fine, even with characters of more than one byte (Python test_exemplar_validation).
        String[] ok = {"abcdefghijklmnopqrstuvwxyz", "26+16 characters", "x123456", "7+15 characters",
            "zyxwvutsrqponmlkjihgfedcba", "26+16 characters", "unicode", "7+15 chars    平"};
        assertThatCode(() -> c.incWithExemplar(1, ok)).doesNotThrowAnyException();
        assertThat(t.<DataPoint.CounterPoint>point("c").exemplar().labelPairs()).containsExactly(ok);
        // 129 characters are too many.
        String[] tooLong = {"abcdefghijklmnopqrstuvwxyz", "26+16 characters", "x1234567", "8+15 characters",
            "zyxwvutsrqponmlkjihgfedcba", "26+16 characters", "y123456", "7+15 characters"};
        assertThatThrownBy(() -> c.incWithExemplar(1, tooLong)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("129");
        assertThatThrownBy(() -> c.incWithExemplar(1, ":o)", "smile")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> c.incWithExemplar(1, "1", "number")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> c.incWithExemplar(1, "odd")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> c.incWithExemplar(1, "k", null)).isInstanceOf(IllegalArgumentException.class);
        // A refused exemplar adds nothing and keeps the previous one.
        assertThat(c.get()).isEqualTo(1.0);
        assertThat(t.<DataPoint.CounterPoint>point("c").exemplar().labelPairs()).containsExactly(ok);
        Histogram h = Histogram.builder().name("h").help("").buckets(1).register(t.registry);
        assertThatThrownBy(() -> h.observeWithExemplar(0.5, tooLong)).isInstanceOf(IllegalArgumentException.class);
        assertThat(t.<DataPoint.HistogramPoint>point("h").count()).isZero();
    }

    /**
     * Issue #10: the limit is 128 characters (code points, as OpenMetrics counts), not 256
     * bytes: {@code incWithExemplar(1, "a", "平".repeat(127))} was refused "at most 128
     * characters". Every label set within 128 characters is stored and read back exactly, the
     * largest in bytes included; 129 characters are refused with a message in characters.
     */
    @Test
    void exemplarLimitCountsCharactersNotBytes() {
        Counter c = Counter.builder().name("c").help("").register(t.registry);
        Histogram h = Histogram.builder().name("h").help("").buckets(1).register(t.registry);
        String emoji = new String(Character.toChars(0x1F600));
        List<String[]> fits = new ArrayList<>();
        fits.add(new String[] {"a", "平".repeat(127)});
        fits.add(new String[] {"a", emoji.repeat(127)});
        fits.add(new String[] {"trace_id", emoji.repeat(60), "b", "é".repeat(59)});
        String[] manyPairs = new String[128];
        for (int i = 0; i < 64; i++) {
            manyPairs[2 * i] = String.valueOf((char) ('a' + i % 26));
            manyPairs[2 * i + 1] = emoji;
        }
        fits.add(manyPairs); // 128 characters, 512 bytes encoded: the most there can be
        String[] emptyValues = new String[256];
        for (int i = 0; i < 128; i++) {
            emptyValues[2 * i] = String.valueOf((char) ('a' + i % 26));
            emptyValues[2 * i + 1] = "";
        }
        fits.add(emptyValues);
        double expected = 0;
        for (String[] pairs : fits) {
            c.incWithExemplar(1, pairs);
            expected++;
            assertThat(t.<DataPoint.CounterPoint>point("c").exemplar().labelPairs()).containsExactly(pairs);
            h.observeWithExemplar(0.5, pairs);
            assertThat(t.<DataPoint.HistogramPoint>point("h").exemplars().get(0).labelPairs()).containsExactly(pairs);
        }
        assertThat(c.get()).isEqualTo(expected);
        for (String[] tooMany : List.of(new String[] {"a", "平".repeat(128)}, new String[] {"ab", emoji.repeat(127)},
                new String[] {"a", "x".repeat(127), "b", ""})) {
            assertThatThrownBy(() -> c.incWithExemplar(1, tooMany)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("129 characters").hasMessageContaining("128");
            assertThatThrownBy(() -> h.observeWithExemplar(0.5, tooMany)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("129 characters");
        }
        assertThat(c.get()).isEqualTo(expected);
        assertThat(t.<DataPoint.HistogramPoint>point("h").count()).isEqualTo(fits.size());
    }
}
