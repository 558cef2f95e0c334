package dev.plugbench.harness;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.plugbench.api.bench.CellResult;
import dev.plugbench.host.ContentHash;
import dev.plugbench.host.Plugbench;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The worker side of the worker protocol: a fresh JVM that builds a host from plugin files verified
 * by hash, runs cell descriptions and returns result rows. Run as
 * {@code java -cp <the host's class path> dev.plugbench.harness.Worker}.
 *
 * <p>The protocol, one JSON object per line. In (stdin): first
 * {@code {"type":"host","plugins":[{"path":P,"sha256":H}],"classpath_methods":B,"cell_timeout_seconds":S}},
 * then any number of {@code {"type":"cell","index":I,"cell":<CellDescription.toJson()>}}, then
 * {@code {"type":"end"}} (or end of input). Out (stdout): lines starting with {@value #PREFIX}, the
 * rest of the line a JSON object: {@code {"type":"ready","methods":N}} once the host is built,
 * {@code {"type":"row","index":I,"row":<row>}} per cell, in the order received,
 * {@code {"type":"resident-cap","message":M}} before halting with status 3 when a cell brought the JVM's
 * resident memory past its caps ({@link ResidentWatch}), or
 * {@code {"type":"fatal","message":M}} before exiting with status 2 (a plugin file missing or
 * differing from its hash, a bad message). Other stdout lines (native libraries print banners) are
 * not part of the protocol.
 */
public final class Worker {
    /** What starts every protocol line on stdout. */
    public static final String PREFIX = "@plugbench ";

    private Worker() {
    }

    public static void main(String[] args) throws IOException {
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        exitWithParent();
        try {
            serve(in, out);
        } catch (RuntimeException | IOException e) {
            send(out, Map.of("type", "fatal", "message", String.valueOf(e.getMessage())));
            System.exit(2);
        }
        System.exit(0);
    }

    /**
     * Ends this worker when the process that started it is gone (a cluster executor killed, a driver
     * stopped): a cell left running would hold a core on the node for nothing.
     */
    private static void exitWithParent() {
        java.util.Optional<ProcessHandle> parent = ProcessHandle.current().parent();
        if (parent.isEmpty()) {
            return;
        }
        long pid = parent.get().pid();
        Thread watch = new Thread(() -> {
            while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                try {
                    Thread.sleep(2000);
                } catch (InterruptedException e) {
                    return;
                }
            }
            System.exit(4);
        }, "plugbench-worker-parent-watch");
        watch.setDaemon(true);
        watch.start();
    }

    @SuppressWarnings("unchecked")
    static void serve(BufferedReader in, PrintStream out) throws IOException {
        Map<String, Object> hello = read(in.readLine());
        if (!"host".equals(hello.get("type"))) {
            throw new IllegalArgumentException("the first message must be {\"type\":\"host\",...}; got " + hello);
        }
        Duration timeout = Duration.ofSeconds(((Number) hello.get("cell_timeout_seconds")).longValue());
        Plugbench.Builder builder = Plugbench.builder().exitGuard(false).discoverClasspath(Boolean.TRUE.equals(hello.get("classpath_methods")));
        try (Plugbench host = builder.build()) {
            for (Map<String, Object> p : (List<Map<String, Object>>) hello.get("plugins")) {
                Path file = Path.of((String) p.get("path"));
                String expected = (String) p.get("sha256");
                String actual;
                try {
                    actual = ContentHash.ofPlugin(file);
                } catch (IOException e) {
                    throw new IllegalArgumentException("plugin file " + file + " cannot be read: " + e.getMessage(), e);
                }
                if (!actual.equals(expected)) {
                    throw new IllegalArgumentException("plugin file " + file + " has SHA-256 " + actual + ", not the " + expected
                            + " the run was planned with: it changed after planning; rerun");
                }
                host.loadPlugin(file);
            }
            CellResolver resolver = new CellResolver(host, new TaskRegistry(Worker.class.getClassLoader(), host), new Producers(host));
            send(out, Map.of("type", "ready", "methods", host.allMethods().size()));
            ResidentWatch.start(message -> {
                try {
                    send(out, Map.of("type", "resident-cap", "message", message));
                } catch (IOException e) {
                    // the parent is gone; the halt below ends this worker all the same
                }
                Runtime.getRuntime().halt(3);
            });
            for (String line; (line = in.readLine()) != null; ) {
                if (line.isBlank()) {
                    continue;
                }
                Map<String, Object> message = read(line);
                if ("end".equals(message.get("type"))) {
                    break;
                }
                if (!"cell".equals(message.get("type"))) {
                    throw new IllegalArgumentException("expected a cell or end message; got " + message.get("type"));
                }
                CellDescription cell = CellDescription.fromJson((Map<String, Object>) message.get("cell"));
                CellResult row = resolver.run(cell, timeout);
                Map<String, Object> answer = new LinkedHashMap<>();
                answer.put("type", "row");
                answer.put("index", message.get("index"));
                answer.put("row", Json.row(row));
                send(out, answer);
            }
        }
    }

    static Map<String, Object> read(String line) throws IOException {
        if (line == null) {
            throw new IllegalArgumentException("the input ended before the host message");
        }
        return Json.MAPPER.readValue(line, new TypeReference<Map<String, Object>>() {
        });
    }

    static void send(PrintStream out, Map<String, Object> message) throws IOException {
        synchronized (out) {
            out.println(PREFIX + Json.COMPACT.writeValueAsString(message));
            out.flush();
        }
    }
}
