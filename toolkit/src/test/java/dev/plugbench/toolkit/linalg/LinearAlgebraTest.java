package dev.plugbench.toolkit.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plugbench.toolkit.References;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class LinearAlgebraTest {
    @Test
    void eigenvaluesMatchNumpyAndVectorsReconstructTheMatrix() {
        JsonNode c = References.get("eigh");
        INDArray a = References.matrix(c.get("a"));
        SymmetricEigen e = SymmetricEigen.of(a);
        double[] expected = References.doubles(c.get("values"));
        for (int i = 0; i < expected.length; i++) {
            assertThat(e.values()[i]).isCloseTo(expected[i], within(1e-10));
        }
        INDArray v = e.vectors();
        INDArray rebuilt = v.mmul(Nd4j.diag(Nd4j.createFromArray(e.values()))).mmul(v.transpose());
        assertThat(rebuilt.sub(a).amaxNumber().doubleValue()).isLessThan(1e-10);
        assertThat(v.transpose().mmul(v).sub(Nd4j.eye(30)).amaxNumber().doubleValue()).isLessThan(1e-10);
        assertThat(SymmetricEigen.valuesOf(a)).containsExactly(e.values(), within(1e-10));
    }

    @Test
    void asymmetricOrNonFiniteMatricesAreRefused() {
        assertThatThrownBy(() -> SymmetricEigen.of(Nd4j.createFromArray(new double[][] {{1, 2}, {0, 1}})))
                .hasMessageContaining("not symmetric");
        assertThatThrownBy(() -> SymmetricEigen.of(Nd4j.createFromArray(new double[][] {{1, Double.NaN}, {Double.NaN, 1}})))
                .hasMessageContaining("NaN");
        assertThatThrownBy(() -> SymmetricEigen.of(Nd4j.zeros(2, 3))).hasMessageContaining("square");
    }

    @Test
    void eighTakesViewsFloatsAndEmptyMatricesAndLeavesItsInputAlone() {
        int n = 150; // more than one tile of the symmetry check
        INDArray x = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.DOUBLE, n + 7, n).muli(2).subi(1);
        INDArray sym = x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(3, 3 + n), org.nd4j.linalg.indexing.NDArrayIndex.all());
        sym = sym.add(sym.transpose());
        INDArray view = Nd4j.create(org.nd4j.linalg.api.buffer.DataType.DOUBLE, new long[] {n, n}, 'f').assign(sym);
        INDArray before = view.dup();
        SymmetricEigen e = SymmetricEigen.of(view);
        assertThat(view).isEqualTo(before);
        INDArray v = e.vectors();
        assertThat(v.ordering()).isEqualTo('c');
        INDArray rebuilt = v.mmul(Nd4j.diag(Nd4j.createFromArray(e.values()))).mmul(v.transpose());
        assertThat(rebuilt.sub(sym).amaxNumber().doubleValue()).isLessThan(1e-10);
        assertThat(SymmetricEigen.valuesOf(sym.castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT)))
                .containsExactly(e.values(), within(1e-4 * e.values()[n - 1]));
        assertThat(SymmetricEigen.of(Nd4j.create(org.nd4j.linalg.api.buffer.DataType.DOUBLE, 0, 0)).values()).isEmpty();

        INDArray asymmetric = sym.dup();
        asymmetric.putScalar(140, 5, asymmetric.getDouble(140, 5) + 1e-3);
        assertThatThrownBy(() -> SymmetricEigen.of(asymmetric)).hasMessageContaining("not symmetric");
        INDArray infinite = sym.dup();
        infinite.putScalar(140, 5, Double.POSITIVE_INFINITY);
        assertThatThrownBy(() -> SymmetricEigen.of(infinite)).hasMessageContaining("Infinity at (5, 140)").hasMessageContaining("finite");
    }

    @Test
    void singularValuesMatchNumpyAndVectorsReconstructTheMatrix() {
        JsonNode c = References.get("svd");
        INDArray a = References.matrix(c.get("a"));
        Svd svd = Svd.of(a);
        assertThat(svd.s()).containsExactly(References.doubles(c.get("s")), within(1e-10));
        INDArray rebuilt = svd.u().mmul(Nd4j.diag(Nd4j.createFromArray(svd.s()))).mmul(svd.vt());
        assertThat(rebuilt.sub(a).amaxNumber().doubleValue()).isLessThan(1e-10);
        assertThat(Svd.valuesOf(a.transpose())).containsExactly(svd.s(), within(1e-10));
    }

    @Test
    void choleskyMatchesNumpyAndSolves() {
        JsonNode c = References.get("cholesky");
        INDArray a = References.matrix(c.get("a"));
        Cholesky ch = Cholesky.of(a);
        assertThat(ch.lower().sub(References.matrix(c.get("l"))).amaxNumber().doubleValue()).isLessThan(1e-10);
        INDArray b = Nd4j.linspace(1, 24, 24, org.nd4j.linalg.api.buffer.DataType.DOUBLE).reshape(12, 2);
        INDArray x = ch.solve(b);
        assertThat(a.mmul(x).sub(b).amaxNumber().doubleValue()).isLessThan(1e-9);
        INDArray u = ch.lower().transpose().dup();
        INDArray y = Cholesky.solveUpper(u, b);
        assertThat(u.mmul(y).sub(b).amaxNumber().doubleValue()).isLessThan(1e-9);
    }

    @Test
    void choleskyOfAnIndefiniteMatrixNamesTheMinor() {
        assertThatThrownBy(() -> Cholesky.of(Nd4j.createFromArray(new double[][] {{1, 2}, {2, 1}})))
                .isInstanceOf(ArithmeticException.class).hasMessageContaining("leading minor of order 2");
    }
}
