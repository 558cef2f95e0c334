package dev.plugbench.examples;

import dev.plugbench.host.Plugbench;
import dev.plugbench.serving.RuleServer;
import dev.plugbench.serving.RuleService;
import dev.plugbench.serving.RuleSource;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * An application that serves a Learning-to-Help rule: the host embedded in a {@link RuleServer}
 * with the plugins folder watched, so a replaced plugin file swaps the rule. The block "Embedding
 * the host in your own server" of sdk-docs/serving.md is the region between the {@code tag::} and
 * {@code end::} comments below, checked by {@code DocBlocksTest} and run by {@code ServingPageTest}.
 */
public final class ServingExample {
    private ServingExample() {
    }

    /** Serves {@code l2h-joint} from the plugins in {@code plugins} while {@code whileServing} runs on the server's address. */
    public static <T> T serve(Path plugins, Function<URI, T> whileServing) {
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        T answer;
        // tag::serving[]
        try (Plugbench host = Plugbench.builder().pluginsDir(plugins).watchPluginsDir(true).discoverClasspath(false).build();
             RuleService service = RuleService.start(host, RuleSource.fitted("digits-binary", 0, true, Optional.empty()),
                     List.of("l2h-joint"), meters);
             RuleServer server = RuleServer.start(service, meters, "127.0.0.1", 0, false)) {   // 0: a free port
            answer = whileServing.apply(server.url());   // serve until told to stop; closing stops the server, the service, the host
        }
        // end::serving[]
        return answer;
    }
}
