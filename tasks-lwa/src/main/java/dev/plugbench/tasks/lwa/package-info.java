/**
 * Harness tasks of the {@code lwa} family: a fixed client, trained once per seed by the task and
 * never touched by a method, and a rejection rule with its expert fitted by each method; the task
 * scores system accuracy, reject rate, the generalized 0-1 risk, the accuracy-reject curve and,
 * on the synthetic mixture, the distance to the Bayes rule.
 */
package dev.plugbench.tasks.lwa;
