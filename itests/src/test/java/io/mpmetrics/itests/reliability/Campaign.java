package io.mpmetrics.itests.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The knobs of the reliability campaign and where its figures go. The short variants (what
 * {@code mvn verify} and CI run) are the defaults; the Maven profile {@code long} raises them
 * through system properties (see {@code itests/pom.xml} and {@code RELIABILITY.md}).
 *
 * <pre>{@code
 * int rounds = Campaign.killRounds();          // 50, or 500 with -Plong
 * Campaign.report("killed-writers", Map.of("rounds", rounds, "lostUpdates", 0));
 * }</pre>
 */
final class Campaign {
    static final String PREFIX = "mpmetrics.reliability.";

    private Campaign() {
    }

    /** The seed every randomized test starts from (fixed, so failures reproduce). */
    static long seed() {
        return Long.getLong(PREFIX + "seed", 20261127L);
    }

    /** Rounds of the killed-writers test, per layout family. */
    static int killRounds() {
        return Integer.getInteger(PREFIX + "killRounds", 50);
    }

    /** Mutated copies per layout family in the corrupt-file fuzz. */
    static int mutations() {
        return Integer.getInteger(PREFIX + "mutations", 10_000);
    }

    /** Length of the soak. */
    static int soakSeconds() {
        return Integer.getInteger(PREFIX + "soakSeconds", 20);
    }

    /** Rounds of 8 processes racing to create one file. */
    static int concurrentOpenRounds() {
        return Integer.getInteger(PREFIX + "concurrentOpenRounds", 3);
    }

    /**
     * Records the figures of a run in {@code target/reliability/NAME-VARIANT-jdkN.properties} (the numbers
     * RELIABILITY.md quotes) and prints them.
     */
    static void report(String name, Map<String, ?> figures) {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("java.version", System.getProperty("java.version"));
        all.put("finished", Instant.now().toString());
        all.put("variant", System.getProperty(PREFIX + "variant", "short"));
        all.put("seed", seed());
        all.putAll(figures);
        StringBuilder text = new StringBuilder();
        all.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        System.out.println("[reliability] " + name + ": " + all);
        Path dir = Paths.get(System.getProperty(PREFIX + "reportDir", "target/reliability"));
        try {
            Files.createDirectories(dir);
            String file = name + "-" + System.getProperty(PREFIX + "variant", "short") + "-jdk"
                    + Runtime.version().feature() + ".properties";
            Files.writeString(dir.resolve(file), text, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
