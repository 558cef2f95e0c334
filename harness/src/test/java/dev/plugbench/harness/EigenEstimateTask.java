package dev.plugbench.harness;

import dev.plugbench.api.MetricSpec;
import dev.plugbench.api.bench.BenchTask;
import dev.plugbench.api.bench.CellContext;
import dev.plugbench.api.bench.CellOutput;
import dev.plugbench.api.model.ModelSnapshot;
import dev.plugbench.api.spectral.Measurement;
import dev.plugbench.api.spectral.ProbeInput;
import dev.plugbench.api.spectral.SpectralProbe;
import dev.plugbench.toolkit.nn.Activation;
import dev.plugbench.toolkit.nn.Network;
import dev.plugbench.toolkit.nn.Parameterization;
import java.util.List;
import java.util.Map;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.RealMatrix;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A test task for comparisons: each seed draws a network, and a probe estimates the largest eigenvalue
 * of W^T W of its first layer ({@code top}); the task scores the estimate's relative error against
 * Hipparchus's eigendecomposition. Cheap (no training), seeded, and sensitive to how well a probe works.
 */
public final class EigenEstimateTask implements BenchTask<SpectralProbe> {
    @Override
    public Class<SpectralProbe> extensionPoint() {
        return SpectralProbe.class;
    }

    @Override
    public String family() {
        return SpectralProbe.FAMILY;
    }

    @Override
    public String name() {
        return "eigen-estimate";
    }

    @Override
    public String description() {
        return "Relative error of a probe's estimate of the top eigenvalue of W^T W (first layer of a random 64-16-10 network).";
    }

    @Override
    public List<MetricSpec> metrics() {
        return List.of(MetricSpec.lower("relative_error", "|estimate - top eigenvalue| / top eigenvalue"),
                MetricSpec.descriptive("top_eigenvalue", "the exact top eigenvalue (the same for every probe)"));
    }

    @Override
    public DatasetInfo dataset(dev.plugbench.api.bench.Scale scale) {
        return new DatasetInfo("random-network", "0".repeat(64));
    }

    @Override
    public CellOutput run(SpectralProbe method, CellContext context) {
        Network net = Network.builder(64, DataType.DOUBLE, context.seed()).dense(16, Parameterization.STANDARD).activation(Activation.TANH)
                .dense(10, Parameterization.STANDARD).build();
        ModelSnapshot snapshot = net.snapshot();
        double[][] w = snapshot.parameter("0.W").castTo(DataType.DOUBLE).toDoubleMatrix();
        RealMatrix m = new Array2DRowRealMatrix(w);
        double top = java.util.Arrays.stream(new EigenDecompositionSymmetric(m.transpose().multiply(m)).getEigenvalues()).max().orElseThrow();
        Measurement estimate = method.measure(new ProbeInput(snapshot, snapshot, Nd4j.zeros(DataType.DOUBLE, 1, 64), Nd4j.zeros(DataType.DOUBLE, 1, 10)),
                context.params());
        return CellOutput.of(Map.of("relative_error", Math.abs(estimate.values().get("top") - top) / top, "top_eigenvalue", top));
    }
}
