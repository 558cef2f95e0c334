package dev.plugbench.plugins.attribution;

import dev.plugbench.api.MethodInfo;
import dev.plugbench.api.ParamSpec;
import dev.plugbench.api.Params;
import dev.plugbench.api.attribution.KernelRequest;
import dev.plugbench.api.attribution.SurrogateFeatureSpace;
import dev.plugbench.api.model.DifferentiableModel;
import dev.plugbench.toolkit.linalg.Cholesky;
import dev.plugbench.toolkit.linalg.MatMul;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.pf4j.Extension;

/**
 * TRAK (Park et al., ICML 2023) as a kernel: phi(x) = P grad m(x), the k-dimensional random
 * projection of the gradient of the margin m = log(p / (1 - p)) of one class, and TRAK's whitened
 * score K(x, x') = phi(x)^T (Phi^T Phi + lambda I)^-1 phi(x'), Phi the right-hand (training) rows'
 * features and lambda = {@code ridge} times the mean eigenvalue of Phi^T Phi. Right-hand rows take
 * the margin of their label (the training loss's); left-hand rows the margin of the class the network
 * predicts, so that a test row does not encode its label (with the label, a kGLM on these rows turns
 * into a label look-up). A one-logit network's margin is its logit, whatever the class.
 * {@code score=gram} gives the plain Gram phi(x)^T phi(x'), a weaker baseline.
 */
@Extension
public final class TrakKernel implements SurrogateFeatureSpace {
    private final FeatureCache training = new FeatureCache();

    static final MethodInfo INFO = new MethodInfo("trak", FAMILY, "TRAK (whitened projected margin gradients)", MethodInfo.BASELINE,
            List.of(ParamSpec.integer("k", 256, 8, 8192, "projection dimension"),
                    ParamSpec.choice("score", "whitened", List.of("whitened", "gram"), "TRAK's whitened score, or the plain Gram"),
                    ParamSpec.real("ridge", 1e-3, 0, 1e3, "lambda / mean eigenvalue of Phi^T Phi (whitened score only)")));

    @Override
    public MethodInfo info() {
        return INFO;
    }

    @Override
    public INDArray kernel(KernelRequest r, Params params, long seed) {
        DifferentiableModel net = r.model();
        if (r.rightLabels() == null) {
            throw new IllegalArgumentException("kernel 'trak' takes the margin of each training (right-hand) row's label, "
                    + "so it needs the right-hand labels");
        }
        GradientProjection p = new GradientProjection(net.parameterCount(), params.integer("k"), seed, INFO.id());
        FeatureCache.Key key = FeatureCache.Key.of(net, r.right(), params.integer("k"), seed,
                "margins " + java.util.Arrays.hashCode(r.rightLabels()));
        INDArray right = training.get(key, () -> p.project(net, r.right(), LossGradients.margin(r.rightLabels())));
        INDArray left = leftFeatures(net, p, r, right);
        if (params.choice("score").equals("gram")) {
            return MatMul.of(left, false, right, true, 1);
        }
        INDArray regularised = MatMul.of(right, true, right, false, 1);
        int k = (int) regularised.rows();
        double trace = 0;
        for (int i = 0; i < k; i++) {
            trace += regularised.getDouble(i, i);
        }
        double lambda = params.real("ridge") * trace / k;
        if (!(lambda > 0) && right.rows() < k) {
            throw new IllegalArgumentException("kernel 'trak': Phi^T Phi is singular with " + right.rows() + " training rows and k = " + k
                    + "; use a ridge > 0 or k <= " + right.rows());
        }
        for (int i = 0; i < k; i++) {
            regularised.putScalar(i, i, regularised.getDouble(i, i) + lambda);
        }
        INDArray whitenedRight = Cholesky.of(regularised).solve(right.transpose().dup('c'));
        return MatMul.of(left, whitenedRight);
    }

    /**
     * The left rows' features at the predicted class. For the training block (left is right) only the
     * rows the network gets wrong differ from the label-margin features, so only those are recomputed.
     */
    private static INDArray leftFeatures(DifferentiableModel net, GradientProjection p, KernelRequest r, INDArray right) {
        int[] predicted = LossGradients.predictedClasses(net, r.left());
        if (r.left() != r.right()) {
            return p.project(net, r.left(), LossGradients.margin(predicted));
        }
        int[] differ = java.util.stream.IntStream.range(0, predicted.length).filter(i -> predicted[i] != r.rightLabels()[i]).toArray();
        if (differ.length == 0) {
            return right;
        }
        int[] classes = java.util.Arrays.stream(differ).map(i -> predicted[i]).toArray();
        INDArray left = right.dup();
        INDArray redone = p.project(net, r.left().getRows(differ), LossGradients.margin(classes));
        for (int j = 0; j < differ.length; j++) {
            left.putRow(differ[j], redone.getRow(j));
        }
        return left;
    }
}
