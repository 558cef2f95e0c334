package dev.plugbench.harness;

import dev.plugbench.api.bench.BenchTask;
import dev.plugbench.api.bench.CellResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Joins the folders of a sharded run ({@code bench --shard I/N}, one folder per shard) into one
 * folder equal to a run of all cells: the same rows in the same order, with reports, plots and the
 * cell files (so {@code --resume} works on it). Refused, naming what differs, unless the shards
 * agree on family, task, seeds, the plugins' versions and hashes, the dataset, the host, API and
 * toolkit versions, the numeric thread counts and the BLAS kernel, and together hold every cell.
 */
public final class ShardMerge {
    /** Provenance entries every shard must share (start time, executor and shard differ). */
    private static final List<String> AGREE = List.of("host_version", "api_version", "toolkit_version", "numeric_threads", "plugins", "dataset",
            "parameters");

    private ShardMerge() {
    }

    /** Of {@code numeric_threads}, what sets the numbers: the thread counts and the kernels (not who chose them, nor how threads wait). */
    @SuppressWarnings("unchecked")
    private static Object numeric(String key, Object value) {
        if (!key.equals("numeric_threads") || !(value instanceof Map)) {
            return value;
        }
        Map<String, Object> kept = new LinkedHashMap<>((Map<String, Object>) value);
        kept.keySet().retainAll(List.of("nd4j_threads", "blas_threads", "blas_core"));
        return kept;
    }

