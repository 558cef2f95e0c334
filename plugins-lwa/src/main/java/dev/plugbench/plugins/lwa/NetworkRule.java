package dev.plugbench.plugins.lwa;

import dev.plugbench.api.lwa.Decisions;
import dev.plugbench.api.lwa.FittedRule;
import dev.plugbench.toolkit.nn.Network;
import dev.plugbench.toolkit.nn.StepWorkspace;
import java.util.Arrays;
import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A fitted rule made of networks: a keep-score (r(x) > 0 keeps the input on the client) and an
 * expert network whose output is one logit (binary) or one logit per class. Immutable after
 * fitting; networks are only read, so concurrent calls are safe.
 */
final class NetworkRule implements FittedRule {
    /** The keep-score r(x) of a batch, an n-vector. */
    interface KeepScore {
        INDArray of(INDArray x);
    }

    private final int inputWidth;
    private final KeepScore keepScore;
    private final Network expert;

    NetworkRule(int inputWidth, KeepScore keepScore, Network expert) {
        this.inputWidth = inputWidth;
        this.keepScore = Objects.requireNonNull(keepScore);
        this.expert = Objects.requireNonNull(expert);
    }

    @Override
    public Decisions decide(INDArray x) {
        Objects.requireNonNull(x, "x is null");
        if (x.rank() != 2 || x.columns() != inputWidth) {
            throw new IllegalArgumentException("the rule was fitted on n x " + inputWidth + " inputs; got shape "
                    + Arrays.toString(x.shape()));
        }
        INDArray input = x.dataType() == DataType.FLOAT ? x : x.castTo(DataType.FLOAT);
        if (Double.isNaN(input.sumNumber().doubleValue())) {
            throw new IllegalArgumentException("the inputs hold NaN or infinite values: a rule decides finite inputs only;"
                    + " clean or impute them first");
        }
        try (MemoryWorkspace ws = StepWorkspace.open("plugbench-lwa-decide")) {
            INDArray score = keepScore.of(input).reshape(x.rows()).detach();
            return new Decisions(score, expertLabels(expert.forward(input)));
        }
    }

    /** The expert's class per row: logit > 0 for one logit, the argmax otherwise. */
    static int[] expertLabels(INDArray logits) {
        if (logits.columns() == 1) {
            return logits.gt(0).castTo(DataType.INT).reshape(logits.rows()).toIntVector();
        }
        return Nd4j.argMax(logits, 1).castTo(DataType.INT).reshape(logits.rows()).toIntVector();
    }
}
