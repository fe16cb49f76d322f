package io.mpmetrics.backend.unsafe;

import io.mpmetrics.atomic.AtomicDouble;
import io.mpmetrics.atomic.AtomicInt32;
import io.mpmetrics.atomic.AtomicInt64;
import io.mpmetrics.atomic.AtomicUInt32;
import io.mpmetrics.atomic.AtomicUInt64;
import io.mpmetrics.heap.Region;
import io.mpmetrics.spi.Backend;
import io.mpmetrics.spi.Int32Word;
import io.mpmetrics.spi.LayoutFamily;
import io.mpmetrics.spi.Probe;

/** PLACEHOLDER, being implemented. */
public final class UnsafeBackend implements Backend {
    @Override public String name() { return "unsafe"; }
    @Override public int priority() { return 0; }
    @Override public Probe probe() { return Probe.unsupported("not implemented yet"); }
    @Override public LayoutFamily layoutFamily() { return LayoutFamily.LOCK_FREE; }
    @Override public AtomicInt32 newAtomicInt32(Region r, int o) { throw new UnsupportedOperationException(); }
    @Override public AtomicUInt32 newAtomicUInt32(Region r, int o) { throw new UnsupportedOperationException(); }
    @Override public AtomicInt64 newAtomicInt64(Region r, int o) { throw new UnsupportedOperationException(); }
    @Override public AtomicUInt64 newAtomicUInt64(Region r, int o) { throw new UnsupportedOperationException(); }
    @Override public AtomicDouble newAtomicDouble(Region r, int o) { throw new UnsupportedOperationException(); }
    @Override public Int32Word newInt32Word(Region r, int o) { throw new UnsupportedOperationException(); }
}
