package dev.plugbench.examples.docs;

import dev.plugbench.api.MethodInfo;
import dev.plugbench.api.MetricSpec;
import dev.plugbench.api.bench.BenchTask;
import dev.plugbench.api.bench.CellContext;
import dev.plugbench.api.bench.CellOutput;
import dev.plugbench.api.bench.Scale;
import dev.plugbench.api.bench.Setting;
import dev.plugbench.api.spectral.ProbeInput;
import dev.plugbench.api.spectral.SpectralProbe;
import dev.plugbench.toolkit.data.Dataset;
import dev.plugbench.toolkit.data.SingleIndexTeacher;
import dev.plugbench.toolkit.nn.Activation;
import dev.plugbench.toolkit.nn.Losses;
import dev.plugbench.toolkit.nn.Network;
import dev.plugbench.toolkit.nn.Parameterization;
import dev.plugbench.toolkit.nn.Sgd;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.pf4j.Extension;

// sdk-docs/harness.md's task, compiled and run on a probe (DocExamplesTest)
// tag::task[]
@Extension                                                  // in a plugin file; or list it in META-INF/services
public final class MyTask implements BenchTask<SpectralProbe> {
    private final Dataset data = new SingleIndexTeacher(16, 0.1, 7).sample(128, 8);

    public Class<SpectralProbe> extensionPoint() { return SpectralProbe.class; }
    public String family() { return SpectralProbe.FAMILY; }
    public String name() { return "my-task"; }
    public String description() { return "one line for the report"; }
    public List<MetricSpec> metrics() { return List.of(MetricSpec.lower("test_mse", "mean squared error on the training data")); }
    public List<Setting> settings(Scale scale) {            // a name for reports, typed fields for run
        return List.of(Setting.of("small-lr", "learning_rate", 0.01), Setting.of("large-lr", "learning_rate", 0.1));
    }
    public List<Map<String, Object>> sweep(MethodInfo m, Scale scale) { return List.of(Map.of()); }
    public DatasetInfo dataset(Scale scale) { return new DatasetInfo(data.name(), data.contentHash()); }
    public CellOutput run(SpectralProbe method, CellContext cell) {
        double lr = cell.setting().real("learning_rate");   // cell.params(), cell.seed(), cell.scale() too
        Network net = Network.builder(16, DataType.DOUBLE, cell.seed())
                .dense(32, Parameterization.NTK).activation(Activation.TANH).dense(1, Parameterization.NTK).build();
        var initial = net.snapshot();
        INDArray x = data.features();
        INDArray y = data.targets();
        double mse = 0;
        for (int step = 0; step < 20; step++) {
            mse = net.trainStep(x, y, Losses.MEAN_SQUARED_ERROR, new Sgd(lr, 0, 0));
        }
        Map<String, Double> metrics = new HashMap<>(method.measure(new ProbeInput(net.snapshot(), initial, x, y), cell.params()).values());
        metrics.put("test_mse", mse);
        return CellOutput.of(metrics);
    }
}
// end::task[]
