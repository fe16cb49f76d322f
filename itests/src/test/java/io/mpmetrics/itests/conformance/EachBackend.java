package io.mpmetrics.itests.conformance;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs a test method once per backend of {@link BackendSource#NAMES}; the method takes the
 * {@link io.mpmetrics.spi.Backend} as its first parameter.
 *
 * <pre>{@code
 * @EachBackend
 * void addReturnsTheValueFromBefore(Backend backend) { ... }
 * }</pre>
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedTest(name = "{0}")
@MethodSource("io.mpmetrics.itests.conformance.BackendSource#backends")
public @interface EachBackend {
}
