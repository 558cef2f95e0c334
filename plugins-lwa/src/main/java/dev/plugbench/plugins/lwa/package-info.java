/**
 * Rejection rules for the {@code lwa} family ("Learning to Help", Wu and Sarwate, arXiv 2409.16253,
 * and its multi-class follow-up, arXiv 2501.13810): the paper's surrogates that train a rejector
 * and an expert for a fixed legacy client ({@code l2h-joint}, {@code l2h-separate},
 * {@code l2h-multiclass}), and the baselines they are compared with ({@code confidence},
 * {@code learned-deferral}). Every network is a toolkit MLP trained with the same budget
 * (width, epochs, batch size, Adam learning rate). Uses only the API and toolkit.
 */
package dev.plugbench.plugins.lwa;
