package dev.plugbench.fifth;

import dev.plugbench.api.MetricSpec;
import dev.plugbench.api.Params;
import dev.plugbench.api.bench.BenchTask;
import dev.plugbench.api.bench.CellContext;
import dev.plugbench.api.bench.CellOutput;
import dev.plugbench.api.bench.Scale;
import dev.plugbench.api.bench.Setting;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The fifth family's task: rows scaled to a known Euclidean norm, so the error of a 2-norm is
 * closed-form zero. Settings are the row widths.
 */
public final class NormTask implements BenchTask<VectorNorm> {
    @Override
    public Class<VectorNorm> extensionPoint() {
        return VectorNorm.class;
    }

    @Override
    public String family() {
        return VectorNorm.FAMILY;
    }

    @Override
    public String name() {
        return "known-norms";
    }

    @Override
    public String description() {
        return "Random rows scaled to Euclidean norms 1..n; error of the method's norms against them.";
    }

    @Override
    public List<MetricSpec> metrics() {
        return List.of(MetricSpec.lower("max_abs_error", "largest |norm - known 2-norm| over the rows"));
    }

    @Override
    public List<Setting> settings(Scale scale) {
        return (scale.quick() ? List.of(3) : List.of(3, 30)).stream().map(d -> Setting.of("d=" + d, "d", d)).toList();
    }

    @Override
    public DatasetInfo dataset(Scale scale) {
        return new DatasetInfo("gaussian rows (generated per seed)", "0".repeat(64));
    }

    @Override
    public CellOutput run(VectorNorm method, CellContext context) {
        Params params = context.params();
        Setting setting = context.setting();
        long seed = context.seed();
        int d = Math.toIntExact(setting.integer("d"));
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] rows = new double[20][d];
        for (int i = 0; i < rows.length; i++) {
            double sum = 0;
            for (int j = 0; j < d; j++) {
                rows[i][j] = rng.nextDouble() - 0.5;
                sum += rows[i][j] * rows[i][j];
            }
            for (int j = 0; j < d; j++) {
                rows[i][j] *= (i + 1) / Math.sqrt(sum);
            }
        }
        double[] norms = method.norms(Nd4j.createFromArray(rows), params);
        if (norms.length != rows.length) {
            throw new IllegalStateException("method '" + method.info().id() + "' gave " + norms.length + " norms for " + rows.length + " rows");
        }
        double worst = 0;
        for (int i = 0; i < norms.length; i++) {
            worst = Math.max(worst, Math.abs(norms[i] - (i + 1)));
        }
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("max_abs_error", worst);
        return CellOutput.of(m);
    }
}
