/**
 * The shared-memory arena allocator over a named file (the spec's {@code mpmetrics.heap}):
 * {@link io.mpmetrics.heap.Heap}, {@link io.mpmetrics.heap.Block} and the bounded memory
 * view {@link io.mpmetrics.heap.Region}.
 */
package io.mpmetrics.heap;
