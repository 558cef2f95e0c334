/**
 * The statistics behind every comparison the harness prints: paired tests over seeds (exact
 * Wilcoxon signed-rank, paired t), Holm's correction, and across a family's tasks the Friedman test
 * with Nemenyi's critical difference (Demšar 2006). Distributions come from Hipparchus;
 * what it lacks (the exact signed-rank distribution with ties, Nemenyi's quantile) is written here
 * and tested against scipy on stored cases.
 */
package dev.plugbench.harness.stats;
