/**
 * Extension point {@code lwa} (learning with a legacy client, "Learning to Help"): a
 * {@link dev.plugbench.api.lwa.RejectionRule} fits, for a fixed client model, a rule that keeps an
 * input on the client or offloads it to an expert, and (for methods that train one) the expert.
 */
@ApiStatus(ApiStatus.Status.EXPERIMENTAL)
package dev.plugbench.api.lwa;

import dev.plugbench.api.ApiStatus;
