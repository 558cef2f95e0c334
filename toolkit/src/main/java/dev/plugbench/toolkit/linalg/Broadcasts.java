package dev.plugbench.toolkit.linalg;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.AddOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.DivOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.SubOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A matrix and a row (1 x m) or column (n x 1) combined entry by entry, in place, with the same
 * result as ND4J's {@code addiRowVector}, {@code subiColumnVector} and the like, but without the
 * crash they can cause. Those legacy broadcast ops pass the native code an array of dimensions that
 * only the op object holds; once the JIT has compiled the caller, that object may be collected
 * while the native op still runs, and ND4J 1.0.0-M2.1's deallocator thread then frees the
 * dimensions' buffer under it (a SIGSEGV in {@code sd::DataBuffer::primary()}, seen in a server
 * fitting rules under load). These go through ND4J's broadcasting custom ops, whose context holds
 * every array until the op returns.
 */
public final class Broadcasts {
    private Broadcasts() {
    }

    /** {@code z += v}, v a row or column that broadcasts against z; returns z. */
    public static INDArray addi(INDArray z, INDArray v) {
        Nd4j.exec(new AddOp(z, v, z));
        return z;
    }

    /** {@code z -= v}; returns z. */
    public static INDArray subi(INDArray z, INDArray v) {
        Nd4j.exec(new SubOp(z, v, z));
        return z;
    }

    /** {@code z *= v}; returns z. */
    public static INDArray muli(INDArray z, INDArray v) {
        Nd4j.exec(new MulOp(z, v, z));
        return z;
    }

    /** {@code z /= v}; returns z. */
    public static INDArray divi(INDArray z, INDArray v) {
        Nd4j.exec(new DivOp(z, v, z));
        return z;
    }
}
