package example.batch;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs {@link Job} several times against one file, then serves the file with
 * {@code mpmetrics serve} (the installed {@code io.mpmetrics:cli}) and checks over HTTP that the
 * counters hold the sum of every run. Uses only the JDK: it starts the same JVMs a cron job and
 * an operator would.
 */
public final class RunAndCheck {
    public static void main(String[] args) throws Exception {
        try {
            runAndCheck();
        } catch (IllegalStateException failed) {
            System.out.println("batch-job: FAILED: " + failed.getMessage());
            System.exit(1);
        }
        System.out.println("batch-job: OK");
    }

    private static void runAndCheck() throws Exception {
        int runs = 3;
        int records = 1000;
        Path dir = Files.createTempDirectory("batch-job");
        Path file = dir.resolve("batch.mpm");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (int run = 1; run <= runs; run++) {
            ProcessBuilder job = new ProcessBuilder(java, "-cp", "target/classes:target/lib/*", Job.class.getName(),
                    Integer.toString(records)).inheritIO();
            job.environment().put("MPMETRICS_FILE", file.toString());
            int exit = job.start().waitFor();
            if (exit != 0) {
                fail("run " + run + " exited with " + exit);
            }
        }
        Process serve = new ProcessBuilder(java, "-cp", "target/cli/*:target/lib/*", "io.mpmetrics.cli.Main", "serve",
                "--file", file.toString(), "--port", "0").redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            System.out.println("  mpmetrics serve: " + line);
            Matcher url = Pattern.compile(" at (http://\\S+/metrics)").matcher(line == null ? "" : line);
            if (!url.find()) {
                fail("mpmetrics serve did not start: " + line);
            }
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            String body = http.send(HttpRequest.newBuilder(URI.create(url.group(1))).timeout(Duration.ofSeconds(10))
                    .build(), HttpResponse.BodyHandlers.ofString()).body();
            double ok = sample(body, "batch_records_processed_total{outcome=\"ok\"}");
            double rejected = sample(body, "batch_records_processed_total{outcome=\"rejected\"}");
            double runsSeen = sample(body, "batch_runs_total");
            double sizes = sample(body, "batch_record_size_bytes_count");
            System.out.printf("scraped %s: runs %.0f, records ok %.0f, rejected %.0f, sizes observed %.0f%n",
                    url.group(1), runsSeen, ok, rejected, sizes);
            if (runsSeen != runs || ok != runs * 900 || rejected != runs * 100 || sizes != runs * records) {
                fail("expected runs " + runs + ", ok " + runs * 900 + ", rejected " + runs * 100 + ", sizes "
                        + runs * records);
            }
        } finally {
            serve.destroy();
            serve.waitFor(10, TimeUnit.SECONDS);
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
    }

    private static double sample(String body, String name) {
        for (String line : body.split("\n")) {
            if (line.startsWith(name + " ")) {
                return Double.parseDouble(line.substring(name.length() + 1).split(" ")[0]);
            }
        }
        return Double.NaN;
    }

    private static void fail(String why) {
        throw new IllegalStateException(why);
    }
}
