package dev.plugbench.fifth;

import dev.plugbench.host.FamilyDescriptor;
import org.nd4j.linalg.factory.Nd4j;

/** The fifth family's descriptor, registered in the test sources' META-INF/services only. */
public final class NormFamily implements FamilyDescriptor<VectorNorm> {
    @Override
    public String family() {
        return VectorNorm.FAMILY;
    }

    @Override
    public Class<VectorNorm> extensionPoint() {
        return VectorNorm.class;
    }

    @Override
    public void sampleCall(VectorNorm method) {
        double[] n = method.norms(Nd4j.createFromArray(new double[][] {{3, 4}, {0, 0}}), method.info().defaults());
        FamilyDescriptor.require(n.length == 2 && n[1] == 0 && n[0] > 0, method, "gave norms " + java.util.Arrays.toString(n)
                + " for rows (3, 4) and (0, 0)");
    }
}
