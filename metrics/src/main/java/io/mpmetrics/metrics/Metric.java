package io.mpmetrics.metrics;

import io.mpmetrics.metrics.internal.Series;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

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
    private final int maxLabelSets;
    private final ConcurrentHashMap<LabelKey, C> children = new ConcurrentHashMap<>();
    private final C unlabelled;

    Metric(MetricsRegistry registry, MetricDefinition definition, int maxLabelSets) {
        definition.validate();
        this.registry = registry;
        this.definition = definition;
        this.maxLabelSets = maxLabelSets;
        this.entry = registry.register(definition);
        this.unlabelled = definition.labelNames().isEmpty()
                ? newChild(registry.series(entry, List.of(), maxLabelSets), List.of()) : null;
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
        C child = children.get(new LabelKey(values));
        if (child != null) {
            return child;
        }
        return createChild(values.clone());
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
        return children.computeIfAbsent(new LabelKey(values),
                k -> newChild(registry.series(entry, key, maxLabelSets), key));
    }

    /** The single child of a metric without labels. */
    final C unlabelled() {
        if (unlabelled == null) {
            throw new IllegalStateException(definition.name() + " has labels " + definition.labelNames()
                    + ": use labelValues(..) to pick a series");
        }
        return unlabelled;
    }

    /** Label values as a map key, hashed and compared by content. */
    static final class LabelKey {
        private final String[] values;
        private final int hash;

        LabelKey(String[] values) {
            this.values = values;
            this.hash = Arrays.hashCode(values);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof LabelKey && Arrays.equals(values, ((LabelKey) o).values);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + definition + " in " + registry.path() + "]";
    }
}
