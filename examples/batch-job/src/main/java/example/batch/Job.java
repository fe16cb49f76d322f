package example.batch;

import io.mpmetrics.metrics.Counter;
import io.mpmetrics.metrics.Gauge;
import io.mpmetrics.metrics.Summary;

/**
 * A short-lived batch job: processes some records, counts them, and exits. Its metrics go to
 * the file named by MPMETRICS_FILE, so every run adds to the same counters and an exporter
 * ({@code mpmetrics serve --file F}) serves the totals after the job is gone.
 *
 * <pre>
 * MPMETRICS_FILE=/dev/shm/mpmetrics-$USER/batch.mpm java -cp 'target/classes:target/lib/*' example.batch.Job 1000
 * </pre>
 */
public final class Job {
    private static final Counter RECORDS = Counter.builder().name("batch_records_processed")
            .help("Records processed by all runs").labelNames("outcome").register();
    private static final Counter RUNS = Counter.builder().name("batch_runs").help("Runs of the job").register();
    private static final Summary RECORD_BYTES = Summary.builder().name("batch_record_size_bytes").unit("bytes")
            .help("Size of the records processed").register();
    private static final Gauge LAST_SUCCESS = Gauge.builder().name("batch_last_success_timestamp_seconds")
            .unit("seconds").help("When a run last finished").register();

    public static void main(String[] args) {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        for (int i = 0; i < records; i++) {
            boolean valid = i % 10 != 0;                 // every tenth record is rejected
            RECORDS.labelValues(valid ? "ok" : "rejected").inc();
            RECORD_BYTES.observe(100 + i % 50);
        }
        RUNS.inc();
        LAST_SUCCESS.setToCurrentTime();
        System.out.println("  job run (pid " + ProcessHandle.current().pid() + "): " + records + " records");
    }
}
