package dev.plugbench.plugins.lwa;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The output map of the authors' binary prototype: s(a) = 2 sigmoid(a) - 1 in (-1, 1), or the
 * identity. Its derivative is (1 - s^2) / 2.
 */
enum Squash {
    TWO_SIGMOID, NONE;

    static Squash of(boolean squash) {
        return squash ? TWO_SIGMOID : NONE;
    }

    double apply(double a) {
        return this == NONE ? a : 2 / (1 + Math.exp(-a)) - 1;
    }

    /** ds/da written in terms of the output s = apply(a). */
    double derivativeAt(double s) {
        return this == NONE ? 1 : (1 - s * s) / 2;
    }

    INDArray apply(INDArray a) {
        return this == NONE ? a : Transforms.sigmoid(a, true).muli(2).subi(1);
    }

    double[] apply(double[] a) {
        double[] s = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            s[i] = apply(a[i]);
        }
        return s;
    }
}
