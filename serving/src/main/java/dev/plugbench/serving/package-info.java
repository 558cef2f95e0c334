/**
 * Learning to Help as a live edge service. {@link dev.plugbench.serving.RuleService} embeds the
 * host (its public API only) and serves, per lwa method, a rejection rule and its expert fitted for a
 * task's fixed client: a batch of inputs in, per input the client's answer, the rule's decision
 * (keep local or offload), the expert's answer where offloaded, and the offload cost. When the
 * method's plugin file changes, the new version is fitted beside the old one, checked, and switched in
 * with one reference write, so no request fails and none mixes versions.
 * {@link dev.plugbench.serving.RuleServer} puts it behind HTTP (Javalin) with Prometheus metrics;
 * {@link dev.plugbench.serving.LoadGenerator} drives it, bounded in requests and time, while it
 * replaces the plugin file. Embedding guide: sdk-docs/serving.md.
 */
package dev.plugbench.serving;
