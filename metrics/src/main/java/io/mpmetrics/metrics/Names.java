package io.mpmetrics.metrics;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Prometheus / OpenMetrics naming rules, checked when a metric is built. */
final class Names {
    private static final Pattern METRIC = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Pattern UNIT = Pattern.compile("[a-zA-Z0-9_]+");
    /** Suffixes that exposition formats add themselves; client_java refuses them in names. */
    static final List<String> RESERVED_SUFFIXES = List.of("_total", "_created", "_bucket", "_info");
    /** The longest label value accepted. */
    static final int MAX_LABEL_VALUE_LENGTH = 2048;

    private Names() {
    }

    static String checkMetricName(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a metric needs a name");
        }
        if (!METRIC.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a valid metric name (" + METRIC.pattern() + ")");
        }
        if (name.startsWith("__")) {
            throw new IllegalArgumentException("metric name '" + name + "' starts with the reserved prefix __");
        }
        for (String suffix : RESERVED_SUFFIXES) {
            if (name.endsWith(suffix)) {
                throw new IllegalArgumentException("metric name '" + name + "' ends with the reserved suffix " + suffix
                        + " (exposition adds it)");
            }
        }
        return name;
    }

    static String checkUnit(String name, String unit) {
        if (unit == null) {
            return "";
        }
        if (!unit.isEmpty()) {
            if (!UNIT.matcher(unit).matches()) {
                throw new IllegalArgumentException("'" + unit + "' is not a valid unit");
            }
            if (!name.endsWith("_" + unit)) {
                throw new IllegalArgumentException("metric name '" + name + "' must end with its unit _" + unit);
            }
        }
        return unit;
    }

    static void checkLabelName(String label, String metric) {
        if (label == null || !LABEL.matcher(label).matches()) {
            throw new IllegalArgumentException("'" + label + "' is not a valid label name for " + metric + " ("
                    + LABEL.pattern() + ")");
        }
        if (label.startsWith("__")) {
            throw new IllegalArgumentException("label name '" + label + "' of " + metric
                    + " starts with the reserved prefix __");
        }
    }

    static List<String> checkLabelNames(List<String> labels, String metric, Set<String> reserved) {
        Set<String> seen = new HashSet<>();
        for (String label : labels) {
            checkLabelName(label, metric);
            if (reserved.contains(label)) {
                throw new IllegalArgumentException("label name '" + label + "' is reserved for " + metric);
            }
            if (!seen.add(label)) {
                throw new IllegalArgumentException("label name '" + label + "' appears twice in " + metric);
            }
        }
        return List.copyOf(labels);
    }

    /**
     * Every name a metric of {@code type} called {@code name} puts into an exposition: its family
     * name and its sample names (counter {@code x}: {@code x}, {@code x_total},
     * {@code x_created}; summary {@code s}: {@code s}, {@code s_count}, {@code s_sum},
     * {@code s_created}; histogram {@code h}: {@code h}, {@code h_bucket}, {@code h_count},
     * {@code h_sum}, {@code h_created}; info {@code x}: {@code x}, {@code x_info}; gauge and
     * state set {@code x}: {@code x}). Two metrics of one file may share none of them:
     * {@code promtool} refuses a duplicate and client_java's registry throws "conflicting
     * exposition name".
     */
    static List<String> exposedNames(MetricType type, String name) {
        switch (type) {
            case COUNTER:
                return List.of(name, name + "_total", name + "_created");
            case SUMMARY:
                return List.of(name, name + "_count", name + "_sum", name + "_created");
            case HISTOGRAM:
                return List.of(name, name + "_bucket", name + "_count", name + "_sum", name + "_created");
            case INFO:
                return List.of(name, name + "_info");
            default:
                return List.of(name);
        }
    }

    static void checkLabelValue(String value, String label, String metric) {
        if (value == null) {
            throw new IllegalArgumentException("label value for '" + label + "' of " + metric + " is null");
        }
        if (value.length() > MAX_LABEL_VALUE_LENGTH) {
            throw new IllegalArgumentException("label value for '" + label + "' of " + metric + " is "
                    + value.length() + " characters long (limit " + MAX_LABEL_VALUE_LENGTH + ")");
        }
    }
}
