/**
 * A fifth family defined in test sources only (extension point, descriptor, method, task): the
 * proof that adding a family touches no host-core file. See {@code FifthFamilyTest}.
 */
package dev.plugbench.fifth;
