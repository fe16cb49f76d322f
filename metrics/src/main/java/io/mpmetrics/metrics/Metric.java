package io.mpmetrics.metrics;

import io.mpmetrics.metrics.internal.Series;

import java.util.Arrays;
import java.util.List;

/**
 * What every metric has: its definition, its registry entry and a per-process cache of its
 * children (one per label set) in front of the shared directory.
 *
 * @param <C> the child type: the thing you update for one label set
 */
public abstract class Metric<C> {
    final MetricsRegistry registry;
    final MetricsRegistry.Entry entry;
    final MetricDefinition definition;
    private final ChildTable<C> children = new ChildTable<>();
    private final C unlabelled;

    Metric(MetricsRegistry registry, MetricDefinition definition) {
        definition.validate();
        this.registry = registry;
        this.definition = definition;
        this.entry = registry.register(definition);
        this.unlabelled = definition.labelNames().isEmpty()
                ? newChild(registry.series(entry, List.of()), List.of()) : null;
    }

    abstract C newChild(Series series, List<String> labelValues);

    /** What this metric is. */
    public MetricDefinition definition() {
        return definition;
    }

    /** The metric's name. */
    public String name() {
        return definition.name();
    }

    /**
     * The child for these label values, created in the file if no process made it before.
     *
     * @throws IllegalArgumentException if the number of values is not the number of label names
     * @throws CardinalityLimitException past the metric's label-set limit
     */
    public C labelValues(String... values) {
        C child = children.get(values);
        if (child != null) {
            return child;
        }
        // Copy: the caller's (varargs) array must not escape, so that the JIT can elide it.
        return createChild(values.clone());
    }

    /**
     * {@link #labelValues(String...)} for one label: allocates nothing once the child exists.
     */
    public C labelValues(String value) {
        C child = value == null ? null : children.get(value);
        return child != null ? child : createChild(new String[] {value});
    }

    /**
     * {@link #labelValues(String...)} for two labels: allocates nothing once the child exists.
     */
    public C labelValues(String first, String second) {
        C child = first == null || second == null ? null : children.get(first, second);
        return child != null ? child : createChild(new String[] {first, second});
    }

    /**
     * {@link #labelValues(String...)} for three labels: allocates nothing once the child exists.
     */
    public C labelValues(String first, String second, String third) {
        C child = first == null || second == null || third == null ? null : children.get(first, second, third);
        return child != null ? child : createChild(new String[] {first, second, third});
    }

    private C createChild(String[] values) {
        List<String> names = definition.labelNames();
        if (values.length != names.size()) {
            throw new IllegalArgumentException(definition.name() + " has label names " + names + " but got "
                    + values.length + " values " + Arrays.toString(values));
        }
        for (int i = 0; i < values.length; i++) {
            Names.checkLabelValue(values[i], names.get(i), definition.name());
        }
        List<String> key = List.of(values);
        return children.computeIfAbsent(values, k -> newChild(registry.series(entry, key), key));
    }

    /** The single child of a metric without labels. */
    final C unlabelled() {
        if (unlabelled == null) {
            throw new IllegalStateException(definition.name() + " has labels " + definition.labelNames()
                    + ": use labelValues(..) to pick a series");
        }
        return unlabelled;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + definition + " in " + registry.path() + "]";
    }
}
