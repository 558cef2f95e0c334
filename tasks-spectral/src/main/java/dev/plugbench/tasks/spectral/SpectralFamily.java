package dev.plugbench.tasks.spectral;

import dev.plugbench.api.model.ModelSnapshot;
import dev.plugbench.api.spectral.Measurement;
import dev.plugbench.api.spectral.ProbeInput;
import dev.plugbench.api.spectral.SpectralProbe;
import dev.plugbench.host.FamilyDescriptor;
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

/** The spectral family: {@link SpectralProbe}s, sampled on a 24-48-1 network one SGD step from its initialisation. */
public final class SpectralFamily implements FamilyDescriptor<SpectralProbe> {
    @Override
    public String family() {
        return SpectralProbe.FAMILY;
    }

    @Override
    public Class<SpectralProbe> extensionPoint() {
        return SpectralProbe.class;
    }

    @Override
    public void sampleCall(SpectralProbe probe) {
        Measurement m = probe.measure(Sample.INPUT, probe.info().defaults());
        FamilyDescriptor.require(m.values().size() + m.spectra().size() > 0, probe, "returned an empty measurement");
    }

    /** Built on first use, then shared (read only) by every caller. */
    private static final class Sample {
        static final ProbeInput INPUT = input();

        private static ProbeInput input() {
            // a small toolkit network, as the host's tasks give probes: snapshots named "0.W", "0.b", ...
            Network probed = Network.builder(24, DataType.DOUBLE, 7).dense(48, Parameterization.NTK).activation(Activation.TANH)
                    .dense(1, Parameterization.NTK).build();
            ModelSnapshot initial = probed.snapshot();
            INDArray x = Nd4j.createFromArray(Gaussian.next(new SplittableRandom(8), 32 * 24)).reshape(32, 24);
            INDArray y = x.getColumn(0).reshape(32, 1).dup();
            probed.trainStep(x, y, Losses.MEAN_SQUARED_ERROR, new Sgd(0.1));
            INDArray direction = Nd4j.zeros(DataType.DOUBLE, 24, 1).putScalar(0, 0, 1);
            return new ProbeInput(probed.snapshot(), initial, x, y, probed, direction);
        }
    }
}
