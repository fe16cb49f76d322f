package io.mpmetrics.metrics;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a test once per backend, each run within a two-minute timeout: the two lock-free ones share a layout, the locking one lays
 * every cell out with a lock beside it, so sizes and offsets differ.
 *
 * <pre>{@code
 * @EachBackend
 * void works(String backend) throws Exception { try (TestRegistry t = TestRegistry.create(dir, backend)) { ... } }
 * }</pre>
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedTest(name = "{0}")
@ValueSource(strings = {"varhandle", "unsafe", "locking"})
@Timeout(120)
@interface EachBackend {
}
