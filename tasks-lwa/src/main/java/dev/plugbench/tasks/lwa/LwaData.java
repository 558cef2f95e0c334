package dev.plugbench.tasks.lwa;

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
 * @param clientTest    the client's class per test input (every cell of the seed reads it)
 * @param clientTrainError the client's error rate on the training split
 */
record LwaData(INDArray trainX, int[] trainY, INDArray testX, int[] testY, Model client, int classes, double[] testPosterior,
               String contentHash, int[] clientTest, double clientTrainError) {
    /** The data with the client's test predictions and training error computed once. */
    static LwaData of(INDArray trainX, int[] trainY, INDArray testX, int[] testY, Model client, int classes, double[] testPosterior,
                      String contentHash) {
        return new LwaData(trainX, trainY, testX, testY, client, classes, testPosterior, contentHash,
                Clients.predictions(client, testX), 1 - Clients.accuracy(client, trainX, trainY));
    }
}
