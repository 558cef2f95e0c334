package dev.plugbench.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.plugbench.api.InvalidParametersException;
import dev.plugbench.api.Method;
import dev.plugbench.api.MethodInfo;
import dev.plugbench.api.ParamSpec;
import dev.plugbench.api.Params;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * What every method owes the host, whatever its family: a complete {@link MethodInfo} of the
 * extension point's family, parameter specs whose defaults are valid and whose ranges are enforced.
 * The family contracts extend this one.
 *
 * @param <M> the extension point
 */
public abstract class MethodContract<M extends Method> {
    /** The method under test (a new instance, or a shared one: methods are stateless). */
    protected abstract M method();

    /** The family the method must declare (the extension point's {@code FAMILY}). */
    protected abstract String family();

    /** The parameters the behavioural tests run with: the defaults, unless a cheaper valid set is given. */
    protected Params params() {
        return method().info().defaults();
    }

    @Test
    void infoIsCompleteAndOfTheFamily() {
        MethodInfo info = method().info();
        assertThat(info).as("info()").isNotNull();
        assertThat(info.id()).as("info().id()").isNotBlank().matches("[a-z0-9][a-z0-9.-]*");
        assertThat(info.family()).as("info().family() of method '%s'", info.id()).isEqualTo(family());
        assertThat(info.displayName()).as("info().displayName()").isNotBlank();
        assertThat(info.reference()).as("info().reference(): a paper (e.g. arXiv id) or 'baseline'").isNotBlank();
    }

    @Test
    void defaultParametersAreValid() {
        MethodInfo info = method().info();
        try {
            info.bind(Map.of());
        } catch (InvalidParametersException e) {
            fail("parameter specs: the defaults of method '" + info.id() + "' do not validate: " + e.getMessage());
        }
    }

    @Test
    void parameterRangesAndUnknownNamesAreEnforced() {
        MethodInfo info = method().info();
        assertThatThrownBy(() -> info.bind(Map.of("no-such-parameter-xyz", 1))).as("parameter specs: an unknown name is refused")
                .isInstanceOf(InvalidParametersException.class).hasMessageContaining("no-such-parameter-xyz");
        for (ParamSpec spec : info.parameters()) {
            if (spec.max() != null && Double.isFinite(spec.max()) && spec.max() < Double.MAX_VALUE / 2) {
                Object above = spec.type() == ParamSpec.Type.INTEGER ? (Object) (long) (spec.max() + 1) : (Object) (spec.max() * 2 + 1);
                assertThatThrownBy(() -> info.bind(Map.of(spec.name(), above))).as("parameter specs: '%s' above its maximum", spec.name())
                        .isInstanceOf(InvalidParametersException.class).hasMessageContaining(spec.name());
            }
            if (spec.type() == ParamSpec.Type.CHOICE) {
                assertThatThrownBy(() -> info.bind(Map.of(spec.name(), "not-a-choice-xyz"))).as("parameter specs: '%s' outside its choices",
                        spec.name()).isInstanceOf(InvalidParametersException.class);
            }
        }
    }

    /**
     * Runs {@code call} from {@code threads} threads at once, twice each, and returns the answers;
     * a method that is not thread-safe throws or answers differently from a sequential call.
     */
    protected static <T> List<T> concurrently(int threads, Callable<T> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < 2 * threads; i++) {
                futures.add(pool.submit(call));
            }
            List<T> out = new ArrayList<>();
            for (Future<T> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }
}
