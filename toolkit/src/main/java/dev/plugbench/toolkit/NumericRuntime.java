package dev.plugbench.toolkit;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Process-wide ND4J settings the toolkit relies on: the same numbers on any core count.
 *
 * <p>ND4J's reductions split their input into one chunk per thread, and LAPACK's eigensolvers
 * follow OpenBLAS's thread count, so the same cell differs in the last bits between a 1-core and
 * a 2-core machine (measured on ND4J 1.0.0-M2.1: a norm and a symmetric eigendecomposition).
 * {@link #configure()} pins both to {@value #DEFAULT_THREADS} thread: ND4J reads its thread count
 * only from the environment when its native library starts ({@code SD_MAX_THREADS};
 * {@code Environment.setMaxThreads} has no effect on M2.1), and OpenBLAS only when it loads
 * ({@code OPENBLAS_NUM_THREADS}), so {@code configure()} sets both variables in the process
 * environment before ND4J starts, then OpenBLAS's threads again through ND4J's BLAS wrapper
 * (ND4J sets them from {@code OMP_NUM_THREADS} or the core count as it starts). Cells then run in parallel with each other instead ({@code --threads K}).
 *
 * <p>{@code -Dplugbench.numericThreads=N} (or {@code SD_MAX_THREADS=N} set before the JVM starts)
 * chooses another count; the numbers then depend on N, and {@link #threads()} records it. The host
 * calls {@code configure()} at start; applications using the toolkit alone should call it before
 * their first ND4J call, else ND4J keeps one thread per core and {@code configure()} says so.
 *
 * <p>The BLAS kernel: OpenBLAS (0.3.31 here, chosen over ND4J's 0.3.19 because it knows newer CPUs
 * and runs LAPACK's eigensolver faster) detects the CPU and picks its kernel, unless
 * {@code OPENBLAS_CORETYPE} is set. {@code -Dplugbench.blasCore=NAME} makes {@code configure()}
 * set that kernel for both copies before they load; {@code -Dplugbench.blasCore=detect} removes an
 * inherited {@code OPENBLAS_CORETYPE} (and {@code OPENBLAS_L2_SIZE}) so that OpenBLAS detects the
 * CPU. The kernel changes results in the last bits; provenance records it.
 *
 * <p>Unless {@code OMP_WAIT_POLICY} or {@code GOMP_SPINCOUNT} is set, {@code configure()} sets
 * {@code OMP_WAIT_POLICY=PASSIVE}: ND4J's OpenMP threads then sleep between ops instead of spinning
 * on the cores OpenBLAS's threads need (it matters with more than one numeric thread).
 */
public final class NumericRuntime {
    /** The thread count that gives the same numbers everywhere. */
    public static final int DEFAULT_THREADS = 1;
    private static final Logger LOG = LoggerFactory.getLogger(NumericRuntime.class);
    private static final int RTLD_LAZY = 1;
    private static final int RTLD_NOLOAD = 4;
    /** The system property that chooses OpenBLAS's kernel: a name (OpenBLAS's OPENBLAS_CORETYPE) or {@value #DETECT}. */
    public static final String CORE_PROPERTY = "plugbench.blasCore";
    /** {@link #CORE_PROPERTY}'s value that lets OpenBLAS detect the CPU, even where the environment names a kernel. */
    public static final String DETECT = "detect";
    private static volatile Map<String, Object> threads;

    private NumericRuntime() {
    }

    /** Pins ND4J's and OpenBLAS's threads (see the class comment). Idempotent. */
    public static synchronized void configure() {
        if (threads != null) {
            return;
        }
        String preset = System.getenv("SD_MAX_THREADS");
        int wanted;
        String source;
        if (System.getProperty("plugbench.numericThreads") == null && preset != null && preset.matches("[1-9][0-9]*")) {
            wanted = Integer.parseInt(preset);
            source = "SD_MAX_THREADS from the environment";
        } else {
            wanted = Integer.getInteger("plugbench.numericThreads", DEFAULT_THREADS);
            source = "pinned by plugbench";
        }
        if (wanted < 1) {
            throw new IllegalArgumentException("-Dplugbench.numericThreads must be at least 1; got " + wanted);
        }
        // ND4J reads SD_MAX_THREADS, and OpenBLAS (both of ND4J's copies) OPENBLAS_NUM_THREADS and OPENBLAS_CORETYPE, when they load
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("SD_MAX_THREADS", Integer.toString(wanted));
        variables.put("OPENBLAS_NUM_THREADS", Integer.toString(wanted));
        // ND4J's OpenMP threads spin after each op (libgomp's default) and then hold the cores OpenBLAS's threads need:
        // with 2 numeric threads on 2 cores, a trace-NTK Gram took 408 ms spinning and 69 ms waiting passively, an MLP
        // step 21 against 207 to 275 a second. Waiting does not change the numbers; OMP_WAIT_POLICY or GOMP_SPINCOUNT set by
        // the user stay as set.
        String ompWait = System.getenv("OMP_WAIT_POLICY");
        if (ompWait == null && System.getenv("GOMP_SPINCOUNT") == null) {
            variables.put("OMP_WAIT_POLICY", ompWait = "PASSIVE");
        }
        String core = System.getProperty(CORE_PROPERTY);
        String coreChoice;
        if (core == null) {
            String inherited = System.getenv("OPENBLAS_CORETYPE");
            coreChoice = inherited == null ? "detected by OpenBLAS" : "OPENBLAS_CORETYPE=" + inherited + " from the environment";
        } else if (core.equalsIgnoreCase(DETECT)) {
            variables.put("OPENBLAS_CORETYPE", null);
            variables.put("OPENBLAS_L2_SIZE", null);
            coreChoice = "detected by OpenBLAS (-D" + CORE_PROPERTY + "=" + DETECT + ")";
        } else if (core.matches("[A-Za-z][A-Za-z0-9]*")) {
            variables.put("OPENBLAS_CORETYPE", core);
            coreChoice = "-D" + CORE_PROPERTY + "=" + core;
        } else {
            throw new IllegalArgumentException("-D" + CORE_PROPERTY + "=" + core + " is not an OpenBLAS kernel name: give one such as Haswell, "
                    + "SkylakeX, Zen, or " + DETECT + " to let OpenBLAS detect the CPU");
        }
        if (!setNativeEnvironment(variables)) {
            source = "not pinned: setenv failed";
            coreChoice = "not chosen: setenv failed";
        }
        Nd4j.getEnvironment().setMaxMasterThreads(wanted);
        int nd4j = Nd4j.getEnvironment().maxThreads();
        Nd4j.factory().blas().setMaxThreads(nd4j);
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("nd4j_threads", nd4j);
        t.put("blas_threads", Nd4j.factory().blas().getMaxThreads());
        t.put("thread_source", source);
        t.put("omp_wait_policy", ompWait == null ? "GOMP_SPINCOUNT=" + System.getenv("GOMP_SPINCOUNT") : ompWait);
        Map<String, String> cores = blasCores();
        t.put("blas_core", cores.isEmpty() ? "unknown"
                : String.join(", ", cores.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).toList()));
        t.put("blas_core_choice", coreChoice);
        if (core != null && !core.equalsIgnoreCase(DETECT) && cores.values().stream().anyMatch(c -> !c.toLowerCase(Locale.ROOT)
                .startsWith(core.toLowerCase(Locale.ROOT) + " "))) {
            LOG.warn("-D{}={} asked for that OpenBLAS kernel, but OpenBLAS runs {}: the name is unknown to this OpenBLAS or the CPU lacks its "
                    + "instructions (OpenBLAS's names: Haswell, SkylakeX, Cooperlake, SapphireRapids, Zen, Sandybridge, ...)", CORE_PROPERTY, core, cores);
        }
        threads = Map.copyOf(t);
        if (nd4j != wanted) {
            LOG.warn("ND4J runs its operations on {} threads, not {}: it started before NumericRuntime.configure() (results then depend "
                    + "on the core count). Call configure() before the first ND4J call, or start the JVM with SD_MAX_THREADS={}", nd4j, wanted, wanted);
        }
    }

    /**
     * The numeric threads this process runs with, for provenance: {@code nd4j_threads},
     * {@code blas_threads}, {@code thread_source}, {@code omp_wait_policy}, {@code blas_core} (each OpenBLAS copy's kernel and
     * version) and {@code blas_core_choice} (who chose the kernel). Configures first when needed.
     */
    public static Map<String, Object> threads() {
        configure();
        return threads;
    }

    /** Sets variables (a null value: removes them) in the C environment, where native libraries read them (Java's own copy is read-only). */
    private static boolean setNativeEnvironment(Map<String, String> variables) {
        try {
            LibC libc = Native.loadLibrary("c", LibC.class);
            boolean all = true;
            for (Map.Entry<String, String> v : variables.entrySet()) {
                all &= (v.getValue() == null ? libc.unsetenv(v.getKey()) : libc.setenv(v.getKey(), v.getValue(), 1)) == 0;
            }
            return all;
        } catch (LinkageError e) {
            LOG.warn("cannot set {} in the process environment ({}); start the JVM with them set for core-count independent results",
                    variables, e.getMessage());
            return false;
        }
    }

    /**
     * The kernel of each OpenBLAS copy ND4J loaded (its BLAS and its LAPACK come from separate
     * libraries), from {@code /proc/self/maps}; "unknown" elsewhere. The libraries are looked up
     * with RTLD_NOLOAD | RTLD_LOCAL: opened globally, one copy's symbols would override the other's
     * and mix their memory pools (seen: "BLAS : Bad memory unallocation", then a crash).
     */
    private static Map<String, String> blasCores() {
        Map<String, String> cores = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
                int at = line.indexOf('/');
                String file = at < 0 ? "" : Path.of(line.substring(at)).getFileName().toString();
                if (file.startsWith("libopenblas") && !cores.containsKey(file)) {
                    NativeLibrary lib = NativeLibrary.getInstance(line.substring(at), Map.of(Library.OPTION_OPEN_FLAGS, RTLD_LAZY | RTLD_NOLOAD));
                    String core = lib.getFunction("openblas_get_corename").invokeString(new Object[0], false);
                    String[] config = lib.getFunction("openblas_get_config").invokeString(new Object[0], false).split(" ");
                    cores.put(file, core + (config.length > 1 ? " (OpenBLAS " + config[1] + ")" : ""));
                }
            }
        } catch (IOException | RuntimeException | LinkageError e) {
            LOG.debug("OpenBLAS kernel not found", e);
        }
        return cores;
    }

    private interface LibC extends Library {
        int setenv(String name, String value, int overwrite);

        int unsetenv(String name);
    }
}
