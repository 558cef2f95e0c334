package dev.plugbench.tasks.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.plugbench.api.attribution.SurrogateFeatureSpace;
import dev.plugbench.api.bench.CellContext;
import dev.plugbench.api.bench.Scale;
import dev.plugbench.api.bench.Setting;
import dev.plugbench.host.RegisteredMethod;
import dev.plugbench.host.ProductPluginsTest;
import dev.plugbench.harness.TaskCells;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class AttributionTasksTest extends ProductPluginsTest {
    @Test
    void thePluginRegistersEveryKernel() {
        assertThat(host.problems()).isEmpty();
        assertThat(host.methods(SurrogateFeatureSpace.class)).extracting(RegisteredMethod::id).containsExactly("ck", "embedding", "embedding-hidden",
                "grad-cos", "pntk", "proj-trntk", "rbf-input", "trak", "trntk", "trntk-raw");
    }

    @Test
    void theTrntkSurrogateTracksTheNetworkOnDigitsBinary() {
        SurrogateFeatureSpace trntk = host.method(SurrogateFeatureSpace.class, "trntk");
        Map<String, Double> m = TaskCells.run(new DigitsBinaryTask(), trntk, trntk.info().defaults(), "project-recipe", 0, true);
        assertThat(m.get("kendall_tau")).isGreaterThan(0.5);
        assertThat(m.get("network_accuracy")).isGreaterThan(0.9);
        assertThat(m.get("tad")).isBetween(-0.1, 0.1);
    }

    @Test
    void theAuthorsRecipeTrainsToFullTrainingAccuracyWithScaledNonZeroBiases() {
        DigitsBinaryTask task = new DigitsBinaryTask();
        assertThat(TaskCells.settingNames(task, false)).containsExactly("project-recipe", "authors-recipe");
        assertThat(TaskCells.settingNames(task, true)).containsExactly("project-recipe");
        SurrogateProblem p = task.problem(0, true, Trainer.Recipe.AUTHORS);
        assertThat(Trainer.accuracy(p.network(), p.trainX(), p.trainLabels())).isEqualTo(1.0);
        dev.plugbench.toolkit.nn.Dense first = (dev.plugbench.toolkit.nn.Dense) p.network().layers().get(0);
        assertThat(first.biasScale()).isEqualTo(1 / Math.sqrt(64));
        assertThatThrownBy(() -> task.run(host.method(SurrogateFeatureSpace.class, "trntk"), new CellContext(dev.plugbench.api.Params.none(),
                Setting.of("other-recipe", "recipe", "OTHER"), 0, Scale.QUICK)))
                .hasMessageContaining("unknown recipe 'OTHER' in setting 'other-recipe'").hasMessageContaining("AUTHORS");
    }

    @Test
    void aKernelOfTheWrongShapeFailsTheCellWithTheShapes() {
        SurrogateFeatureSpace wrong = new SurrogateFeatureSpace() {
            public dev.plugbench.api.MethodInfo info() {
                return dev.plugbench.api.MethodInfo.of("wrong", FAMILY, "wrong", "baseline");
            }

            public INDArray kernel(dev.plugbench.api.attribution.KernelRequest r, dev.plugbench.api.Params p, long seed) {
                return Nd4j.zeros(3, 3);
            }
        };
        assertThatThrownBy(() -> TaskCells.run(new DigitsBinaryTask(), wrong, dev.plugbench.api.Params.none(), "project-recipe", 0, true))
                .hasMessageContaining("returned shape [3, 3]");
    }

    @Test
    void theStableLogOddsMatchTheDirectFormula() {
        INDArray z = Nd4j.createFromArray(new double[][] {{1, 2, 0.5}});
        double p1 = Math.exp(2) / (Math.exp(1) + Math.exp(2) + Math.exp(0.5));
        assertThat(Faithfulness.logOdds(z, 0, 1)).isCloseTo(Math.log(p1 / (1 - p1)), within(1e-12));
        assertThat(Faithfulness.logOdds(Nd4j.createFromArray(new double[][] {{900, 0, 0}}), 0, 0)).isCloseTo(900 - Math.log(2), within(1e-9));
    }

    @Test
    void thePluginSurvivesTheHotSwapDrill() throws InterruptedException {
        dev.plugbench.host.DrillReport r = new dev.plugbench.host.HotswapDrill(host).run("attribution", 5, 2);
        assertThat(r.failures()).isEmpty();
        assertThat(r.failedCalls()).isZero();
        assertThat(r.leakedClassLoaders()).isZero();
        assertThat(r.calls()).isPositive();
    }
}
