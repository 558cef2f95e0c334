package dev.plugbench.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.AbstractModule;
import dev.plugbench.api.services.RandomSource;
import dev.plugbench.api.spectral.SpectralProbe;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HotSwapTest {
    @TempDir
    Path tmp;

    private Path pluginFile() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("plugins"));
        return Files.copy(TestPlugins.v1(), dir.resolve("fixture.jar"));
    }

    private static double generation(SpectralProbe probe) {
        return probe.measure(TestPlugins.probeInput(), probe.info().defaults()).values().get("fixture_generation");
    }

    @Test
    void reloadUnderConcurrentCallsFailsNoCall() throws Exception {
        Path file = pluginFile();
        try (Plugbench host = Plugbench.builder().pluginsDir(file.getParent()).discoverClasspath(false).build()) {
            SpectralProbe probe = host.method(SpectralProbe.class, "frobenius");
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong calls = new AtomicLong();
            Set<Double> seen = ConcurrentHashMap.newKeySet();
            ExecutorService pool = Executors.newFixedThreadPool(3);
            List<Future<?>> callers = new java.util.ArrayList<>();
            for (int t = 0; t < 3; t++) {
                callers.add(pool.submit(() -> {
                    while (!stop.get()) {
                        seen.add(generation(probe));
                        calls.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (int swap = 0; swap < 20; swap++) {
                host.reloadPlugin(TestPlugins.FIXTURE_ID, swap % 2 == 0 ? TestPlugins.v2() : TestPlugins.v1());
                Thread.sleep(10);
            }
            stop.set(true);
            for (Future<?> f : callers) {
                f.get(30, TimeUnit.SECONDS); // rethrows any failed call
            }
            pool.shutdown();
            assertThat(calls.get()).isGreaterThan(20);
            assertThat(seen).containsExactlyInAnyOrder(1.0, 2.0);
            assertThat(generation(probe)).as("the last reload loaded v1").isEqualTo(1.0);
            assertThat(host.plugins()).singleElement().satisfies(p -> assertThat(p.version()).isEqualTo("1.0.0"));
            assertThat(host.problems()).isEmpty();
        }
    }

    @Test
    void inFlightCallFinishesOnTheOldVersionWhileNewCallsGetTheNewOne() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean first = new AtomicBoolean(true);
        RandomSource blockingOnce = new RandomSource() {
            private final RandomSource delegate = new SeededRandomSource();

            @Override
            public SplittableRandom stream(long seed, String stream) {
                if (first.compareAndSet(true, false)) {
                    inside.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return delegate.stream(seed, stream);
            }

            @Override
            public long derive(long seed, String stream) {
                return delegate.derive(seed, stream);
            }
        };
        Path file = pluginFile();
        try (Plugbench host = Plugbench.builder().pluginsDir(file.getParent()).discoverClasspath(false)
                .modules(new AbstractModule() {
                    @Override
                    protected void configure() {
                        bind(RandomSource.class).toInstance(blockingOnce);
                    }
                }).build()) {
            SpectralProbe probe = host.method(SpectralProbe.class, "frobenius");
            ExecutorService pool = Executors.newSingleThreadExecutor();
            Future<Double> inFlight = pool.submit(() -> generation(probe));
            assertThat(inside.await(30, TimeUnit.SECONDS)).isTrue();
            host.reloadPlugin(TestPlugins.FIXTURE_ID, TestPlugins.v2());
            assertThat(generation(probe)).as("a call after the swap").isEqualTo(2.0);
            release.countDown();
            assertThat(inFlight.get(30, TimeUnit.SECONDS)).as("the call in flight during the swap").isEqualTo(1.0);
            pool.shutdown();
        }
    }

    @Test
    void unloadReleasesTheClassLoader() throws Exception {
        Path file = pluginFile();
        try (Plugbench host = Plugbench.builder().pluginsDir(file.getParent()).discoverClasspath(false).build()) {
            assertThat(generation(host.method(SpectralProbe.class, "frobenius"))).isEqualTo(1.0);
            WeakReference<ClassLoader> loader = host.runtime().loaded(TestPlugins.FIXTURE_ID).orElseThrow().loader();
            assertThat(loader.get()).isInstanceOf(HostPluginClassLoader.class);
            host.unloadPlugin(TestPlugins.FIXTURE_ID);
            assertThat(Reachability.stillReachable(List.of(loader))).isZero();
            assertThatThrownBy(() -> host.method(SpectralProbe.class, "frobenius")).isInstanceOf(MethodNotFoundException.class);
        }
    }

    @Test
    void handleOfAnUnloadedMethodFailsWithAClearError() throws Exception {
        Path file = pluginFile();
        try (Plugbench host = Plugbench.builder().pluginsDir(file.getParent()).discoverClasspath(false).build()) {
            SpectralProbe probe = host.method(SpectralProbe.class, "frobenius");
            host.unloadPlugin(TestPlugins.FIXTURE_ID);
            assertThatThrownBy(() -> generation(probe)).isInstanceOf(MethodNotFoundException.class)
                    .hasMessageContaining("no method 'frobenius'");
            host.loadPlugin(file);
            assertThat(generation(probe)).as("the same handle works once the method is back").isEqualTo(1.0);
        }
    }

    @Test
    void failedReloadKeepsTheOldVersionServing() throws Exception {
        Path file = pluginFile();
        Path broken = Files.write(tmp.resolve("broken.jar"), new byte[] {1, 2, 3, 4});
        try (Plugbench host = Plugbench.builder().pluginsDir(file.getParent()).discoverClasspath(false).build()) {
            assertThatThrownBy(() -> host.reloadPlugin(TestPlugins.FIXTURE_ID, broken))
                    .isInstanceOf(PluginOperationException.class).hasMessageContaining("keeps serving");
            assertThat(host.problems()).singleElement().satisfies(p -> assertThat(p.kind()).isEqualTo(Problem.Kind.RELOAD_FAILED));
            assertThat(generation(host.method(SpectralProbe.class, "frobenius"))).isEqualTo(1.0);
            host.reloadPlugin(TestPlugins.FIXTURE_ID, TestPlugins.v2());
            assertThat(generation(host.method(SpectralProbe.class, "frobenius"))).isEqualTo(2.0);
        }
    }

    @Test
    void directoryWatchReloadsAChangedPlugin() throws Exception {
        Path file = pluginFile();
        try (Plugbench host = Plugbench.builder().pluginsDir(file.getParent()).discoverClasspath(false).watchPluginsDir(true).build()) {
            CountDownLatch changed = new CountDownLatch(1);
            host.onPluginChanged(id -> changed.countDown());
            SpectralProbe probe = host.method(SpectralProbe.class, "frobenius");
            assertThat(generation(probe)).isEqualTo(1.0);
            Files.copy(TestPlugins.v2(), file, StandardCopyOption.REPLACE_EXISTING);
            assertThat(changed.await(20, TimeUnit.SECONDS)).as("the watcher reloaded the plugin").isTrue();
            assertThat(generation(probe)).isEqualTo(2.0);
        }
    }

    @Test
    void directoryWatchUpgradesToANewerFileAndPicksUpAReplacementWhenTheLoadedFileIsRemoved() throws Exception {
        Path file = pluginFile();
        Path dir = file.getParent();
        try (Plugbench host = Plugbench.builder().pluginsDir(dir).discoverClasspath(false).watchPluginsDir(true).build()) {
            java.util.concurrent.LinkedBlockingQueue<String> changes = new java.util.concurrent.LinkedBlockingQueue<>();
            java.util.concurrent.LinkedBlockingQueue<Problem> problems = new java.util.concurrent.LinkedBlockingQueue<>();
            host.onPluginChanged(changes::add);
            host.onProblem(problems::add);
            SpectralProbe probe = host.method(SpectralProbe.class, "frobenius");
            // a changed build of the same version next to the loaded file: refused, with the fix, as it happens
            Path sameVersion = TestPlugins.variant(dir.resolve("fixture-rebuilt.jar"), java.util.Map.of("NOTICE.txt", "rebuilt"));
            Problem refused = problems.poll(20, TimeUnit.SECONDS);
            assertThat(refused).as("the watcher reported the refused file").isNotNull();
            assertThat(refused.message()).contains(sameVersion.getFileName().toString()).contains(file.getFileName().toString())
                    .contains("other content").contains("both are refused");
            assertThat(refused.fix()).contains("bump plugin.version");
            assertThat(host.plugins()).isEmpty();
            // removing one of the two files loads the other
            Files.delete(file);
            assertThat(changes.poll(20, TimeUnit.SECONDS)).isEqualTo("probe-fixture");
            assertThat(host.plugins()).singleElement().satisfies(p -> assertThat(p.file()).isEqualTo(sameVersion));
            assertThat(generation(probe)).isEqualTo(1.0);
            // a higher version copied in upgrades the plugin
            Files.copy(TestPlugins.v2(), dir.resolve("fixture-2.0.0.jar"));
            assertThat(changes.poll(20, TimeUnit.SECONDS)).isEqualTo("probe-fixture");
            assertThat(host.plugins()).singleElement().satisfies(p -> assertThat(p.version()).isEqualTo("2.0.0"));
            assertThat(generation(probe)).isEqualTo(2.0);
        }
    }

    @Test
    void drillFindsNoFailedCallAndNoLeakedLoader() throws Exception {
        Path file = pluginFile();
        try (Plugbench host = Plugbench.builder().pluginsDir(file.getParent()).discoverClasspath(false).build()) {
            DrillReport r = new HotswapDrill(host).run(TestPlugins.FIXTURE_ID, 10, 2);
            assertThat(r.failedCalls()).isZero();
            assertThat(r.leakedClassLoaders()).isZero();
            assertThat(r.calls()).isPositive();
            assertThat(r.swapMsP99()).isGreaterThanOrEqualTo(r.swapMsP50()).isPositive();
        }
    }
}
