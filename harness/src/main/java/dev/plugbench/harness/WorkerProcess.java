package dev.plugbench.harness;

import dev.plugbench.api.bench.CellResult;
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
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One worker JVM speaking the worker protocol ({@link Worker}): started from a {@link WorkerSetup},
 * it rebuilds the host from the plugin files (refusing any whose hash differs), then answers one
 * cell at a time. Whatever a method does in it (exits the JVM, spins, runs out of memory) fails that
 * cell only; the worker is then retired ({@link #reusable()} is false) and the caller starts another.
 * Used by {@code --workers} here and by cluster runners on their nodes.
 */
public final class WorkerProcess implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerProcess.class);
    /** How long past the cell's own limit the parent waits for a worker's answer before killing it. */
    private static final Duration ANSWER_MARGIN = Duration.ofSeconds(30);
    private static final Map<String, Object> EOF = Map.of("type", "eof");
    private final Process process;
    private final OutputStream in;
    private final Duration deadline;
    private final BlockingQueue<Map<String, Object>> answers = new LinkedBlockingQueue<>();
    private volatile boolean reusable = true;
    /** The tasks (family/task/scale) this worker has run cells of, and so holds the prepared state of. */
    private final java.util.Set<String> prepared = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private WorkerProcess(Process process, Duration deadline) {
        this.process = process;
        this.in = process.getOutputStream();
        this.deadline = deadline;
        Thread reader = new Thread(this::read, "plugbench-worker-reader-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /** Extra JVM options for every worker JVM, split at spaces (none by default; one that names a collector replaces the serial one). */
    public static final String JAVA_OPTIONS_PROPERTY = "plugbench.worker.javaOptions";

    /**
     * Starts a worker JVM with {@code classPath} (this JVM's java executable) and waits until it has
     * built its host. The worker's numeric threads are pinned to the setup's count, both as
     * {@code -Dplugbench.numericThreads} and as {@code OMP_NUM_THREADS} in its environment, so a
     * node's own settings (a cluster manager sets {@code OMP_NUM_THREADS} to the executor's cores)
     * cannot change its numbers. A BLAS kernel chosen with {@code -Dplugbench.blasCore} here is
     * passed on the same way.
     *
     * @throws IllegalStateException when the worker cannot build its host (a plugin file missing or
     *                               differing from its hash), with the worker's reason
     */
    public static WorkerProcess start(WorkerSetup setup, String classPath) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // the worker's own caps: a method that hoards memory fails its cell, and an out-of-memory error ends the worker
        // (its state is not to be trusted after one), which fails that cell only
        RunSpec.WorkerMemory memory = setup.memory();
        command.add("-Xmx" + memory.heapMb() + "m");
        command.add("-Dorg.bytedeco.javacpp.maxbytes=" + memory.offHeapMb() + "m");
        // no JavaCPP resident-size cap (maxphysicalbytes): it reads /proc on every native allocation (cells ran 30% slower
        // with it); the worker watches its own resident size instead, ten times a second (ResidentWatch)
        command.add("-Dorg.bytedeco.javacpp.maxphysicalbytes=0");
        command.add("-XX:+ExitOnOutOfMemoryError");
        command.add("-Dplugbench.numericThreads=" + setup.numericThreads());
        String blasCore = System.getProperty(NumericRuntime.CORE_PROPERTY);
        if (blasCore != null) {
            command.add("-D" + NumericRuntime.CORE_PROPERTY + "=" + blasCore);
        }
        // the command's log settings (plugbench.log.*, read by the CLI's logging): a worker logs to the same file, the same way
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("plugbench.log.")).sorted()
                .forEach(k -> command.add("-D" + k + "=" + System.getProperty(k)));
        // extra JVM options for the workers (tuning and measurement), e.g. -Dplugbench.worker.javaOptions="-XX:TieredStopAtLevel=1"
        String extra = System.getProperty(JAVA_OPTIONS_PROPERTY, "").trim();
        if (!extra.matches(".*-XX:\\+Use\\w*GC.*")) {
            // a worker runs one cell at a time on one numeric thread with a small heap: the serial collector costs least. G1's
            // concurrent threads cost each worker ~9 s of CPU in the quick demo (33 s of 246 in all, against 213 s with this)
            command.add("-XX:+UseSerialGC");
        }
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        WorkerClassArchive.Use classArchive = WorkerClassArchive.of(classPath).next();
        command.addAll(classArchive.options());
        command.add("-cp");
        command.add(classPath);
        command.add(Worker.class.getName());
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("OMP_NUM_THREADS", Integer.toString(setup.numericThreads()));
        builder.environment().remove("SD_MAX_THREADS");
        try {
            Process process = builder.start();
            process.onExit().thenRun(classArchive::ended);
            WorkerProcess w = new WorkerProcess(process, setup.cellTimeout().plus(ANSWER_MARGIN));
            w.send(setup.hostMessage());
            String problem;
            try {
                Map<String, Object> ready = w.receive(Duration.ofMinutes(2));
                problem = ready == null ? "no answer in 2 minutes" : "ready".equals(ready.get("type")) ? null : "it answered " + ready;
            } catch (IOException e) {
                problem = e.getMessage();
            }
            if (problem != null) {
                w.kill();
                throw new IllegalStateException("a worker JVM could not build its host: " + problem);
            }
            return w;
        } catch (IOException e) {
            classArchive.ended(); // no JVM: the archive's lock goes
            throw new UncheckedIOException("cannot start a worker JVM (" + command.get(0) + "): " + e.getMessage(), e);
        }
    }

    /** The host of a worker started with this JVM's class path. */
    public static WorkerProcess start(WorkerSetup setup) {
        return start(setup, System.getProperty("java.class.path"));
    }

    /**
     * Runs one cell and returns its row. Never throws for what the cell does: a worker that exits
     * or does not answer within the cell's limit (plus a margin) gives a failed row saying so, and
     * is retired, as is one whose cell timed out or ran out of memory.
     */
    public CellResult run(int index, CellDescription cell) {
        long t0 = System.nanoTime();
        CellResult row;
        try {
            row = ask(index, cell);
            if (row.failed() && (row.error().startsWith("timed out") || row.error().startsWith("OutOfMemoryError"))) {
                // the runaway call may still be spinning in that JVM, or the method's hoard still fill it
                retire();
            }
        } catch (IOException e) {
            row = CellRunner.failed(cell, t0, "the worker JVM stopped while running this cell: " + e.getMessage()
                    + " (System.exit, a crash or out of memory in the method); the other cells go on in a new worker");
            retire();
        }
        return row;
    }

    private CellResult ask(int index, CellDescription cell) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "cell");
        m.put("index", index);
        m.put("cell", cell.toJson());
        send(m);
        Map<String, Object> answer = receive(deadline);
        if (answer != null && "resident-cap".equals(answer.get("type"))) {
            retire();
            return CellRunner.failed(cell, System.nanoTime(), answer.get("message") + "; the other cells go on in a new worker");
        }
        if (answer == null) {
            retire();
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

    void prepared(String task) {
        prepared.add(task);
    }

    boolean hasPrepared(String task) {
        return prepared.contains(task);
    }

    /** False once the worker should not run another cell (it died, timed out or ran out of memory); it is then already ended. */
    public boolean reusable() {
        return reusable && process.isAlive();
    }

    private void retire() {
        reusable = false;
        kill();
    }

    /** Queues every protocol line; other lines (native libraries print banners) go to the debug log. */
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

    private void send(Map<String, Object> message) throws IOException {
        in.write((Json.COMPACT.writeValueAsString(message) + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    /** The next protocol message, null after {@code wait}; an IOException when the worker exited or sent a fatal message (its reason). */
    private Map<String, Object> receive(Duration wait) throws IOException {
        Map<String, Object> m;
        try {
            m = answers.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the worker");
        }
        if (m != null && "fatal".equals(m.get("type"))) {
            answers.add(EOF);
            throw new IOException(String.valueOf(m.get("message")));
        }
        if (m == EOF) {
            answers.add(EOF);
            throw new IOException("the worker JVM exited (status " + exitStatus() + ")");
        }
        return m;
    }

    private String exitStatus() {
        try {
            return process.waitFor(5, TimeUnit.SECONDS) ? Integer.toString(process.exitValue()) : "still running";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    /** Ends the worker now, whatever it is doing. */
    public void kill() {
        process.destroyForcibly();
    }

    /** Asks the worker to end after its current cell and waits up to 10 s for it. */
    @Override
    public void close() {
        try {
            send(Map.of("type", "end"));
            in.close();
        } catch (IOException e) {
            // the worker is gone already
        }
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
