package io.mpmetrics.metrics;

import java.util.Arrays;
import java.util.List;

/**
 * What every metric builder has: name, help, unit, label names and the label-set limit.
 * Self-typed so that each builder's own methods chain, as in the Prometheus Java client.
 *
 * <pre>{@code
 * Counter c = Counter.builder().name("jobs").help("Jobs done").labelNames("queue").register(registry);
 * }</pre>
 *
 * @param <B> the builder type
 * @param <M> the metric it builds
 */
public abstract class MetricBuilder<B extends MetricBuilder<B, M>, M> {
    /** The default limit of label sets (series) per metric. */
    public static final int DEFAULT_MAX_LABEL_SETS = 10_000;

    String name;
    String help = "";
    String unit = "";
    List<String> labelNames = List.of();
    int maxLabelSets = DEFAULT_MAX_LABEL_SETS;

    MetricBuilder() {
    }

    @SuppressWarnings("unchecked")
    final B self() {
        return (B) this;
    }

    /** The metric's name (required). */
    public B name(String name) {
        this.name = name;
        return self();
    }

    /** The help text. */
    public B help(String help) {
        this.help = help == null ? "" : help;
        return self();
    }

    /** The unit, e.g. {@code seconds}; the name must then end with {@code _seconds}. */
    public B unit(String unit) {
        this.unit = unit == null ? "" : unit;
        return self();
    }

    /** The label names; each series then has one value per name (see {@code labelValues}). */
    public B labelNames(String... names) {
        checkNoNulls("label names", names);
        this.labelNames = List.copyOf(Arrays.asList(names));
        return self();
    }

    /**
     * The most label sets (series) the metric may have in the file, counting those every
     * process made (default {@value #DEFAULT_MAX_LABEL_SETS}); past it {@code labelValues}
     * throws {@link CardinalityLimitException} in whichever process asks for a new one.
     *
     * <p>The limit is part of the metric's definition, recorded by the first registration: a
     * later registration of the same name with another limit is refused with an
     * {@link IllegalArgumentException}, like a different type or label names, so every process
     * must give the same value (or none, for the default).
     *
     * @param limit at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code limit < 1}
     */
    public B maxLabelSets(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("maxLabelSets must be at least 1, got " + limit);
        }
        this.maxLabelSets = limit;
        return self();
    }

    /** A null element would otherwise be a bare NullPointerException from List.copyOf. */
    static void checkNoNulls(String what, String[] values) {
        for (String v : values) {
            if (v == null) {
                throw new IllegalArgumentException(what + " " + Arrays.toString(values) + " contain null");
            }
        }
    }

    /** The name with a suffix the type's exposition adds taken off (e.g. {@code _total}). */
    String baseName(String suffix) {
        if (name == null) {
            throw new IllegalArgumentException("a metric needs a name: call name(..) before register()");
        }
        return suffix != null && name.endsWith(suffix) && name.length() > suffix.length()
                ? name.substring(0, name.length() - suffix.length()) : name;
    }

    /** Registers the metric in {@code registry} (or finds the same one registered before). */
    public abstract M register(MetricsRegistry registry);

    /** Registers the metric in {@link MetricsRegistry#defaultRegistry()}. */
    public M register() {
        return register(MetricsRegistry.defaultRegistry());
    }
}
