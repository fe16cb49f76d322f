package example.jpms;

import io.mpmetrics.exporter.Exposition;
import io.mpmetrics.metrics.Counter;
import io.mpmetrics.metrics.DurationTimer;
import io.mpmetrics.metrics.Histogram;
import io.mpmetrics.metrics.MetricsRegistry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Runs as a named module ({@code java -p target/classes:target/lib -m example.jpms/example.jpms.Main}),
 * and, the same jars, on the class path ({@code java -cp 'target/classes:target/lib/*' example.jpms.Main}).
 * The backend module is not required by anyone: the JDK resolves it by service binding, because
 * the api module {@code uses io.mpmetrics.spi.Backend} and the backend {@code provides} it.
 */
public final class Main {
    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("jpms-app");
        Path file = dir.resolve("app.mpm");
        boolean ok;
        try (MetricsRegistry registry = MetricsRegistry.openOrCreate(file)) {
            Counter greetings = Counter.builder().name("greetings").help("Greetings said").labelNames("language")
                    .register(registry);
            Histogram latency = Histogram.builder().name("greeting_seconds").unit("seconds").help("Time to greet")
                    .register(registry);
            for (String language : new String[] {"en", "fr", "en"}) {
                try (DurationTimer t = latency.startTimer()) {
                    greetings.labelValues(language).inc();
                }
            }
            System.out.print(Exposition.toText(registry, Exposition.Format.PROMETHEUS));

            String backend = registry.heap().backend().name();
            Module self = Main.class.getModule();
            boolean bound = ModuleLayer.boot().findModule("io.mpmetrics.backend.varhandle").isPresent();
            double en = registry.sampleValue("greetings_total", Map.of("language", "en")).orElse(-1);
            System.out.println((self.isNamed() ? "module path: module " + self.getName()
                    + ", backend module resolved by service binding: " + bound : "class path (found with ServiceLoader)")
                    + ", backend " + backend + ", greetings_total{language=en} = " + en);
            // The same jars work on the class path too (run.sh runs both).
            ok = (!self.isNamed() || bound) && backend.equals("varhandle") && en == 2
                    && registry.sampleValue("greeting_seconds_count").orElse(-1) == 3;
        }
        Files.deleteIfExists(file);
        Files.deleteIfExists(dir);
        System.out.println(ok ? "jpms-app: OK" : "jpms-app: FAILED");
        System.exit(ok ? 0 : 1);
    }
}
