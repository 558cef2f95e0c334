package dev.plugbench.serving;

import dev.plugbench.api.MethodInfo;
import dev.plugbench.api.Params;
import dev.plugbench.api.lwa.Decisions;
import dev.plugbench.api.lwa.FittedRule;
import dev.plugbench.api.lwa.RejectionProblem;
import dev.plugbench.api.lwa.RejectionRule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Properties;
import org.nd4j.linalg.factory.Nd4j;

/** lwa rules packed as test plugins (TestPluginJars): rules whose answers show which plugin version gave them. */
public final class ServingFixtures {
    private ServingFixtures() {
    }

    /** The last number of the version in this class's own plugin.properties (its plugin jar's, as the plugin class loader reads it first). */
    static long patch(Class<?> c) {
        Properties p = new Properties();
        try (InputStream in = c.getClassLoader().getResourceAsStream("plugin.properties")) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String v = p.getProperty("plugin.version");
        return Long.parseLong(v.substring(v.lastIndexOf('.') + 1));
    }

    /**
     * {@code version-echo}: offloads every input, and its expert answers the parity of its plugin version's last number; a batch
     * decided by two versions would show both answers.
     */
    public static final class VersionEcho implements RejectionRule {
        private static final MethodInfo INFO = MethodInfo.of("version-echo", FAMILY, "version echo", "test fixture");

        @Override
        public MethodInfo info() {
            return INFO;
        }

        @Override
        public FittedRule fit(RejectionProblem problem, Params params, long seed) {
            int answer = (int) (patch(getClass()) % 2);
            return x -> {
                int n = (int) x.rows();
                int[] labels = new int[n];
                Arrays.fill(labels, answer);
                return new Decisions(Nd4j.valueArrayOf(n, -1.0), labels);
            };
        }
    }

    /** {@code version-echo} in a release that fits the host's small sample problem but not a task's 64-feature inputs. */
    public static final class BrokenEcho implements RejectionRule {
        private static final MethodInfo INFO = MethodInfo.of("version-echo", FAMILY, "version echo, broken", "test fixture");

        @Override
        public MethodInfo info() {
            return INFO;
        }

        @Override
        public FittedRule fit(RejectionProblem problem, Params params, long seed) {
            if (problem.features().columns() > 24) {
                throw new IllegalStateException("this release cannot fit inputs of " + problem.features().columns() + " features");
            }
            return x -> new Decisions(Nd4j.valueArrayOf(x.rows(), 1.0), new int[(int) x.rows()]);
        }
    }
}
