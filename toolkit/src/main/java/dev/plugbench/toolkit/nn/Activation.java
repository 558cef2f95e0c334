package dev.plugbench.toolkit.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Element-wise activation functions with their derivatives. */
public enum Activation {
    RELU {
        @Override
        INDArray apply(INDArray x) {
            return Transforms.relu(x, true);
        }

        @Override
        INDArray derivative(INDArray x, INDArray y) {
            return x.gt(0).castTo(x.dataType());
        }
    },
    TANH {
        @Override
        INDArray apply(INDArray x) {
            return Transforms.tanh(x, true);
        }

        @Override
        INDArray derivative(INDArray x, INDArray y) {
            return y.mul(y).rsubi(1);
        }
    },
    SOFTPLUS {
        @Override
        INDArray apply(INDArray x) {
            return Transforms.softPlus(x, true);
        }

        @Override
        INDArray derivative(INDArray x, INDArray y) {
            return Transforms.sigmoid(x, true);
        }
    },
    SIGMOID {
        @Override
        INDArray apply(INDArray x) {
            return Transforms.sigmoid(x, true);
        }

        @Override
        INDArray derivative(INDArray x, INDArray y) {
            return y.mul(y.rsub(1));
        }
    },
    IDENTITY {
        @Override
        INDArray apply(INDArray x) {
            return x.dup();
        }

        @Override
        INDArray derivative(INDArray x, INDArray y) {
            return x.like().assign(1);
        }
    };

    /** f(x), a new array. */
    abstract INDArray apply(INDArray x);

    /** f'(x) given x and y = f(x), a new array. */
    abstract INDArray derivative(INDArray x, INDArray y);
}