    /** Merges the shard folders into {@code out}; returns the merged tasks' folders. */
    @SuppressWarnings("unchecked")
    public static List<Path> merge(List<Path> shards, Path out, StatisticsOptions options) {
        if (shards.size() < 2) {
            throw new IllegalArgumentException("give two or more shard folders to merge (the --out of each bench --shard I/N)");
        }
        Map<String, Map<Integer, Path>> byTask = new TreeMap<>();
        for (Path shard : shards) {
            if (!Files.isDirectory(shard)) {
                throw new IllegalArgumentException(shard + " is not a folder: give the --out folder of each shard");
            }
            try (Stream<Path> files = Files.walk(shard, 2)) {
                for (Path f : files.filter(p -> p.getFileName().toString().equals("results.json")).sorted().toList()) {
                    Map<String, Object> run = (Map<String, Object>) ((Map<String, Object>) Json.read(f).get("provenance")).get("run");
                    Map<String, Object> s = run == null ? null : (Map<String, Object>) run.get("shard");
                    if (s == null) {
                        throw new IllegalArgumentException(f + " is not a shard's result (run without --shard): merge only shards of one run");
                    }
                    Path previous = byTask.computeIfAbsent(f.getParent().getFileName().toString(), k -> new TreeMap<>())
                            .put(((Number) s.get("index")).intValue(), f);
                    if (previous != null) {
                        throw new IllegalArgumentException("shard " + s.get("index") + "/" + s.get("count") + " is given twice: " + previous + " and " + f);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + shard, e);
            }
        }
        if (byTask.isEmpty()) {
            throw new IllegalArgumentException("no results.json in " + shards + ": give the --out folder of each shard");
        }
        List<Path> merged = new ArrayList<>();
        for (Map.Entry<String, Map<Integer, Path>> task : byTask.entrySet()) {
            merged.add(mergeTask(task.getKey(), task.getValue(), out, options));
        }
        Reports.writeIndex(out, options);
        return merged;
    }

    @SuppressWarnings("unchecked")
    private static Path mergeTask(String name, Map<Integer, Path> files, Path out, StatisticsOptions options) {
        try {
            Map<Integer, Map<String, Object>> raw = new TreeMap<>();
            for (Map.Entry<Integer, Path> e : files.entrySet()) {
                raw.put(e.getKey(), Json.read(e.getValue()));
            }
            Map<String, Object> first = raw.values().iterator().next();
            Map<String, Object> firstShard = shard(first);
            int count = ((Number) firstShard.get("count")).intValue();
            List<String> problems = new ArrayList<>();
            for (int i = 1; i <= count; i++) {
                if (!raw.containsKey(i)) {
                    problems.add("shard " + i + "/" + count + " of task " + name + " is missing");
                }
            }
            Path firstFile = files.values().iterator().next();
            for (Map.Entry<Integer, Map<String, Object>> e : raw.entrySet()) {
                Map<String, Object> r = e.getValue();
                Path f = files.get(e.getKey());
                for (String key : List.of("schema", "family", "task", "quick", "seeds")) {
                    if (!Objects.equals(first.get(key), r.get(key))) {
                        problems.add(key + " differs: " + first.get(key) + " in " + firstFile + ", " + r.get(key) + " in " + f);
                    }
                }
                Map<String, Object> p0 = (Map<String, Object>) first.get("provenance");
                Map<String, Object> p = (Map<String, Object>) r.get("provenance");
                for (String key : AGREE) {
                    Object expected = numeric(key, p0.get(key));
                    Object found = numeric(key, p.get(key));
                    if (!Objects.equals(expected, found)) {
                        problems.add("provenance " + key + " differs: " + expected + " in " + firstFile + ", " + found + " in " + f);
                    }
                }
                Map<String, Object> s = shard(r);
                if (!Objects.equals(s.get("count"), firstShard.get("count")) || !Objects.equals(s.get("cells_total"), firstShard.get("cells_total"))) {
                    problems.add("the shards were cut differently: " + firstShard + " in " + firstFile + ", " + s + " in " + f);
                }
            }
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException("cannot merge task " + name + ": " + String.join("; ", problems)
                        + ". Run every shard with the same plugins, data, options and numeric threads (see sdk-docs/harness.md)");
            }
            int total = ((Number) firstShard.get("cells_total")).intValue();
            List<List<Map<String, Object>>> rowsOf = new ArrayList<>();
            raw.values().forEach(r -> rowsOf.add((List<Map<String, Object>>) r.get("rows")));
            List<CellResult> rows = new ArrayList<>();
            for (int i = 0; i < total; i++) {
                List<Map<String, Object>> shardRows = rowsOf.get(i % count);
                int k = i / count;
                if (k >= shardRows.size()) {
                    throw new IllegalArgumentException("cannot merge task " + name + ": shard " + (i % count + 1) + "/" + count + " holds "
                            + shardRows.size() + " cells, fewer than its share of the " + total + " planned: was it interrupted? Finish it with --resume");
                }
                rows.add(Json.cell(shardRows.get(k)));
            }
            Path dir = Files.createDirectories(out.resolve(name));
            Map<String, Object> provenance = new LinkedHashMap<>((Map<String, Object>) first.get("provenance"));
            Map<String, Object> run = new LinkedHashMap<>((Map<String, Object>) provenance.get("run"));
            run.remove("shard");
            run.put("merged_from", files.values().stream().map(f -> f.getParent().toAbsolutePath().toString()).toList());
            provenance.put("run", run);
            TaskResult parsed = Json.taskResult(first, firstFile, (f, t) -> null);
            TaskResult result = new TaskResult(parsed.family(), parsed.task(), parsed.quick(), parsed.seeds(), provenance, rows,
                    Summaries.of(rows, parsed.metrics()), dir, parsed.methodMetrics(), parsed.metrics(), parsed.description());
            for (Path f : files.values()) {
                copyCells(f.getParent().resolve("cells"), dir.resolve("cells"));
            }
            AtomicFiles.write(dir.resolve("run.json"), Json.bytes(Map.of("family", parsed.family(), "task", parsed.task(), "quick", parsed.quick())));
            AtomicFiles.write(dir.resolve("results.json"), Json.bytes(Json.results(result, options)));
            List<Path> plots = taskPlots(result);
            ResultWriter.writeReports(result, plots, options);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot merge task " + name + " into " + out + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, Object> shard(Map<String, Object> results) {
        @SuppressWarnings("unchecked")
        Map<String, Object> run = (Map<String, Object>) ((Map<String, Object>) results.get("provenance")).get("run");
        @SuppressWarnings("unchecked")
        Map<String, Object> s = (Map<String, Object>) run.get("shard");
        return s;
    }

    /** The task's own plots from the merged rows, when the task is on this host's class path; none otherwise. */
    private static List<Path> taskPlots(TaskResult r) {
        BenchTask<?> task = new TaskRegistry(ShardMerge.class.getClassLoader()).find(r.family(), r.task()).orElse(null);
        if (task == null) {
            return List.of();
        }
        List<Path> out = new ArrayList<>();
        for (Path p : task.plots(r.rows(), dev.plugbench.api.bench.Scale.of(r.quick()), r.directory())) {
            out.add(r.directory().relativize(r.directory().resolve(p)));
        }
        return out;
    }

    private static void copyCells(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from)) {
            return;
        }
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".json")).toList()) {
                Files.copy(f, to.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
