package io.mpmetrics.metrics;

import io.mpmetrics.atomic.AtomicInt64;
import io.mpmetrics.metrics.internal.Series;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One active state out of a fixed list: the spec's {@code Enum} (named so as not to clash with
 * {@code java.lang.Enum}), exposed as an OpenMetrics StateSet. The first state is the default;
 * the metric's own name is a reserved label.
 *
 * <pre>{@code
 * StateSet phase = StateSet.builder().name("phase").help("Worker phase")
 *         .states("starting", "running", "stopping").register(registry);
 * phase.state("running");
 * }</pre>
 */
public final class StateSet extends Metric<StateSet.Child> {
    private StateSet(MetricsRegistry registry, MetricDefinition definition) {
        super(registry, definition);
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    Child newChild(Series series, List<String> labelValues) {
        return new Child(series.state, definition.states(), definition.name());
    }

    /** Makes {@code state} the active one. */
    public void state(String state) {
        unlabelled().state(state);
    }

    /** The active state. */
    public String get() {
        return unlabelled().get();
    }

    static void checkStates(List<String> states, String name) {
        if (states.isEmpty()) {
            throw new IllegalArgumentException("state set " + name + " needs at least one state");
        }
        Set<String> seen = new HashSet<>();
        for (String s : states) {
            if (s == null || s.isEmpty()) {
                throw new IllegalArgumentException("state set " + name + " has an empty state");
            }
            if (!seen.add(s)) {
                throw new IllegalArgumentException("state set " + name + " lists state '" + s + "' twice");
            }
        }
    }

    /** The state set of one label set. */
    public static final class Child {
        private final AtomicInt64 active;
        private final List<String> states;
        private final String name;

        Child(AtomicInt64 active, List<String> states, String name) {
            this.active = active;
            this.states = states;
            this.name = name;
        }

        /**
         * Makes {@code state} the active one.
         *
         * @throws IllegalArgumentException if it is not one of the states
         */
        public void state(String state) {
            int index = state == null ? -1 : states.indexOf(state); // List.of(..).indexOf(null) throws NPE
            if (index < 0) {
                throw new IllegalArgumentException("'" + state + "' is not a state of " + name + " " + states);
            }
            active.set(index);
        }

        /** The active state (a corrupt index reads as the default). */
        public String get() {
            long index = active.get();
            return states.get(index >= 0 && index < states.size() ? (int) index : 0);
        }
    }

    /** Builds a {@link StateSet}. */
    public static final class Builder extends MetricBuilder<Builder, StateSet> {
        private List<String> states = List.of();

        Builder() {
        }

        /** The states; the first is the default. */
        public Builder states(String... states) {
            checkNoNulls("states", states);
            this.states = List.of(states);
            return this;
        }

        @Override
        public StateSet register(MetricsRegistry registry) {
            MetricDefinition def = new MetricDefinition(MetricType.STATESET, baseName(null), help, unit, labelNames,
                    List.of(), states, maxLabelSets);
            return new StateSet(registry, def);
        }
    }
}
