/**
 * Small feed-forward networks on ND4J with hand-written backpropagation: dense layers (standard or
 * NTK parameterisation), element-wise activations, a 2-D convolution, a sequential
 * {@link dev.plugbench.toolkit.nn.Network}, losses, SGD and Adam. Built for what the papers need
 * beyond training: the per-layer inputs and backpropagated signals of every example and output
 * unit, and materialised per-example gradients. A {@code Network} is a contract
 * {@code DifferentiableModel}, and {@code TangentKernels} work on any such model.
 */
@ToolkitStatus(ToolkitStatus.Level.EXPERIMENTAL)
package dev.plugbench.toolkit.nn;

import dev.plugbench.toolkit.ToolkitStatus;
