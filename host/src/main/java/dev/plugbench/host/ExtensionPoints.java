package dev.plugbench.host;

import dev.plugbench.api.attribution.SurrogateFeatureSpace;
import dev.plugbench.api.latent.LatentQuantizer;
import dev.plugbench.api.lwa.RejectionRule;
import dev.plugbench.api.spectral.SpectralProbe;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The four extension points the host knows, with their family names. */
final class ExtensionPoints {
    static final Map<Class<?>, String> FAMILIES = Map.of(
            RejectionRule.class, RejectionRule.FAMILY,
            LatentQuantizer.class, LatentQuantizer.FAMILY,
            SurrogateFeatureSpace.class, SurrogateFeatureSpace.FAMILY,
            SpectralProbe.class, SpectralProbe.FAMILY);

    static final List<Class<?>> ALL = List.of(RejectionRule.class, LatentQuantizer.class, SurrogateFeatureSpace.class, SpectralProbe.class);

    private ExtensionPoints() {
    }

    /** The extension point a class implements, if exactly one. */
    static Optional<Class<?>> of(Class<?> implementation) {
        List<Class<?>> matches = ALL.stream().filter(ep -> ep.isAssignableFrom(implementation)).toList();
        return matches.size() == 1 ? Optional.of(matches.get(0)) : Optional.empty();
    }

    static String family(Class<?> extensionPoint) {
        String family = FAMILIES.get(extensionPoint);
        if (family == null) {
            throw new IllegalArgumentException(extensionPoint.getName() + " is not a Plugbench extension point; use one of "
                    + ALL.stream().map(Class::getSimpleName).toList());
        }
        return family;
    }
}
