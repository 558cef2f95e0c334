package dev.plugbench.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * The results index at scale, a benchmark command (not a test): makes {@code --runs} run folders
 * from the real runs under {@code --from} (each a copy of one real run's results.json, its start
 * time moved a day on per run folder and its plugins' versions stepped every {@code --runs}/10
 * folders, so history has versions to show), indexes them into a fresh file, indexes them again
 * (nothing changed), then times each page's API call on the largest task through a live server:
 * the first call and the median of 5 after it.
 *
 * <pre>
 * java -cp 'cli/target/lib/*' dev.plugbench.results.IndexBenchmark --from DEMO_OUT --runs 1000 --work /tmp/index-bench
 * </pre>
 */
public final class IndexBenchmark {
    /** The command's report, on standard output (only the CLI writes System.out; a command main writes its own stream). */
    private static final java.io.PrintStream OUT = new java.io.PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
            java.nio.charset.StandardCharsets.UTF_8);

    private IndexBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path from = null;
        Path work = Path.of("target", "index-bench");
        int runs = 1000;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--from" -> from = Path.of(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--work" -> work = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "; use --from DIR [--runs N] [--work DIR]");
            }
        }
        if (from == null || !Files.isDirectory(from)) {
            throw new IllegalArgumentException("--from must name a folder of real runs (a demo --out): " + from);
        }
        List<Path> real;
        try (Stream<Path> s = Files.walk(from, 6)) {
            real = s.filter(p -> p.getFileName().toString().equals("results.json") && !p.toString().contains("/cells/")).sorted().toList();
        }
        if (real.isEmpty()) {
            throw new IllegalArgumentException(from + " holds no results.json");
        }
        Path root = work.resolve("root");
        deleteTree(work);
        Files.createDirectories(root);
        long bytes = 0;
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        for (int k = 0; k < runs; k++) {
            Path source = real.get(k % real.size());
            ObjectNode json = (ObjectNode) ResultsFile.MAPPER.readTree(source.toFile());
            ObjectNode provenance = (ObjectNode) json.get("provenance");
            int batch = k / real.size();
            provenance.put("start_time", start.plus(Duration.ofDays(batch)).plusSeconds(k % real.size()).toString());
            String version = "0." + (1 + k * 10 / runs) + ".0";
            for (JsonNode p : (ArrayNode) provenance.withArray("plugins")) {
                ((ObjectNode) p).put("version", version);
            }
            Path target = root.resolve(String.format("run-%04d", batch)).resolve(from.relativize(source.getParent()));
            Files.createDirectories(target);
            byte[] b = ResultsFile.MAPPER.writeValueAsBytes(json);
            bytes += b.length;
            Files.write(target.resolve("results.json"), b);
        }
        OUT.printf("made %d run folders from %d real runs under %s (%.0f MB of results.json)%n", runs, real.size(), from, bytes / 1e6);
        try (ResultsIndex index = ResultsIndex.ofRoot(root)) {
            ResultsIndex.Refresh first = index.refresh();
            OUT.printf("index from scratch: %d runs in %.2f s (%d problems)%n", first.runs(), first.took().toNanos() / 1e9, first.problems().size());
            ResultsIndex.Refresh again = index.refresh();
            OUT.printf("index again, nothing changed: %.3f s%n", again.took().toNanos() / 1e9);
            try (ResultsServer server = ResultsServer.start(index, "127.0.0.1", 0, Duration.ofMinutes(10))) {
                JsonNode tasks = get(server, "api/tasks");
                JsonNode biggest = null;
                for (JsonNode t : tasks) {
                    if (biggest == null || t.get("runs").asLong() > biggest.get("runs").asLong()) {
                        biggest = t;
                    }
                }
                String family = biggest.get("family").asText();
                String task = biggest.get("task").asText();
                String method = biggest.get("methods").get(0).asText();
                String metric = biggest.get("metrics").get(0).get("name").asText();
                JsonNode list = get(server, "api/runs?family=" + family + "&task=" + task + "&sort=started&order=asc&limit=1");
                long oldest = list.get("runs").get(0).get("id").asLong();
                OUT.printf("API on %s/%s (%d runs), method %s, metric %s:%n", family, task, biggest.get("runs").asLong(), method, metric);
                for (String route : List.of("api/tasks", "api/runs?limit=100", "api/runs?plugin=" + "x" + "&limit=100", "api/runs?family=" + family + "&version=0.5.0",
                        "api/runs/" + oldest, "api/compare?a=" + oldest + "&b=latest", "api/history?family=" + family + "&task=" + task + "&method=" + method
                                + "&metric=" + metric, "api/sweeps?run=" + oldest)) {
                    double[] ms = new double[6];
                    for (int i = 0; i < ms.length; i++) {
                        long t0 = System.nanoTime();
                        get(server, route);
                        ms[i] = (System.nanoTime() - t0) / 1e6;
                    }
                    double[] rest = Arrays.copyOfRange(ms, 1, ms.length);
                    Arrays.sort(rest);
                    OUT.printf("  GET /%-70s first %7.1f ms, median of 5 %7.1f ms%n", route, ms[0], rest[2]);
                }
            }
        }
    }

    private static JsonNode get(ResultsServer server, String route) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.url() + route)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET /" + route + " answered " + r.statusCode() + ": " + new String(r.body()));
        }
        return ResultsFile.MAPPER.readTree(r.body());
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            List<Path> all = new ArrayList<>(s.toList());
            java.util.Collections.reverse(all);
            for (Path p : all) {
                Files.delete(p);
            }
        }
    }
}
