package io.mpmetrics.itests.support;

import io.mpmetrics.spi.Backend;
import io.mpmetrics.spi.Backends;

import java.util.List;
import java.util.stream.Stream;

/**
 * The three backends by name, for suites parameterized over them.
 *
 * <pre>{@code
 * @ParameterizedTest
 * @MethodSource("io.mpmetrics.itests.support.TestBackends#names")
 * void works(String backend) { Backend b = TestBackends.get(backend); ... }
 * }</pre>
 */
public final class TestBackends {
    /** Every backend this project ships. */
    public static final List<String> NAMES = List.of("varhandle", "unsafe", "locking");

    private TestBackends() {
    }

    /** The backend names, for {@code @MethodSource}. */
    public static Stream<String> names() {
        return NAMES.stream();
    }

    /** The backend called {@code name} (its probe must pass). */
    public static Backend get(String name) {
        return Backends.named(name);
    }
}
