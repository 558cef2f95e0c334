package dev.plugbench.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * A way to run cells elsewhere, chosen with {@code bench --runner NAME[=ARGUMENT]}: a
 * {@link java.util.ServiceLoader} service ({@code META-INF/services/dev.plugbench.harness.RunnerProvider})
 * in a jar on the host's class path, for example {@code plugbench-spark} ({@code --runner spark=local[2]}).
 * The executor it opens gets the cells of every task of the run, then is closed.
 */
public interface RunnerProvider {
    /** The name after {@code --runner}. */
    String name();

    /** How to write the argument, for messages: for example {@code spark[=MASTER]: MASTER is local[K], spark://HOST:PORT, yarn, ...}. */
    String usage();

    /**
     * Opens an executor for one run.
     *
     * @param argument what followed {@code NAME=}, or empty when only the name was given
     * @param setup    what each worker needs to rebuild this host: the plugin files and their hashes, the
     *                 cell time limit, memory caps and the numeric thread count to pin
     * @param threads  the run's {@code --threads}, for a runner's local default
     * @throws IllegalArgumentException for an argument the runner cannot use, with the fix
     */
    CellExecutor open(String argument, WorkerSetup setup, int threads);

    /** The provider named {@code name} among the services {@code loader} sees. */
    static RunnerProvider find(String name, ClassLoader loader) {
        List<String> names = new ArrayList<>();
        for (RunnerProvider p : ServiceLoader.load(RunnerProvider.class, loader)) {
            if (p.name().equals(name)) {
                return p;
            }
            names.add(p.name());
        }
        String hint = name.equals("spark")
                ? "put plugbench-spark and its dependencies on the class path (./plugbench does for --runner spark, building it on first use: "
                        + "mvn -B package -pl runner-spark -am; an embedding application adds the dev.plugbench:plugbench-spark dependency)"
                : "put the jar that provides it on the class path";
        throw new IllegalArgumentException("no runner '" + name + "' on the class path" + (names.isEmpty() ? "" : " (runners here: " + names + ")")
                + ": " + hint);
    }
}
