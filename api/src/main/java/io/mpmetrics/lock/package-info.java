/**
 * Cross-process, error-checking, recoverable locks in shared memory: the spec's
 * {@code _mpmetrics.Lock}, as {@link io.mpmetrics.lock.SharedLock}.
 */
package io.mpmetrics.lock;
