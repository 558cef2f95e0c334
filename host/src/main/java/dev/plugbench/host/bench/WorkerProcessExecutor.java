package dev.plugbench.host.bench;

import dev.plugbench.api.bench.CellResult;
import dev.plugbench.host.Plugbench;
import dev.plugbench.host.PluginInfo;
import dev.plugbench.toolkit.NumericRuntime;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs cells in worker JVMs through the worker protocol ({@link Worker}): each worker rebuilds the
 * host from the plugin files the parent has loaded (verified by SHA-256) and the tasks on the same
 * class path, then answers one cell at a time. A worker that dies fails the cell it was running and
 * is replaced. The same rows as {@link InProcessExecutor} (tested), in separate processes.
 */
final class WorkerProcessExecutor implements CellExecutor {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerProcessExecutor.class);
    /** How long past the cell's own limit the parent waits for a worker's answer before killing it. */
    private static final Duration ANSWER_MARGIN = Duration.ofSeconds(30);
    private final List<PluginInfo> plugins;
    private final boolean classpathMethods;
    private final int workers;
    private final Duration timeout;
    private final RunSpec.WorkerMemory memory;

    WorkerProcessExecutor(Plugbench host, boolean classpathMethods, int workers, Duration timeout, RunSpec.WorkerMemory memory) {
        this.plugins = host.plugins();
        this.classpathMethods = classpathMethods;
        this.workers = workers;
        this.timeout = timeout;
        this.memory = memory;
    }

    @Override
    public void execute(List<CellDescription> cells, BiConsumer<Integer, CellResult> onResult) throws InterruptedException {
        BlockingQueue<Integer> todo = new LinkedBlockingQueue<>();
        for (int i = 0; i < cells.size(); i++) {
            todo.add(i);
        }
        AtomicReference<RuntimeException> fatal = new AtomicReference<>();
        List<Thread> feeders = new ArrayList<>();
        for (int w = 0; w < Math.min(workers, cells.size()); w++) {
            Thread t = new Thread(() -> {
                try {
                    feed(cells, todo, onResult);
                } catch (RuntimeException e) {
                    fatal.compareAndSet(null, e);
                    todo.clear();
                }
            }, "plugbench-worker-feeder-" + w);
            t.setDaemon(true);
            t.start();
            feeders.add(t);
        }
        for (Thread t : feeders) {
            t.join();
        }
        if (fatal.get() != null) {
            throw fatal.get();
        }
    }

    /** Keeps one worker busy until the queue is empty; starts a new worker after one dies. */
    private void feed(List<CellDescription> cells, BlockingQueue<Integer> todo, BiConsumer<Integer, CellResult> onResult) {
        WorkerHandle worker = null;
        try {
            for (Integer i; (i = todo.poll()) != null; ) {
                if (worker == null) {
                    worker = start();
                }
                CellDescription cell = cells.get(i);
                CellResult row;
                try {
                    row = worker.run(i, cell, timeout.plus(ANSWER_MARGIN));
                    if (row.failed() && (row.error().startsWith("timed out") || row.error().startsWith("OutOfMemoryError"))) {
                        // the runaway call may still be spinning in that JVM, or the method's hoard still fill it:
                        // retire it so that later cells get a fresh one
                        worker.kill();
                        worker = null;
                    }
                } catch (IOException e) {
                    row = CellRunner.failed(cell, System.nanoTime(), "the worker JVM stopped while running this cell: " + e.getMessage()
                            + " (System.exit, a crash or out of memory in the method); the other cells go on in a new worker");
                    worker.kill();
                    worker = null;
                }
                onResult.accept(i, row);
            }
        } finally {
            if (worker != null) {
                worker.close();
            }
        }
    }

    private WorkerHandle start() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // the worker's own caps: a method that hoards memory fails its cell, and an out-of-memory error ends the worker
        // (its state is not to be trusted after one), which fails that cell only
        command.add("-Xmx" + memory.heapMb() + "m");
        command.add("-Dorg.bytedeco.javacpp.maxbytes=" + memory.offHeapMb() + "m");
        command.add("-Dorg.bytedeco.javacpp.maxphysicalbytes=" + (memory.heapMb() + memory.offHeapMb() + 512) + "m");
        command.add("-XX:+ExitOnOutOfMemoryError");
        // the parent's numeric thread count, so that a worker's numbers equal the parent's bit for bit
        command.add("-Dplugbench.numericThreads=" + NumericRuntime.threads().get("nd4j_threads"));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Worker.class.getName());
        try {
            Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            WorkerHandle h = new WorkerHandle(p);
            Map<String, Object> hello = new LinkedHashMap<>();
            hello.put("type", "host");
            List<Map<String, Object>> files = new ArrayList<>();
            for (PluginInfo pi : plugins) {
                files.add(Map.of("path", pi.file().toAbsolutePath().toString(), "sha256", pi.sha256()));
            }
            hello.put("plugins", files);
            hello.put("classpath_methods", classpathMethods);
            hello.put("cell_timeout_seconds", timeout.toSeconds());
            h.send(hello);
            Map<String, Object> ready = h.receive(Duration.ofMinutes(2));
            if (ready == null || !"ready".equals(ready.get("type"))) {
                h.kill();
                throw new IllegalStateException("a worker JVM could not build its host: " + (ready == null ? "no answer in 2 minutes"
                        : ready.get("message")));
            }
            return h;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a worker JVM (" + String.join(" ", command.subList(0, 1)) + "): " + e.getMessage(), e);
        }
    }

    /** One worker process: its input, and a reader thread that queues its protocol lines. */
    private static final class WorkerHandle implements AutoCloseable {
        private static final Map<String, Object> EOF = Map.of("type", "eof");
        private final Process process;
        private final OutputStream in;
        private final BlockingQueue<Map<String, Object>> answers = new LinkedBlockingQueue<>();

        WorkerHandle(Process process) {
            this.process = process;
            this.in = process.getOutputStream();
            Thread reader = new Thread(this::read, "plugbench-worker-reader-" + process.pid());
            reader.setDaemon(true);
            reader.start();
        }

        /** Queues every protocol line; other lines (native banners) go to the debug log. */
        private void read() {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    if (line.startsWith(Worker.PREFIX)) {
                        answers.add(Worker.read(line.substring(Worker.PREFIX.length())));
                    } else {
                        LOG.debug("worker: {}", line);
                    }
                }
            } catch (IOException e) {
                LOG.debug("worker output closed", e);
            } finally {
                answers.add(EOF);
            }
        }

        CellResult run(int index, CellDescription cell, Duration deadline) throws IOException {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("type", "cell");
            m.put("index", index);
            m.put("cell", cell.toJson());
            send(m);
            Map<String, Object> answer = receive(deadline);
            if (answer == null) {
                kill();
                return CellRunner.failed(cell, System.nanoTime(), "the worker JVM did not answer within " + deadline.toSeconds()
                        + " s and was killed");
            }
            if (!"row".equals(answer.get("type")) || ((Number) answer.get("index")).intValue() != index) {
                throw new IOException("unexpected answer " + answer.get("type") + (answer.containsKey("message") ? ": " + answer.get("message") : ""));
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> row = (Map<String, Object>) answer.get("row");
            return Json.cell(row);
        }

        void send(Map<String, Object> message) throws IOException {
            in.write((Json.COMPACT.writeValueAsString(message) + "\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
        }

        /** The next protocol message, null after {@code deadline}; an IOException when the worker exited. */
        Map<String, Object> receive(Duration deadline) throws IOException {
            Map<String, Object> m;
            try {
                m = answers.poll(deadline.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for the worker");
            }
            if (m == EOF) {
                answers.add(EOF);
                throw new IOException("the worker JVM exited (status " + exitStatus() + ")");
            }
            return m;
        }

        private String exitStatus() {
            try {
                return process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS) ? Integer.toString(process.exitValue()) : "still running";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "unknown";
            }
        }

        /** Ends the worker now, whatever it is doing. */
        void kill() {
            process.destroyForcibly();
        }

        @Override
        public void close() {
            try {
                send(Map.of("type", "end"));
                in.close();
            } catch (IOException e) {
                // the worker is gone already
            }
            try {
                if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
