package io.mpmetrics.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The samples of a Prometheus text or OpenMetrics exposition, for assertions: series (name and
 * labels exactly as written) to value. Comments, exemplars and timestamps are skipped.
 *
 * <pre>{@code
 * Samples s = Samples.parse(text);
 * double total = s.sum("demo_requests_total");
 * double inf = s.value("demo_request_duration_seconds_bucket{le=\"+Inf\"}");
 * }</pre>
 */
final class Samples {
    private static final Pattern SAMPLE = Pattern.compile(
            "^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*\\})?\\s+(\\S+)(\\s+[^#\\s]\\S*)?(\\s+#.*)?$");

    private final Map<String, Double> series = new LinkedHashMap<>();

    private Samples() {
    }

    static Samples parse(String text) {
        Samples s = new Samples();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher m = SAMPLE.matcher(line);
            if (!m.matches()) {
                throw new AssertionError("not a sample line: " + line);
            }
            String key = m.group(1) + (m.group(2) == null ? "" : m.group(2));
            if (s.series.put(key, parseValue(m.group(3))) != null) {
                throw new AssertionError("series written twice: " + key);
            }
        }
        return s;
    }

    private static double parseValue(String v) {
        switch (v) {
            case "+Inf":
                return Double.POSITIVE_INFINITY;
            case "-Inf":
                return Double.NEGATIVE_INFINITY;
            case "NaN":
                return Double.NaN;
            default:
                return Double.parseDouble(v);
        }
    }

    /** The value of one series, e.g. {@code name{a="b"}}; fails if absent. */
    double value(String seriesKey) {
        Double v = series.get(seriesKey);
        if (v == null) {
            throw new AssertionError("no series " + seriesKey + " in " + series.keySet());
        }
        return v;
    }

    boolean has(String seriesKey) {
        return series.containsKey(seriesKey);
    }

    /** The sum over every series of metric {@code name} (0 if none). */
    double sum(String name) {
        double total = 0;
        for (Map.Entry<String, Double> e : series.entrySet()) {
            String k = e.getKey();
            if (k.equals(name) || k.startsWith(name + "{")) {
                total += e.getValue();
            }
        }
        return total;
    }

    /** How many series metric {@code name} has. */
    int count(String name) {
        int n = 0;
        for (String k : series.keySet()) {
            if (k.equals(name) || k.startsWith(name + "{")) {
                n++;
            }
        }
        return n;
    }

    /** The number of series. */
    int size() {
        return series.size();
    }

    @Override
    public String toString() {
        return series.toString();
    }
}
