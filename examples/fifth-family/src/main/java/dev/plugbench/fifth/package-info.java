/**
 * A fifth family as a module of its own (extension point, descriptor and task here; its method is
 * built into a plugin jar by the test): the proof that adding a family is adding a module, with no
 * edit to the host, the harness or the CLI. See {@code FifthFamilyTest}.
 */
package dev.plugbench.fifth;
