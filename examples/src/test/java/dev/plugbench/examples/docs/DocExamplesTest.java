package dev.plugbench.examples.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugbench.api.bench.CellContext;
import dev.plugbench.api.bench.CellOutput;
import dev.plugbench.api.bench.Scale;
import dev.plugbench.api.bench.Setting;
import dev.plugbench.api.model.Model;
import dev.plugbench.toolkit.data.Dataset;
import dev.plugbench.toolkit.data.Digits;
import dev.plugbench.toolkit.nn.Activation;
import dev.plugbench.toolkit.nn.Adam;
import dev.plugbench.toolkit.nn.Network;
import dev.plugbench.toolkit.nn.Parameterization;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The sdk-docs code that is not a method (usage in an application, a task, a training loop) runs, on digits, with its real results checked. */
class DocExamplesTest {
    private static final Path PLUGINS = Path.of(System.getProperty("plugbench.plugins", "../cli/target/plugins"));
    private static final Dataset DIGITS = Digits.load();

    private static INDArray x(int from, int to) {
        return DIGITS.features().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from, to), org.nd4j.linalg.indexing.NDArrayIndex.all())
                .castTo(DataType.DOUBLE).div(16.0);
    }

    private static int[] labels(int from, int to) {
        return java.util.Arrays.copyOfRange(DIGITS.labels(), from, to);
    }

    @Test
    void lwaPageFitsARuleForTheCallersClientAndAnswersEveryInput() {
        Model client = Network.builder(64, DataType.DOUBLE, 3).dense(10, Parameterization.STANDARD).build();   // an untrained, poor client
        int[] answers = LwaPage.answers(PLUGINS, client, x(0, 300), labels(0, 300), 10, x(300, 400));
        assertThat(answers).hasSize(100);
        assertThat(java.util.Arrays.stream(answers).boxed().toList()).allSatisfy(a -> assertThat(a).isBetween(0, 9));
        long right = java.util.stream.IntStream.range(0, 100).filter(i -> answers[i] == DIGITS.label(300 + i)).count();
        long clientRight = java.util.stream.IntStream.range(0, 100)
                .filter(i -> client.forward(x(300 + i, 301 + i)).argMax(1).getInt(0) == DIGITS.label(300 + i)).count();
        assertThat(right).as("the expert helps a poor client").isGreaterThan(clientRight);
    }

    @Test
    void latentPageTrainsAroundThePluginsQuantizer() {
        int sites = 2;
        Network encoder = Network.builder(64, DataType.DOUBLE, 1).dense(32, Parameterization.STANDARD).activation(Activation.TANH)
                .dense(sites * 8, Parameterization.STANDARD).build();
        Network decoder = Network.builder(sites * 8, DataType.DOUBLE, 2).dense(32, Parameterization.STANDARD).activation(Activation.TANH)
                .dense(64, Parameterization.STANDARD).build();
        List<INDArray> batches = new ArrayList<>();
        for (int b = 0; b < 8; b++) {
            batches.add(x(b * 64, (b + 1) * 64));
        }
        double[] losses = LatentPage.train(PLUGINS, batches, encoder, decoder, new Adam(1e-3), new Adam(1e-3), sites, 5);
        assertThat(losses).hasSize(8);
        assertThat(java.util.Arrays.stream(losses).boxed().toList()).allSatisfy(l -> assertThat(l).isFinite().isNotNegative());
    }

    @Test
    void toolkitPageNetworkLearns() {
        INDArray x = x(0, 512);
        INDArray y = Nd4j.zeros(DataType.DOUBLE, 512, 10);
        int[] labels = labels(0, 512);
        for (int i = 0; i < 512; i++) {
            y.putScalar(i, labels[i], 1.0);
        }
        Network net = ToolkitPage.train(x, y, 4, 10);
        INDArray predicted = net.forward(x).argMax(1);
        long right = java.util.stream.IntStream.range(0, 512).filter(i -> predicted.getInt(i) == labels[i]).count();
        assertThat(right).as("10 epochs of Adam on 512 digits: far above chance (51)").isGreaterThan(250);
    }

    @Test
    void harnessPageTaskRunsAProbeInEachSetting() {
        MyTask task = new MyTask();
        for (Setting s : task.settings(Scale.QUICK)) {
            CellOutput out = task.run(new TopEigenvalue(), new CellContext(TopEigenvalue.INFO.defaults(), s, 1, Scale.QUICK));
            assertThat(out.metrics()).containsKeys("test_mse", "eig_max");
            assertThat(out.metrics().get("eig_max")).isPositive();
        }
    }
}
