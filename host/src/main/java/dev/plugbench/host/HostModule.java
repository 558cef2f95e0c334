package dev.plugbench.host;

import com.google.inject.AbstractModule;
import dev.plugbench.api.services.HostSettings;
import dev.plugbench.api.services.RandomSource;
import java.util.Map;
import java.util.Optional;

/** Binds the host services plugins may inject. Applications override any of them with their own modules. */
final class HostModule extends AbstractModule {
    private final Map<String, String> settings;

    HostModule(Map<String, String> settings) {
        this.settings = Map.copyOf(settings);
    }

    @Override
    protected void configure() {
        bind(RandomSource.class).toInstance(new SeededRandomSource());
        Map<String, String> s = settings;
        bind(HostSettings.class).toInstance(key -> Optional.ofNullable(s.get(key)));
    }
}
