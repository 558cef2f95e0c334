package dev.plugbench.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The refit thread's priority: lowered for that thread alone, not for the process's other threads. */
class BackgroundPriorityTest {
    @Test
    void lowersOnlyTheCallingThread() throws Exception {
        assumeTrue(Files.exists(Path.of("/proc/thread-self")), "not Linux: thread priorities are left as they are");
        OptionalInt mine = BackgroundPriority.currentNice();
        assertThat(mine).isPresent();
        AtomicReference<Boolean> lowered = new AtomicReference<>();
        AtomicReference<OptionalInt> after = new AtomicReference<>();
        Thread t = new Thread(() -> {
            lowered.set(BackgroundPriority.lowerCurrentThread());
            after.set(BackgroundPriority.currentNice());
        });
        t.start();
        t.join();
        assumeTrue(lowered.get(), "renice is not installed here (util-linux): the fit thread would run at normal priority");
        assertThat(after.get()).hasValue(BackgroundPriority.NICE);
        assertThat(BackgroundPriority.currentNice()).isEqualTo(mine); // this thread, and so the request threads, keep theirs
    }
}
