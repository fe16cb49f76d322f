package io.mpmetrics.benchmarks;

import io.mpmetrics.heap.Heap;
import io.mpmetrics.metrics.Counter;
import io.mpmetrics.metrics.DataPoint;
import io.mpmetrics.metrics.Histogram;
import io.mpmetrics.metrics.MetricSnapshot;
import io.mpmetrics.metrics.MetricsRegistry;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * The multi-process harness: 1, then 2 worker JVMs updating the same counter and the same
 * histogram in one file. Each worker warms up, waits for the start signal, times its own loop
 * and prints ns/op; the parent checks that the totals are exact.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.mpmetrics.benchmarks.MultiProcessRun [ops-per-worker]
 * </pre>
 */
public final class MultiProcessRun {
    private MultiProcessRun() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("worker")) {
            worker(Paths.get(args[1]), args[2], Long.parseLong(args[3]), Long.parseLong(args[4]));
            return;
        }
        long ops = args.length > 0 ? Long.parseLong(args[0]) : 20_000_000L;
        long warmup = ops / 4;
        System.out.printf("%-10s %-9s %12s %12s%n", "metric", "processes", "ns/op (each)", "total ok");
        for (String metric : List.of("counter", "histogram")) {
            for (int processes = 1; processes <= 2; processes++) {
                run(metric, processes, ops, warmup);
            }
        }
    }

    private static void run(String metric, int processes, long ops, long warmup) throws Exception {
        Path dir = Files.createTempDirectory(Heap.defaultDirectory(), "mp");
        Path file = dir.resolve("mp.mpm");
        try (MetricsRegistry registry = MetricsRegistry.openOrCreate(file)) {
            register(registry, metric);
            List<Process> workers = new ArrayList<>();
            List<BufferedReader> outputs = new ArrayList<>();
            for (int i = 0; i < processes; i++) {
                Process p = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp", System.getProperty("java.class.path"), MultiProcessRun.class.getName(), "worker",
                        file.toString(), metric, Long.toString(ops), Long.toString(warmup))
                        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
                workers.add(p);
                outputs.add(new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)));
            }
            for (BufferedReader out : outputs) {
                expect(out.readLine(), "READY");
            }
            for (Process p : workers) {
                OutputStream in = p.getOutputStream();
                in.write("GO\n".getBytes(StandardCharsets.UTF_8));
                in.flush();
            }
            List<String> nanos = new ArrayList<>();
            for (int i = 0; i < processes; i++) {
                nanos.add(outputs.get(i).readLine());
                if (workers.get(i).waitFor() != 0) {
                    throw new IllegalStateException("worker failed");
                }
            }
            double total = total(registry.collect());
            double expected = (double) processes * (ops + warmup);
            System.out.printf("%-10s %-9d %12s %12s%n", metric, processes, String.join(" / ", nanos),
                    total == expected ? "yes" : "NO: " + total + " != " + expected);
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void expect(String line, String wanted) {
        if (!wanted.equals(line)) {
            throw new IllegalStateException("worker said " + line + ", expected " + wanted);
        }
    }

    private static Object register(MetricsRegistry registry, String metric) {
        return metric.equals("counter")
                ? Counter.builder().name("mp_requests").help("h").register(registry)
                : Histogram.builder().name("mp_latency").help("h").buckets(BenchmarkRegistries.BUCKETS).register(registry);
    }

    private static double total(List<MetricSnapshot> snapshots) {
        DataPoint p = snapshots.get(0).dataPoints().get(0);
        if (p instanceof DataPoint.CounterPoint) {
            return ((DataPoint.CounterPoint) p).value();
        }
        DataPoint.HistogramPoint h = (DataPoint.HistogramPoint) p;
        long buckets = 0;
        for (long b : h.bucketCounts()) {
            buckets += b;
        }
        if (buckets != h.count()) {
            throw new IllegalStateException("histogram inconsistent: " + h);
        }
        return h.count();
    }

    private static void worker(Path file, String metric, long ops, long warmup) throws IOException {
        try (MetricsRegistry registry = MetricsRegistry.openOrCreate(file)) {
            Object m = register(registry, metric);
            double[] values = BenchmarkRegistries.observations();
            loop(m, warmup, values);
            System.out.println("READY");
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            expect(in.readLine(), "GO");
            long start = System.nanoTime();
            loop(m, ops, values);
            long took = System.nanoTime() - start;
            System.out.printf("%.2f%n", (double) took / ops);
            System.out.flush();
        }
    }

    private static void loop(Object metric, long ops, double[] values) {
        if (metric instanceof Counter) {
            Counter c = (Counter) metric;
            for (long i = 0; i < ops; i++) {
                c.inc();
            }
        } else {
            Histogram h = (Histogram) metric;
            for (long i = 0; i < ops; i++) {
                h.observe(values[(int) i & (values.length - 1)]);
            }
        }
    }
}
