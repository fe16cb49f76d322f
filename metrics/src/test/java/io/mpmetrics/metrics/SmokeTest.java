package io.mpmetrics.metrics;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SmokeTest {
    @TempDir
    Path dir;

    @Test
    void everyTypeRegistersUpdatesAndCollects() throws Exception {
        try (MetricsRegistry r = MetricsRegistry.openOrCreate(dir.resolve("m.mpm"))) {
            Counter c = Counter.builder().name("requests_total").help("h").labelNames("method").register(r);
            c.labelValues("GET").inc();
            c.labelValues("GET").incWithExemplar(2.5, "trace_id", "abc");
            Gauge g = Gauge.builder().name("temp").help("h").register(r);
            g.set(3);
            Histogram h = Histogram.builder().name("lat_seconds").unit("seconds").help("h").buckets(1, 2).register(r);
            h.observe(1);
            h.observe(1.5);
            h.observe(7);
            Summary s = Summary.builder().name("size").help("h").register(r);
            s.observe(4);
            StateSet st = StateSet.builder().name("phase").help("h").states("a", "b").register(r);
            st.state("b");
            Info.builder().name("build_info").help("h").labelNames("v").register(r).labelValues("1.0");
            List<MetricSnapshot> all = r.collect();
            assertThat(all).extracting(MetricSnapshot::name)
                    .containsExactly("requests", "temp", "lat_seconds", "size", "phase", "build");
            DataPoint.CounterPoint cp = (DataPoint.CounterPoint) all.get(0).dataPoints().get(0);
            assertThat(cp.value()).isEqualTo(3.5);
            assertThat(cp.exemplar().labelPairs()).containsExactly("trace_id", "abc");
            DataPoint.HistogramPoint hp = (DataPoint.HistogramPoint) all.get(2).dataPoints().get(0);
            assertThat(hp.bucketCounts()).containsExactly(1, 1, 1);
            assertThat(hp.count()).isEqualTo(3);
            assertThat(hp.sum()).isEqualTo(9.5);
            // A second registry on the same file (as another process would) sees everything.
            try (MetricsRegistry reader = MetricsRegistry.openExisting(r.path())) {
                assertThat(reader.collect()).hasSize(6);
                Counter same = Counter.builder().name("requests").help("other help").labelNames("method").register(reader);
                same.labelValues("GET").inc();
                assertThat(c.labelValues("GET").get()).isEqualTo(4.5);
            }
        }
    }
}
