package dev.plugbench.host;

import dev.plugbench.api.Method;
import dev.plugbench.api.attribution.KernelRequest;
import dev.plugbench.api.attribution.SurrogateFeatureSpace;
import dev.plugbench.api.latent.LatentQuantizer;
import dev.plugbench.api.latent.Quantization;
import dev.plugbench.api.latent.Quantizer;
import dev.plugbench.api.latent.QuantizerShape;
import dev.plugbench.api.lwa.Costs;
import dev.plugbench.api.lwa.Decisions;
import dev.plugbench.api.lwa.RejectionProblem;
import dev.plugbench.api.lwa.RejectionRule;
import dev.plugbench.api.model.ModelSnapshot;
import dev.plugbench.api.spectral.Measurement;
import dev.plugbench.api.spectral.ProbeInput;
import dev.plugbench.api.spectral.SpectralProbe;
import dev.plugbench.toolkit.data.Gaussian;
import dev.plugbench.toolkit.nn.Activation;
import dev.plugbench.toolkit.nn.Losses;
import dev.plugbench.toolkit.nn.Network;
import dev.plugbench.toolkit.nn.Parameterization;
import dev.plugbench.toolkit.nn.Sgd;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One small, valid call of each family, with the default parameters: what the hot-swap drill runs
 * against a plugin's methods. Each call checks the shape of what it gets back and throws if wrong.
 */
final class SampleCalls {
    private final ProbeInput probeInput;
    private final RejectionProblem rejectionProblem;
    private final INDArray latents;
    private final KernelRequest kernelRequest;

    SampleCalls() {
        // a small toolkit network, as the host's tasks give probes and kernels: snapshots named "0.W", "0.b", ...
        Network probed = Network.builder(24, DataType.DOUBLE, 7).dense(48, Parameterization.NTK).activation(Activation.TANH)
                .dense(1, Parameterization.NTK).build();
        ModelSnapshot initial = probed.snapshot();
        INDArray x = Nd4j.createFromArray(Gaussian.next(new SplittableRandom(8), 32 * 24)).reshape(32, 24);
        INDArray y = x.getColumn(0).reshape(32, 1).dup();
        probed.trainStep(x, y, Losses.MEAN_SQUARED_ERROR, new Sgd(0.1));
        INDArray direction = Nd4j.zeros(DataType.DOUBLE, 24, 1).putScalar(0, 0, 1);
        probeInput = new ProbeInput(probed.snapshot(), initial, x, y, probed, direction);
        int[] labels = new int[32];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = x.getDouble(i, 0) > 0 ? 1 : 0;
        }
        labels[0] = 0;
        labels[1] = 1;
        rejectionProblem = new RejectionProblem(TinyModel.seeded(24, 2, 11), x, labels, 2, new Costs(0.05, 1.0));
        latents = Nd4j.createFromArray(Gaussian.next(new SplittableRandom(9), 32 * 4)).reshape(32, 4);
        Network classifier = Network.builder(24, DataType.DOUBLE, 13).dense(12, Parameterization.NTK).activation(Activation.RELU)
                .dense(3, Parameterization.NTK).build();
        int[] classes = java.util.Arrays.stream(labels).map(v -> v + (v == 1 ? 1 : 0)).toArray();
        INDArray right = x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 5), org.nd4j.linalg.indexing.NDArrayIndex.all());
        kernelRequest = new KernelRequest(classifier, x, right, classes, java.util.Arrays.copyOf(classes, 5));
    }

    /** Calls {@code method} (a handle of {@code extensionPoint}) once with a small valid input. */
    void call(Class<?> extensionPoint, Object method) {
        if (extensionPoint == SpectralProbe.class) {
            SpectralProbe p = (SpectralProbe) method;
            Measurement m = p.measure(probeInput, p.info().defaults());
            check(m.values().size() + m.spectra().size() > 0, p, "returned an empty measurement");
        } else if (extensionPoint == RejectionRule.class) {
            RejectionRule r = (RejectionRule) method;
            Decisions d = r.fit(rejectionProblem, r.info().defaults(), 1).decide(rejectionProblem.features());
            check(d.size() == rejectionProblem.labels().length, r, "decided " + d.size() + " of " + rejectionProblem.labels().length + " inputs");
        } else if (extensionPoint == LatentQuantizer.class) {
            LatentQuantizer q = (LatentQuantizer) method;
            Quantizer quantizer = q.create(new QuantizerShape(4, 8), q.info().defaults(), 1);
            Quantization z = quantizer.quantize(latents);
            INDArray g = quantizer.encoderGradient(z, Nd4j.onesLike(z.reconstruction()));
            check(java.util.Arrays.equals(g.shape(), latents.shape()), q, "gave an encoder gradient of the wrong shape");
            quantizer.update(z);
        } else if (extensionPoint == SurrogateFeatureSpace.class) {
            SurrogateFeatureSpace s = (SurrogateFeatureSpace) method;
            INDArray k = s.kernel(kernelRequest, s.info().defaults(), 1);
            check(k.rows() == kernelRequest.left().rows() && k.columns() == kernelRequest.right().rows(), s, "gave a kernel of the wrong shape");
        } else {
            throw new IllegalArgumentException("not an extension point: " + extensionPoint);
        }
    }

    private static void check(boolean ok, Method m, String what) {
        if (!ok) {
            throw new IllegalStateException("method '" + m.info().id() + "' " + what);
        }
    }
}
