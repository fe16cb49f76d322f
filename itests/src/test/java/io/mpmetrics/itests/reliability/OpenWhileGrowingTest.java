package io.mpmetrics.itests.reliability;

import io.mpmetrics.heap.Heap;
import io.mpmetrics.itests.support.ChildJvm;
import io.mpmetrics.itests.support.TestBackends;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Opening a heap while another process keeps growing it must always succeed: a worker that
 * starts while others register series is the normal case, not a corrupt file.
 *
 * <p>Found by the long run of "8 processes create one file at once" (one racer was refused
 * with "is corrupt or truncated: allocated end 98304 is outside 16512..65536"): validation read
 * the file size, then the header, and a growth in between made the allocated end look past the
 * end of the file.
 */
class OpenWhileGrowingTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"varhandle", "locking"})
    void opensWhileAnotherProcessGrowsTheFile(String backend) throws Exception {
        Path file = dir.resolve("growing.mpm");
        Heap.create(file, TestBackends.get(backend), 4096).close();
        long opens = 0;
        try (ChildJvm grower = ChildJvm.builder(GrowMain.class).args(file.toString(), backend, "4000").start()) {
            grower.awaitLine("READY", 60, TimeUnit.SECONDS);
            while (grower.process().isAlive()) {
                Heap.openExisting(file, TestBackends.get(backend)).close();
                opens++;
            }
            grower.awaitLine("GREW", 10, TimeUnit.SECONDS);
            grower.awaitSuccess(10, TimeUnit.SECONDS);
        }
        assertThat(opens).as("opens while the file grew").isGreaterThan(10);
    }
}
