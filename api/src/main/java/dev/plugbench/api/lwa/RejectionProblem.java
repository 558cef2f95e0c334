package dev.plugbench.api.lwa;

import dev.plugbench.api.ApiStatus;
import dev.plugbench.api.model.Model;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What a rejection rule is fitted on. Validated on construction, before any training.
 *
 * @param client     the fixed client: n x d inputs to n x numClasses logits; never trained by a method
 * @param features   training inputs, n x d
 * @param labels     training labels in [0, numClasses)
 * @param numClasses number of classes (2 for binary tasks)
 * @param costs      the costs of offloading and of expert errors
 */
@ApiStatus(ApiStatus.Status.EXPERIMENTAL)
public record RejectionProblem(Model client, INDArray features, int[] labels, int numClasses, Costs costs) {
    public RejectionProblem {
        Objects.requireNonNull(client, "client is null");
        Objects.requireNonNull(features, "features is null");
        Objects.requireNonNull(labels, "labels is null");
        Objects.requireNonNull(costs, "costs is null");
        if (numClasses < 2) {
            throw new IllegalArgumentException("numClasses = " + numClasses + ": a rejection problem needs at least 2 classes");
        }
        if (features.rank() != 2 || features.rows() != labels.length) {
            throw new IllegalArgumentException("features must be n x d with n = labels.length = " + labels.length
                    + "; got shape " + java.util.Arrays.toString(features.shape()));
        }
        if (client.outputWidth() != numClasses) {
            throw new IllegalArgumentException("the client outputs " + client.outputWidth() + " logits but the task has "
                    + numClasses + " classes: give a client with one logit per class");
        }
        if (client.inputWidth() != features.columns()) {
            throw new IllegalArgumentException("the client takes " + client.inputWidth() + " features but the data has "
                    + features.columns());
        }
        boolean[] seen = new boolean[numClasses];
        int distinct = 0;
        for (int i = 0; i < labels.length; i++) {
            int y = labels[i];
            if (y < 0 || y >= numClasses) {
                throw new IllegalArgumentException("label " + y + " at row " + i + " is outside [0, " + numClasses + ")");
            }
            if (!seen[y]) {
                seen[y] = true;
                distinct++;
            }
        }
        if (distinct < 2) {
            throw new IllegalArgumentException("the training data holds only " + distinct
                    + " class: a rejection rule needs examples of at least 2 classes");
        }
    }
}
