package dev.plugbench.toolkit.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class DatasetTest {
    @Test
    void embeddedDigitsHaveTheUciShapeAndClassCounts() {
        Dataset d = Digits.load();
        assertThat(d.size()).isEqualTo(1797);
        assertThat(d.width()).isEqualTo(64);
        assertThat(d.classCounts()).containsExactly(178, 182, 177, 183, 181, 182, 181, 179, 174, 180);
        assertThat(d.features().maxNumber().doubleValue()).isEqualTo(16.0);
        assertThat(d.contentHash()).hasSize(64).isEqualTo(Digits.load().subset(java.util.stream.IntStream.range(0, 1797).toArray()).contentHash());
    }

    @Test
    void contentHashChangesWithTheData() {
        Dataset d = Digits.load();
        assertThat(d.subset(new int[] {0, 1}).contentHash()).isNotEqualTo(d.subset(new int[] {1, 0}).contentHash());
    }

    @Test
    void stratifiedSplitKeepsClassProportionsAndIsSeeded() {
        Dataset d = Digits.load();
        Split s = Split.stratified(d, 0.2, 42);
        assertThat(s.train().size() + s.test().size()).isEqualTo(1797);
        int[] test = s.test().classCounts();
        int[] all = d.classCounts();
        for (int c = 0; c < 10; c++) {
            assertThat(test[c]).isEqualTo((int) Math.round(0.2 * all[c]));
        }
        assertThat(Split.stratified(d, 0.2, 42).test().contentHash()).isEqualTo(s.test().contentHash());
        assertThat(Split.stratified(d, 0.2, 43).test().contentHash()).isNotEqualTo(s.test().contentHash());
    }

    @Test
    void aSampleIsTheTestPartOfTheStratifiedSplitRowForRow() {
        Dataset d = Digits.load();
        for (long seed : new long[] {0, 7}) {
            Dataset sample = Split.sample(d, 0.1, seed);
            Dataset test = Split.stratified(d, 0.1, seed).test();
            assertThat(sample.features()).isEqualTo(test.features());
            assertThat(sample.labels()).containsExactly(test.labels());
            assertThat(sample.contentHash()).isEqualTo(test.contentHash());
        }
        assertThat(Split.balancedSample(d, 20, 3).classCounts()).containsOnly(20, 21); // about 20 a class: the first class's fraction of each
    }

    @Test
    void rowsAreGatheredInTheGivenOrderAsGetRowsWould() {
        INDArray doubles = org.nd4j.linalg.factory.Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.DOUBLE, 50, 7);
        INDArray floatView = org.nd4j.linalg.factory.Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 60, 9)
                .get(org.nd4j.linalg.indexing.NDArrayIndex.interval(5, 55), org.nd4j.linalg.indexing.NDArrayIndex.interval(2, 8));
        INDArray column = doubles.getColumns(3);
        int[] order = {49, 0, 17, 17, 3};
        for (INDArray m : List.of(doubles, floatView, column)) {
            INDArray gathered = Dataset.rows(m, order);
            assertThat(gathered.shape()).containsExactly(order.length, m.columns());
            assertThat(gathered.dataType()).isEqualTo(m.dataType());
            assertThat(gathered).isEqualTo(m.getRows(order));
        }
    }

    @Test
    void selectingClassesRelabelsInTheGivenOrder() {
        Dataset pair = Digits.load().selectClasses(8, 3);
        assertThat(pair.classNames()).containsExactly("8", "3");
        assertThat(pair.classCounts()).containsExactly(174, 183);
        assertThatThrownBy(() -> Digits.load().selectClasses(3, 3)).hasMessageContaining("selected twice");
        assertThatThrownBy(() -> Digits.load().selectClasses(12)).hasMessageContaining("class 12 is not in dataset");
    }

    @Test
    void standardizerUsesTrainingStatisticsOnly() {
        Split s = Split.stratified(Digits.load(), 0.3, 1);
        Standardizer z = Standardizer.fit(s.train());
        INDArray train = z.apply(s.train()).features();
        assertThat(train.mean(0).amaxNumber().doubleValue()).isLessThan(1e-9);
        INDArray std = train.std(false, 0);
        for (int j = 0; j < 64; j++) {
            double v = std.getDouble(j);
            assertThat(v == 0 || Math.abs(v - 1) < 1e-9).as("feature %d std %f", j, v).isTrue();
        }
        assertThat(z.apply(s.test()).features().mean(0).amaxNumber().doubleValue()).isGreaterThan(1e-6);
    }

    @Test
    void miniBatchesCoverEveryRowOncePerEpochAndAreSeeded() {
        List<int[]> e0 = MiniBatches.epoch(10, 4, 5, 0);
        assertThat(e0).extracting(b -> b.length).containsExactly(4, 4, 2);
        assertThat(e0.stream().flatMapToInt(Arrays::stream).sorted().toArray()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(MiniBatches.epoch(10, 4, 5, 0).get(0)).isEqualTo(e0.get(0));
        assertThat(MiniBatches.epoch(10, 4, 5, 1).get(0)).isNotEqualTo(e0.get(0));
    }

    @Test
    void badCsvRowsAreNamed() {
        String good = "0,".repeat(64) + "3\n";
        assertThatThrownBy(() -> Digits.parse(stream(good + "1,2,3\n"), "x.csv"))
                .isInstanceOf(DataFormatException.class).hasMessage("x.csv, row 2: expected 65 values (64 pixels and a label), found 3 values");
        assertThatThrownBy(() -> Digits.parse(stream("NaN," + "0,".repeat(63) + "3\n"), "x.csv"))
                .hasMessageContaining("row 1, column 1: expected a finite number, found 'NaN'");
        assertThatThrownBy(() -> Digits.parse(stream("0,".repeat(64) + "11\n"), "x.csv"))
                .hasMessageContaining("row 1, column 65: expected a label in 0..9, found 11");
        assertThatThrownBy(() -> Digits.parse(stream("17," + "0,".repeat(63) + "1\n"), "x.csv"))
                .hasMessageContaining("expected a pixel count in 0..16, found 17");
    }

    @Test
    void gaussianMixturePosteriorIsTheExactBayesPosterior() {
        GaussianMixture g = new GaussianMixture(new double[] {1.0, 0.5}, 0.3);
        Dataset d = g.sample(20000, 3);
        assertThat(d.classCounts()[1] / 20000.0).isCloseTo(0.3, within(0.01));
        double[] p = g.posterior(org.nd4j.linalg.factory.Nd4j.createFromArray(new double[][] {{0, 0}, {1, 0.5}}));
        assertThat(p[0]).isCloseTo(0.3, within(1e-12));
        double logit = 2 * (1 + 0.25) + Math.log(0.3 / 0.7);
        assertThat(p[1]).isCloseTo(1 / (1 + Math.exp(-logit)), within(1e-12));
        // calibration: among points with posterior near 0.8, about 80% are class 1
        double[] post = g.posterior(d.features());
        int near = 0;
        int ones = 0;
        for (int i = 0; i < post.length; i++) {
            if (Math.abs(post[i] - 0.8) < 0.05) {
                near++;
                ones += d.label(i);
            }
        }
        assertThat(ones / (double) near).isCloseTo(0.8, within(0.04));
    }

    @Test
    void singleIndexTeacherHasAUnitDirectionAndSoftplusTargets() {
        SingleIndexTeacher t = new SingleIndexTeacher(50, 0.0, 1);
        assertThat(t.beta().norm2Number().doubleValue()).isCloseTo(1.0, within(1e-12));
        Dataset d = t.sample(5, 2);
        INDArray z = d.features().mmul(t.beta());
        for (int i = 0; i < 5; i++) {
            assertThat(d.targets().getDouble(i, 0)).isCloseTo(Math.log1p(Math.exp(z.getDouble(i, 0))), within(1e-12));
        }
    }

    private static ByteArrayInputStream stream(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }
}
