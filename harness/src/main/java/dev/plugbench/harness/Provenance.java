package dev.plugbench.harness;

import dev.plugbench.api.ApiVersion;
import dev.plugbench.api.bench.BenchTask;
import dev.plugbench.host.Plugbench;
import dev.plugbench.host.RegisteredMethod;
import dev.plugbench.toolkit.NumericRuntime;
import dev.plugbench.toolkit.ToolkitVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Where a result came from: versions, machine, plugins with their hashes, dataset, parameters. */
final class Provenance {
    private Provenance() {
    }

    static Map<String, Object> of(Plugbench host, BenchTask<?> task, RunSpec spec, List<? extends RegisteredMethod<?>> methods,
                                  Map<String, List<Map<String, Object>>> parameters, Instant started, int plannedCells,
                                  Map<String, Object> executor) {
        Map<String, Object> p = new LinkedHashMap<>();
        String hostVersion = Plugbench.class.getPackage().getImplementationVersion();
        p.put("host_version", hostVersion == null ? "development" : hostVersion);
        p.put("api_version", ApiVersion.VERSION);
        p.put("toolkit_version", ToolkitVersion.VERSION);
        p.put("git_commit", gitCommit());
        p.put("java_version", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
        p.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        p.put("cpu_count", Runtime.getRuntime().availableProcessors());
        // ND4J's and OpenBLAS's threads per cell (reductions and eigensolvers depend on them) and the BLAS kernel
        p.put("numeric_threads", NumericRuntime.threads());
        p.put("start_time", started.toString());
        Map<String, String> shaByPlugin = new LinkedHashMap<>();
        host.plugins().forEach(pi -> shaByPlugin.put(pi.id(), pi.sha256()));
        List<Map<String, Object>> plugins = new ArrayList<>();
        for (RegisteredMethod<?> m : methods) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("method", m.id());
            e.put("plugin", m.pluginId());
            e.put("version", m.pluginVersion());
            e.put("source", m.source().label());
            e.put("sha256", shaByPlugin.get(m.pluginId()));
            plugins.add(e);
        }
        p.put("plugins", plugins);
        BenchTask.DatasetInfo d = task.dataset(spec.scale());
        p.put("dataset", Map.of("name", d.name(), "content_hash", d.contentHash()));
        Map<String, Object> run = new LinkedHashMap<>();
        Map<String, Object> settings = new LinkedHashMap<>();
        task.settings(spec.scale()).forEach(s -> settings.put(s.name(), s.fields()));
        run.put("settings", List.copyOf(settings.keySet()));
        run.put("setting_fields", settings);
        // where the cells ran: "this JVM", "N worker JVMs" with their caps, or a runner's master, executors and each cell's executor
        run.putAll(executor);
        run.put("threads", spec.threads());
        run.put("cell_timeout_seconds", spec.cellTimeout().toSeconds());
        if (!spec.shard().isAll()) {
            run.put("shard", Map.of("index", spec.shard().index(), "count", spec.shard().count(), "cells_total", plannedCells));
        }
        p.put("run", run);
        p.put("parameters", parameters);
        return p;
    }

    /** The commit of the working directory's git repository, or null when there is none or git is absent. */
    static String gitCommit() {
        try {
            Process git = new ProcessBuilder("git", "rev-parse", "HEAD").directory(Path.of("").toAbsolutePath().toFile())
                    .redirectErrorStream(true).start();
            try (InputStream in = git.getInputStream()) {
                if (!git.waitFor(2, TimeUnit.SECONDS)) {
                    git.destroyForcibly();
                    return null;
                }
                String out = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
                return git.exitValue() == 0 && out.matches("[0-9a-f]{40}") ? out : null;
            }
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
