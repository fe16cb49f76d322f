package example.workerpool;

import io.mpmetrics.metrics.Counter;
import io.mpmetrics.metrics.Gauge;
import io.mpmetrics.metrics.Histogram;
import io.mpmetrics.metrics.MetricsRegistry;

/**
 * A worker JVM: its metrics go to the file named by MPMETRICS_FILE (set by the parent), the
 * same counters as every other worker's.
 */
public final class Worker {
    private static final Counter JOBS = Counter.builder().name("pool_jobs").help("Jobs done")
            .labelNames("worker").register();
    private static final Histogram DURATION = Histogram.builder().name("pool_job_duration_seconds").unit("seconds")
            .help("Time per job").buckets(0.000_001, 0.000_01, 0.000_1, 0.001).register();
    private static final Gauge BUSY = Gauge.builder().name("pool_workers_busy").help("Workers working now").register();

    public static void main(String[] args) {
        String worker = args[0];
        int jobs = Integer.parseInt(args[1]);
        Counter.Child done = JOBS.labelValues(worker);
        long checksum = 0;
        try (Gauge.InProgress busy = BUSY.trackInProgress()) {
            for (int i = 0; i < jobs; i++) {
                long start = System.nanoTime();
                checksum += Long.hashCode(i * 0x9E3779B97F4A7C15L); // the "job"
                DURATION.observe((System.nanoTime() - start) / 1e9);
                done.inc();
            }
        }
        System.out.println("  worker " + worker + " (pid " + ProcessHandle.current().pid() + ", backend "
                + MetricsRegistry.defaultRegistry().heap().backend().name() + "): " + jobs + " jobs, checksum "
                + checksum);
    }
}
