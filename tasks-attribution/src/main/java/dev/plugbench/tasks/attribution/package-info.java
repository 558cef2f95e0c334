/**
 * Benchmark tasks of the {@code attribution} family: a kernel logistic regression (kGLM) fitted on
 * each surrogate feature space, compared with the network it explains (Kendall tau, test-accuracy
 * differential, R^2 of logits, misclassification overlap), and a poisoning task that checks whether
 * the kGLM's attributions find the poisoned training points.
 */
package dev.plugbench.tasks.attribution;
