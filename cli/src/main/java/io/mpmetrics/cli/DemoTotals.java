package io.mpmetrics.cli;

import io.mpmetrics.metrics.DataPoint;
import io.mpmetrics.metrics.MetricSnapshot;
import io.mpmetrics.metrics.MetricsRegistry;

/**
 * What the demo's metrics in a file add up to: requests counted by the counter (all label
 * sets), observations in the histogram and in the summary, and the in-progress gauge.
 *
 * <pre>{@code
 * DemoTotals before = DemoTotals.read(registry);
 * // ... workers run ...
 * DemoTotals added = DemoTotals.read(registry).minus(before);
 * }</pre>
 *
 * @param requests the sum of {@code demo_requests_total} over its label sets
 * @param histogramCount {@code demo_request_duration_seconds_count}
 * @param summaryCount {@code demo_response_size_bytes_count}
 * @param inProgress {@code demo_requests_in_progress}
 */
record DemoTotals(long requests, long histogramCount, long summaryCount, double inProgress) {
    static final DemoTotals ZERO = new DemoTotals(0, 0, 0, 0);

    static DemoTotals read(MetricsRegistry registry) {
        double requests = 0;
        long histogram = 0;
        long summary = 0;
        double inProgress = 0;
        for (MetricSnapshot m : registry.collect()) {
            for (DataPoint p : m.dataPoints()) {
                switch (m.name()) {
                    case DemoWorker.COUNTER:
                        requests += p instanceof DataPoint.CounterPoint c ? c.value() : 0;
                        break;
                    case DemoWorker.HISTOGRAM:
                        histogram += p instanceof DataPoint.HistogramPoint h ? h.count() : 0;
                        break;
                    case DemoWorker.SUMMARY:
                        summary += p instanceof DataPoint.SummaryPoint s ? s.count() : 0;
                        break;
                    case DemoWorker.GAUGE:
                        inProgress += p instanceof DataPoint.GaugePoint g ? g.value() : 0;
                        break;
                    default:
                        break;
                }
            }
        }
        // Counters hold whole increments exactly far beyond any demo's reach (2^53).
        return new DemoTotals(Math.round(requests), histogram, summary, inProgress);
    }

    DemoTotals minus(DemoTotals base) {
        return new DemoTotals(requests - base.requests, histogramCount - base.histogramCount,
                summaryCount - base.summaryCount, inProgress);
    }
}
