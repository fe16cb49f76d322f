package io.mpmetrics.itests.conformance;

import io.mpmetrics.itests.support.TestBackends;
import io.mpmetrics.spi.Backend;
import io.mpmetrics.spi.Backends;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Named;

/**
 * The backends the conformance suite runs against, found the way applications find them
 * ({@link Backends#named}, i.e. through {@code ServiceLoader}; names from {@link TestBackends}): a backend that is missing or
 * whose probe fails makes its tests fail rather than silently run on another backend.
 */
public final class BackendSource {
    /** Every backend, highest priority first. */
    public static final List<String> NAMES = TestBackends.NAMES;

    private BackendSource() {
    }

    /** Argument source for {@link EachBackend}. */
    static Stream<Named<Backend>> backends() {
        return NAMES.stream().map(name -> Named.of(name, Backends.named(name)));
    }
}
