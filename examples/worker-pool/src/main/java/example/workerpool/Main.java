package example.workerpool;

import io.mpmetrics.exporter.MpmetricsCollector;
import io.mpmetrics.metrics.MetricsRegistry;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parent JVM that starts a pool of worker JVMs sharing one metrics file, serves every
 * worker's metrics (and its own client_java metrics) on /metrics, and checks the totals by
 * scraping itself over HTTP.
 *
 * <pre>
 * java -cp 'target/classes:target/lib/*' example.workerpool.Main [workers] [jobs per worker]
 * </pre>
 */
public final class Main {
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*})? (\\S+)");

    public static void main(String[] args) throws Exception {
        int workers = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int jobs = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;

        // Without MPMETRICS_FILE this is a process-private file, deleted when this JVM exits;
        // the workers join it through MPMETRICS_FILE while we run.
        MetricsRegistry registry = MetricsRegistry.defaultRegistry();
        Path file = registry.path();

        // One client_java registry holds the workers' shared metrics and this process's own.
        PrometheusRegistry prometheus = new PrometheusRegistry();
        MpmetricsCollector.register(registry, prometheus);
        Counter started = Counter.builder().name("pool_workers_started").help("Worker JVMs started by the parent")
                .register(prometheus);
        HTTPServer server = HTTPServer.builder().hostname("127.0.0.1").port(0).registry(prometheus).buildAndStart();
        String url = "http://127.0.0.1:" + server.getPort() + "/metrics";
        System.out.println("worker-pool: " + workers + " workers x " + jobs + " jobs, file " + file + ", serving " + url);

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Process> pool = new ArrayList<>();
        for (int w = 1; w <= workers; w++) {
            ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    Worker.class.getName(), Integer.toString(w), Integer.toString(jobs)).inheritIO();
            pb.environment().put(MetricsRegistry.FILE_ENV, file.toString());
            pool.add(pb.start());
            started.inc();
        }
        boolean ok = true;
        for (Process p : pool) {
            int exit = p.waitFor();
            if (exit != 0) {
                System.out.println("worker pid " + p.pid() + " exited with " + exit);
                ok = false;
            }
        }

        // Check what a Prometheus server would see.
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String body = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        double jobsTotal = 0;
        double durationCount = 0;
        double startedTotal = -1;
        int seenWorkers = 0;
        for (String line : body.split("\n")) {
            Matcher m = SAMPLE.matcher(line);
            if (!m.find()) {
                continue;
            }
            double v = Double.parseDouble(m.group(3));
            switch (m.group(1)) {
                case "pool_jobs_total" -> {
                    jobsTotal += v;
                    seenWorkers++;
                }
                case "pool_job_duration_seconds_count" -> durationCount += v;
                case "pool_workers_started_total" -> startedTotal = v;
                default -> { }
            }
        }
        long expected = (long) workers * jobs;
        System.out.printf("scraped %s: pool_jobs_total summed over %d workers = %.0f, "
                + "pool_job_duration_seconds_count = %.0f, pool_workers_started_total = %.0f (expected %d, %d, %d)%n",
                url, seenWorkers, jobsTotal, durationCount, startedTotal, expected, expected, workers);
        ok &= seenWorkers == workers && jobsTotal == expected && durationCount == expected && startedTotal == workers;
        // The same number without HTTP, e.g. in a test.
        ok &= registry.sampleValue("pool_workers_busy").orElse(-1) == 0;
        server.close();
        registry.close();
        ok &= !Files.exists(file);
        System.out.println(ok ? "worker-pool: OK" : "worker-pool: FAILED");
        System.exit(ok ? 0 : 1);
    }
}
