package dev.plugbench.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugbench.host.MisbehavingProbes;
import dev.plugbench.host.TestPluginJars;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The drill cannot be fooled: each way of keeping an old version alive is caught and named, a hang is cut short. */
class HotswapDrillTest {
    @TempDir
    Path tmp;

    @AfterEach
    void releaseLeaks() {
        System.getProperties().keySet().removeIf(k -> k.toString().startsWith(LeakyProbes.STATIC_KEY));
        System.setProperty(LeakyProbes.RELEASE_STUBBORN, "true");
    }

    private DrillReport drill(String id, Class<?> probe, HotswapDrill.Options options) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(id));
        TestPluginJars.of(dir, id, probe);
        try (Plugbench host = Plugbench.builder().pluginsDir(dir).discoverClasspath(false).build()) {
            assertThat(host.problems()).isEmpty();
            return new HotswapDrill(host).run(id, options);
        }
    }

    @Test
    void aCleanPluginPassesWithManyCallsPerSwapFromBothKindsOfThread() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("clean"));
        Files.copy(TestPlugins.v1(), dir.resolve("fixture.jar"));
        try (Plugbench host = Plugbench.builder().pluginsDir(dir).discoverClasspath(false).build()) {
            DrillReport r = new HotswapDrill(host).run(TestPlugins.FIXTURE_ID, new HotswapDrill.Options(8, 2, 25, Duration.ofSeconds(30)));
            assertThat(r.findings()).isEmpty();
            assertThat(r.passed()).isTrue();
            assertThat(r.minCallsPerSwap()).isGreaterThanOrEqualTo(25);
            assertThat(r.calls()).isGreaterThanOrEqualTo(8 * 25);
            assertThat(r.maxLiveCopies()).isPositive();
        }
    }

    @Test
    void aThreadLocalOnLongLivedCallersIsALeakTracedToPerThreadState() throws Exception {
        DrillReport r = drill("threadlocal", LeakyProbes.ThreadLocalLeak.class, HotswapDrill.Options.of(5, 2));
        assertThat(r.passed()).isFalse();
        assertThat(r.leakedClassLoaders()).isPositive();
        assertThat(r.leakedThroughThreadState()).isEqualTo(r.leakedClassLoaders());
        assertThat(r.findings()).anySatisfy(f -> assertThat(f).contains("ThreadLocal").contains("long-lived calling threads"));
    }

    @Test
    void aStaticRegistrationIsALeakTracedOutsideThePlugin() throws Exception {
        DrillReport r = drill("static", LeakyProbes.StaticLeak.class, HotswapDrill.Options.of(5, 2));
        assertThat(r.leakedClassLoaders()).isEqualTo(5);
        assertThat(r.leakedThroughThreadState()).isZero();
        assertThat(r.findings()).singleElement().satisfies(f -> assertThat(f).contains("5 of 5").contains("System properties"));
    }

    @Test
    void aThreadLeftRunningIsNamed() throws Exception {
        DrillReport r = drill("ticker", LeakyProbes.ThreadStarter.class, HotswapDrill.Options.of(4, 1));
        // named, with where it runs (daemon here: it inherited that from the drill's calling thread)
        assertThat(r.survivingThreads()).hasSize(4).allSatisfy(t -> assertThat(t).contains("leaky-ticker-")
                .contains("in dev.plugbench.host.LeakyProbes$ThreadStarter"));
        assertThat(r.findings()).anySatisfy(f -> assertThat(f).contains("threads started by retired versions still run"));
    }

    @Test
    void aHangingCallEndsTheDrillWithTheMethodNamedInsteadOfHangingIt() throws Exception {
        long t0 = System.nanoTime();
        DrillReport r = drill("hanging", MisbehavingProbes.Hanging.class, new HotswapDrill.Options(50, 2, 5, Duration.ofMillis(500)));
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(30));
        assertThat(r.passed()).isFalse();
        assertThat(r.findings()).singleElement().satisfies(f -> assertThat(f).contains("a call to spectral/hanging did not return within 500 ms")
                .contains("plugbench-drill-"));
    }

    @Test
    void closingTheHostStopsAPluginsThreadsAndNamesOneThatIgnoresInterrupts() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("close"));
        TestPluginJars.of(dir, "threads", LeakyProbes.ThreadStarter.class, LeakyProbes.StubbornThread.class);
        System.clearProperty(LeakyProbes.RELEASE_STUBBORN);
        Plugbench host = Plugbench.builder().pluginsDir(dir).discoverClasspath(false).build();
        List<Problem> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        host.onProblem(seen::add);
        for (String id : List.of("thread-starter", "stubborn-thread")) {
            Families.sampleCall(dev.plugbench.api.spectral.SpectralProbe.class, host.method(dev.plugbench.api.spectral.SpectralProbe.class, id));
        }
        Thread ticker = threadNamed("leaky-ticker-");
        assertThat(ticker.isDaemon()).isFalse();
        host.close();
        assertThat(ticker.isAlive()).as("the interrupted non-daemon thread ended").isFalse();
        assertThat(seen).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Problem.Kind.THREAD_LEFT_RUNNING);
            assertThat(p.subject()).isEqualTo("threads");
            assertThat(p.message()).contains("'stubborn-worker' (daemon");
        });
        assertThat(host.problems()).contains(seen.get(0));
    }

    private static Thread threadNamed(String prefix) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith(prefix)).findFirst().orElseThrow();
    }
}
