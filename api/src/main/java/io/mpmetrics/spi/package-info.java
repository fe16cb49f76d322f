/**
 * The backend service interface: a {@link io.mpmetrics.spi.Backend} gives atomics and locks
 * over shared memory; {@link io.mpmetrics.spi.Backends} discovers the backends (class path,
 * module path, OSGi) and selects one by probing the platform.
 */
package io.mpmetrics.spi;
