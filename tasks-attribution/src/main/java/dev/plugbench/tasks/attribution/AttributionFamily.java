package dev.plugbench.tasks.attribution;

import dev.plugbench.api.attribution.KernelRequest;
import dev.plugbench.api.attribution.SurrogateFeatureSpace;
import dev.plugbench.host.FamilyDescriptor;
import dev.plugbench.toolkit.data.Gaussian;
import dev.plugbench.toolkit.nn.Activation;
import dev.plugbench.toolkit.nn.Network;
import dev.plugbench.toolkit.nn.Parameterization;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** The attribution family: {@link SurrogateFeatureSpace}s, sampled as a 32 x 5 kernel of a 24-12-3 classifier. */
public final class AttributionFamily implements FamilyDescriptor<SurrogateFeatureSpace> {
    @Override
    public String family() {
        return SurrogateFeatureSpace.FAMILY;
    }

    @Override
    public Class<SurrogateFeatureSpace> extensionPoint() {
        return SurrogateFeatureSpace.class;
    }

    @Override
    public void sampleCall(SurrogateFeatureSpace method) {
        KernelRequest r = Sample.REQUEST;
        INDArray k = method.kernel(r, method.info().defaults(), 1);
        FamilyDescriptor.require(k.rows() == r.left().rows() && k.columns() == r.right().rows(), method, "gave a kernel of the wrong shape");
    }

    /** Built on first use, then shared (read only) by every caller. */
    private static final class Sample {
        static final KernelRequest REQUEST = request();

        private static KernelRequest request() {
            INDArray x = Nd4j.createFromArray(Gaussian.next(new SplittableRandom(8), 32 * 24)).reshape(32, 24);
            int[] classes = new int[32];
            for (int i = 0; i < classes.length; i++) {
                classes[i] = x.getDouble(i, 0) > 0 ? 2 : 0;
            }
            classes[0] = 0;
            classes[1] = 2;
            Network classifier = Network.builder(24, DataType.DOUBLE, 13).dense(12, Parameterization.NTK).activation(Activation.RELU)
                    .dense(3, Parameterization.NTK).build();
            INDArray right = x.get(NDArrayIndex.interval(0, 5), NDArrayIndex.all());
            return new KernelRequest(classifier, x, right, classes, Arrays.copyOf(classes, 5));
        }
    }
}
