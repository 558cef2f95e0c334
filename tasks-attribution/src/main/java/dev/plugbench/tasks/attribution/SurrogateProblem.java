package dev.plugbench.tasks.attribution;

import dev.plugbench.toolkit.nn.Network;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A trained network and the data it is explained on.
 *
 * @param network     the trained network (one logit for binary tasks, C logits otherwise)
 * @param trainX      training inputs (the kernel's columns)
 * @param trainLabels training labels as the network was trained on them
 * @param testX       test inputs
 * @param testLabels  test labels
 * @param classes     number of classes (2 for binary)
 * @param hash        content hash of the data, for provenance
 */
record SurrogateProblem(Network network, INDArray trainX, int[] trainLabels, INDArray testX, int[] testLabels, int classes, String hash) {
    boolean binary() {
        return network.outputWidth() == 1;
    }
}
