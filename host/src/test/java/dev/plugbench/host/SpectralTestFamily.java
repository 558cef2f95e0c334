package dev.plugbench.host;

import dev.plugbench.api.model.ModelSnapshot;
import dev.plugbench.api.spectral.Measurement;
import dev.plugbench.api.spectral.ProbeInput;
import dev.plugbench.api.spectral.SpectralProbe;
import dev.plugbench.toolkit.data.Gaussian;
import dev.plugbench.toolkit.nn.Activation;
import dev.plugbench.toolkit.nn.Network;
import dev.plugbench.toolkit.nn.Parameterization;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The host's tests know the spectral family through this descriptor, not the family's own module
 * (which depends on the harness, and so on the host): the fixture plugins are spectral probes, and
 * the host is tested with no family module on its class path. Registered in the test resources
 * only; the test jar leaves it out, so a module that has the real spectral family sees one descriptor.
 */
public final class SpectralTestFamily implements FamilyDescriptor<SpectralProbe> {
    private static final ProbeInput INPUT = input();

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
        Measurement m = probe.measure(INPUT, probe.info().defaults());
        FamilyDescriptor.require(m.values().size() + m.spectra().size() > 0, probe, "returned an empty measurement");
    }

    /** A 6-12-1 network at its initialisation, measured against itself, on 16 inputs. */
    private static ProbeInput input() {
        Network net = Network.builder(6, DataType.DOUBLE, 3).dense(12, Parameterization.NTK).activation(Activation.TANH)
                .dense(1, Parameterization.NTK).build();
        ModelSnapshot snapshot = net.snapshot();
        INDArray x = Nd4j.createFromArray(Gaussian.next(new SplittableRandom(8), 16 * 6)).reshape(16, 6);
        INDArray y = x.getColumn(0).reshape(16, 1).dup();
        return new ProbeInput(snapshot, snapshot, x, y, net, Nd4j.zeros(DataType.DOUBLE, 6, 1).putScalar(0, 0, 1));
    }
}
