package dev.plugbench.host.contract;

import dev.plugbench.api.model.DifferentiableModel;
import dev.plugbench.api.model.LayerInfo;
import dev.plugbench.api.model.ModelSnapshot;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A model of the contract written as an outsider would: out = s2 (tanh(s0 (x W0) + c0 b0) W2) + c2 b2
 * in plain double arrays and loops, with hand-derived backpropagation. It imports nothing from the
 * toolkit (checked by {@link PlainModelContractTest}): what kernels and probes get from it is what the
 * contract alone tells them. Layers are named "0" (dense), "1" (tanh) and "2" (dense), like a toolkit
 * network of the same shape, so parameter names match too.
 */
final class PlainNetwork implements DifferentiableModel {
    private final double[][] w0;
    private final double[] b0;
    private final double[][] w2;
    private final double[] b2;
    private final double s0;
    private final double c0;
    private final double s2;
    private final double c2;

    PlainNetwork(double[][] w0, double[] b0, double s0, double c0, double[][] w2, double[] b2, double s2, double c2) {
        this.w0 = w0;
        this.b0 = b0;
        this.w2 = w2;
        this.b2 = b2;
        this.s0 = s0;
        this.c0 = c0;
        this.s2 = s2;
        this.c2 = c2;
    }

    @Override
    public int inputWidth() {
        return w0.length;
    }

    private int hidden() {
        return b0.length;
    }

    @Override
    public int outputWidth() {
        return b2.length;
    }

    @Override
    public List<LayerInfo> layerInfo() {
        return List.of(LayerInfo.dense("0", inputWidth(), hidden(), s0, c0), LayerInfo.activation("1", hidden()),
                LayerInfo.dense("2", hidden(), outputWidth(), s2, c2));
    }

    @Override
    public long parameterCount() {
        return (long) inputWidth() * hidden() + hidden() + (long) hidden() * outputWidth() + outputWidth();
    }

    @Override
    public INDArray forward(INDArray x) {
        List<INDArray> a = activations(x);
        return a.get(a.size() - 1);
    }

    @Override
    public List<INDArray> activations(INDArray x) {
        double[][] in = x.castTo(DataType.DOUBLE).toDoubleMatrix();
        double[][] z = affine(in, w0, s0, b0, c0);
        double[][] h = new double[z.length][hidden()];
        for (int i = 0; i < z.length; i++) {
            for (int j = 0; j < hidden(); j++) {
                h[i][j] = Math.tanh(z[i][j]);
            }
        }
        return List.of(matrix(in), matrix(z), matrix(h), matrix(affine(h, w2, s2, b2, c2)));
    }

    @Override
    public List<INDArray> outputGradients(List<INDArray> activations, INDArray outputWeights) {
        double[][] h = activations.get(2).toDoubleMatrix();
        double[][] g2 = outputWeights.castTo(DataType.DOUBLE).toDoubleMatrix();
        double[][] g1 = new double[h.length][hidden()];
        double[][] g0 = new double[h.length][hidden()];
        for (int i = 0; i < h.length; i++) {
            for (int j = 0; j < hidden(); j++) {
                double sum = 0;
                for (int c = 0; c < outputWidth(); c++) {
                    sum += g2[i][c] * w2[j][c];
                }
                g1[i][j] = s2 * sum;
                g0[i][j] = g1[i][j] * (1 - h[i][j] * h[i][j]);
            }
        }
        return List.of(matrix(g0), matrix(g1), matrix(g2));
    }

    @Override
    public INDArray perExampleGradients(INDArray x, INDArray outputWeights) {
        List<INDArray> a = activations(x);
        List<INDArray> g = outputGradients(a, outputWeights);
        double[][] in = a.get(0).toDoubleMatrix();
        double[][] h = a.get(2).toDoubleMatrix();
        double[][] d0 = g.get(0).toDoubleMatrix();
        double[][] d2 = g.get(2).toDoubleMatrix();
        double[][] out = new double[in.length][(int) parameterCount()];
        for (int i = 0; i < in.length; i++) {
            int k = 0;
            k = layer(out[i], k, in[i], d0[i], s0, c0);
            layer(out[i], k, h[i], d2[i], s2, c2);
        }
        return matrix(out);
    }

    /** Writes s a d^T (row-major) then c d into row from offset k; returns the next offset. */
    private static int layer(double[] row, int k, double[] a, double[] d, double s, double c) {
        for (double ai : a) {
            for (double dj : d) {
                row[k++] = s * ai * dj;
            }
        }
        for (double dj : d) {
            row[k++] = c * dj;
        }
        return k;
    }

    @Override
    public ModelSnapshot snapshot() {
        Map<String, INDArray> p = new LinkedHashMap<>();
        p.put("0.W", matrix(w0));
        p.put("0.b", matrix(new double[][] {b0}));
        p.put("2.W", matrix(w2));
        p.put("2.b", matrix(new double[][] {b2}));
        return new ModelSnapshot(p, 0);
    }

    private static double[][] affine(double[][] a, double[][] w, double s, double[] b, double c) {
        double[][] z = new double[a.length][b.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < b.length; j++) {
                double sum = 0;
                for (int k = 0; k < w.length; k++) {
                    sum += a[i][k] * w[k][j];
                }
                z[i][j] = s * sum + c * b[j];
            }
        }
        return z;
    }

    private static INDArray matrix(double[][] m) {
        return Nd4j.createFromArray(m);
    }
}
