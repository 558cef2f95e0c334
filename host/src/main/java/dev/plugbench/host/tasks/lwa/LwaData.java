package dev.plugbench.host.tasks.lwa;

import dev.plugbench.api.model.Model;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One seed's data of an lwa task: the split, the frozen client, and (on synthetic data) the true
 * posterior P(y = 1 | x) of the test inputs.
 *
 * @param trainX        training inputs
 * @param trainY        training labels
 * @param testX         test inputs
 * @param testY         test labels
 * @param client        the fixed client, trained on the training split only
 * @param classes       number of classes
 * @param testPosterior P(y = 1 | x) per test input, or null when unknown
 * @param contentHash   the dataset's content hash
 */
record LwaData(INDArray trainX, int[] trainY, INDArray testX, int[] testY, Model client, int classes, double[] testPosterior,
               String contentHash) {
}
