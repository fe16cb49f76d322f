package io.mpmetrics.metrics;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Port of the Python original's {@code TestEnum}, per backend. */
class StateSetTest {
    @TempDir
    Path dir;

    private static int active(TestRegistry t, String name, String... labels) {
        return t.<DataPoint.StateSetPoint>point(name, labels).activeState();
    }

    @EachBackend
    void defaultStateThenState(String backend) throws IOException {
        try (TestRegistry t = TestRegistry.create(dir, backend)) {
            StateSet e = StateSet.builder().name("e").help("help").states("a", "b", "c").register(t.registry);
            assertThat(t.metric("e").definition().states()).containsExactly("a", "b", "c");
            assertThat(active(t, "e")).isZero();
            assertThat(e.get()).isEqualTo("a");

            e.state("b");
            assertThat(active(t, "e")).isEqualTo(1);
            assertThat(e.get()).isEqualTo("b");

            assertThatThrownBy(() -> e.state("d")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'d'");
            assertThatThrownBy(() -> e.state(null)).isInstanceOf(IllegalArgumentException.class);
            assertThat(e.get()).isEqualTo("b");

            e.state("c");
            e.state("a");
            assertThat(active(t, "e")).isZero();
        }
    }

    @Test
    void missingEmptyOrRepeatedStatesAreRefused() throws IOException {
        try (TestRegistry t = TestRegistry.create(dir, "varhandle")) {
            assertThatThrownBy(() -> StateSet.builder().name("e").help("help").register(t.registry))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("e");
            assertThatThrownBy(() -> StateSet.builder().name("e").help("help").states().register(t.registry))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> StateSet.builder().name("e").help("help").states("a", "").register(t.registry))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> StateSet.builder().name("e").help("help").states("a", null).register(t.registry))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("null");
            assertThatThrownBy(() -> StateSet.builder().name("e").help("help").states("a", "b", "a")
                    .register(t.registry)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'a'");
            assertThat(t.registry.definitions()).isEmpty();
        }
    }

    @EachBackend
    void labels(String backend) throws IOException {
        try (TestRegistry t = TestRegistry.create(dir, backend)) {
            StateSet el = StateSet.builder().name("el").help("help").labelNames("l").states("a", "b", "c")
                    .register(t.registry);
            el.labelValues("a").state("c");
            el.labelValues("b");
            assertThat(active(t, "el", "a")).isEqualTo(2);
            assertThat(active(t, "el", "b")).isZero();
            assertThatThrownBy(el::get).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void itsOwnNameIsAReservedLabel() throws IOException {
        try (TestRegistry t = TestRegistry.create(dir, "varhandle")) {
            assertThatThrownBy(() -> StateSet.builder().name("e").help("help").labelNames("e").states("a")
                    .register(t.registry)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'e'");
            // Another state set may use it.
            StateSet.builder().name("f").help("help").labelNames("e").states("a").register(t.registry);
        }
    }

    @Test
    void aStateSetHasNoUnit() throws IOException {
        // The Python original's test_no_units_for_info_enum; OpenMetrics (and client_java's
        // StateSetSnapshot) refuse a unit on a state set.
        try (TestRegistry t = TestRegistry.create(dir, "varhandle")) {
            assertThatThrownBy(() -> StateSet.builder().name("foo_x").unit("x").help("help").states("a")
                    .register(t.registry)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unit");
            assertThat(t.registry.definitions()).isEmpty();
        }
    }
}
