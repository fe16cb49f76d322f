package io.mpmetrics.itests.metrics;

import io.mpmetrics.metrics.DataPoint;
import io.mpmetrics.metrics.MetricSnapshot;

import java.util.Arrays;
import java.util.List;

/** Lookups into scrapes and the consistency rules every scrape must obey. */
final class Scrapes {
    private Scrapes() {
    }

    static MetricSnapshot metric(List<MetricSnapshot> scrape, String name) {
        for (MetricSnapshot m : scrape) {
            if (m.name().equals(name)) {
                return m;
            }
        }
        throw new AssertionError("no metric " + name + " in " + scrape);
    }

    @SuppressWarnings("unchecked")
    static <P extends DataPoint> P point(List<MetricSnapshot> scrape, String name, String... labelValues) {
        MetricSnapshot m = metric(scrape, name);
        List<String> wanted = Arrays.asList(labelValues);
        for (DataPoint p : m.dataPoints()) {
            if (p.labelValues().equals(wanted)) {
                return (P) p;
            }
        }
        throw new AssertionError("no series " + wanted + " of " + name + " in " + m.dataPoints());
    }

    /** Σ bucket count × bucket bound, for histograms whose observations all equal their bucket's bound. */
    static double sumOnBounds(MetricSnapshot m, DataPoint.HistogramPoint h) {
        long[] buckets = h.bucketCounts();
        List<Double> bounds = m.definition().buckets();
        double sum = 0;
        for (int i = 0; i < buckets.length; i++) {
            if (buckets[i] != 0) {
                sum += buckets[i] * bounds.get(i);
            }
        }
        return sum;
    }

    static long total(long[] buckets) {
        return Arrays.stream(buckets).sum();
    }

    /**
     * Checks the histogram {@code h} and summary {@code s} of a scrape: histogram count ==
     * bucket total, nothing in +Inf, sum == Σ count × bound; summary sum == count (every
     * observation is 1).
     *
     * @return the histogram's count
     */
    static long checkConsistent(List<MetricSnapshot> scrape) {
        MetricSnapshot hm = metric(scrape, "h");
        if (hm.dataPoints().size() != 1) {
            throw new AssertionError("histogram has " + hm.dataPoints().size() + " series (a scrape gave up?)");
        }
        DataPoint.HistogramPoint h = (DataPoint.HistogramPoint) hm.dataPoints().get(0);
        long[] buckets = h.bucketCounts();
        if (h.count() != total(buckets)) {
            throw new AssertionError("count " + h.count() + " != bucket total " + total(buckets) + " in " + h);
        }
        if (buckets[buckets.length - 1] != 0) {
            throw new AssertionError("+Inf bucket is not empty in " + h);
        }
        double expected = sumOnBounds(hm, h);
        if (h.sum() != expected) {
            throw new AssertionError("sum " + h.sum() + " != Σ count × bound " + expected + " in " + h);
        }
        DataPoint.SummaryPoint s = point(scrape, "s");
        if (s.sum() != s.count()) {
            throw new AssertionError("summary sum " + s.sum() + " != count " + s.count());
        }
        return h.count();
    }
}
