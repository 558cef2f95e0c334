package dev.plugbench.tasks.lwa;

import dev.plugbench.toolkit.linalg.Broadcasts;
import dev.plugbench.api.model.Model;
import dev.plugbench.api.model.ModelSnapshot;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** A fixed linear model x -> x W + b, for the sample call of {@link LwaFamily}. */
final class TinyModel implements Model {
    private final INDArray w;
    private final INDArray b;

    TinyModel(INDArray w, INDArray b) {
        this.w = w;
        this.b = b;
    }

    static TinyModel seeded(int in, int out, long seed) {
        Nd4j.getRandom().setSeed(seed);
        return new TinyModel(Nd4j.randn(DataType.DOUBLE, in, out), Nd4j.zeros(DataType.DOUBLE, 1, out));
    }

    @Override
    public int inputWidth() {
        return (int) w.rows();
    }

    @Override
    public int outputWidth() {
        return (int) w.columns();
    }

    @Override
    public INDArray forward(INDArray x) {
        return Broadcasts.addi(x.castTo(DataType.DOUBLE).mmul(w), b);
    }

    @Override
    public ModelSnapshot snapshot() {
        return new ModelSnapshot(Map.of("W", w, "b", b), 0);
    }
}
