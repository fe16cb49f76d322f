/** Arithmetic helpers for memory layout (the spec's {@code mpmetrics.util}). */
package io.mpmetrics.util;
