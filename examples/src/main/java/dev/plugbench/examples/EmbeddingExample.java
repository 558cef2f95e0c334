package dev.plugbench.examples;

import dev.plugbench.api.model.ModelSnapshot;
import dev.plugbench.api.spectral.Measurement;
import dev.plugbench.api.spectral.ProbeInput;
import dev.plugbench.api.spectral.SpectralProbe;
import dev.plugbench.host.Plugbench;
import dev.plugbench.host.Problem;
import dev.plugbench.toolkit.nn.Activation;
import dev.plugbench.toolkit.nn.Losses;
import dev.plugbench.toolkit.nn.Network;
import dev.plugbench.toolkit.nn.Parameterization;
import dev.plugbench.toolkit.nn.Sgd;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An application that embeds the host: loads the plugins of a folder, trains a small network for a
 * few steps and measures how far its first layer moved with the {@code norm-change} probe. The
 * README's "Embedding the host" block is the region between the {@code tag::} and {@code end::}
 * comments below, checked by {@code ReadmeBlocksTest}.
 */
public final class EmbeddingExample {
    private EmbeddingExample() {
    }

    /** Runs the example over the plugins in {@code pluginsDir}; returns the probe's values. */
    public static Map<String, Double> run(Path pluginsDir) {
        // tag::embedding[]
        try (Plugbench host = Plugbench.builder()
                .pluginsDir(pluginsDir)              // *.jar / *.zip plugins, e.g. cli/target/plugins
                .discoverClasspath(false)            // true: also META-INF/services extensions on the classpath
                .build()) {
            List<Problem> problems = host.problems(); // what was refused, and why (with the fix)
            problems.forEach(System.err::println);
            SpectralProbe probe = host.method(SpectralProbe.class, "norm-change"); // stable across hot swaps

            Network net = Network.builder(8, DataType.DOUBLE, 1).dense(16, Parameterization.NTK)
                    .activation(Activation.TANH).dense(1, Parameterization.NTK).build();
            ModelSnapshot initial = net.snapshot();
            INDArray x = Nd4j.rand(DataType.DOUBLE, 64, 8);
            INDArray y = x.sum(true, 1);
            for (int step = 0; step < 20; step++) {
                net.trainStep(x, y, Losses.MEAN_SQUARED_ERROR, new Sgd(0.1));
            }
            Measurement m = probe.measure(new ProbeInput(net.snapshot(), initial, x, y), probe.info().defaults());
            System.out.println(m.values());   // {delta_w_fro=..., delta_w_op=...}
            return m.values();
        }
        // end::embedding[]
    }

    public static void main(String[] args) {
        run(Path.of(args.length > 0 ? args[0] : "plugins"));
    }
}
