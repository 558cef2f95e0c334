package dev.plugbench.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParamsTest {
    private static final MethodInfo INFO = new MethodInfo("l2h-joint", "lwa", "L2H", "arXiv 2409.16253", List.of(
            ParamSpec.real("alpha", 1.5, 0.0, 10.0, "surrogate exponent"),
            ParamSpec.integer("epochs", 30, 1, 1000, "training epochs"),
            ParamSpec.bool("squash", true, "2 sigmoid - 1 on outputs"),
            ParamSpec.choice("optimizer", "sgd", List.of("sgd", "adam"), "optimizer")));

    @Test
    void defaultsFillEveryDeclaredParameter() {
        Params p = INFO.defaults();
        assertThat(p.real("alpha")).isEqualTo(1.5);
        assertThat(p.integer("epochs")).isEqualTo(30);
        assertThat(p.bool("squash")).isTrue();
        assertThat(p.choice("optimizer")).isEqualTo("sgd");
        assertThat(p.asMap()).containsOnlyKeys("alpha", "epochs", "squash", "optimizer");
    }

    @Test
    void commandLineTextIsParsedToTheDeclaredTypes() {
        Params p = INFO.bind(Map.of("alpha", "2.5", "epochs", "7", "squash", "false", "optimizer", "adam"));
        assertThat(p.real("alpha")).isEqualTo(2.5);
        assertThat(p.integer("epochs")).isEqualTo(7);
        assertThat(p.bool("squash")).isFalse();
        assertThat(p.choice("optimizer")).isEqualTo("adam");
    }

    @Test
    void integralRealNumbersAreAcceptedForIntegers() {
        assertThat(INFO.bind(Map.of("epochs", 12.0)).integer("epochs")).isEqualTo(12);
    }

    @Test
    void everyProblemIsReportedWithWhatWasExpected() {
        assertThatThrownBy(() -> INFO.bind(Map.of("alpha", 11.0, "epochs", "x", "optimizer", "rmsprop", "lr", 0.1)))
                .isInstanceOf(InvalidParametersException.class)
                .hasMessageContaining("method 'l2h-joint'")
                .hasMessageContaining("unknown parameter 'lr' (declared: alpha, epochs, squash, optimizer)")
                .hasMessageContaining("parameter 'alpha' = 11.0: above the maximum 10.0; expected a real number in [0.0, 10.0]")
                .hasMessageContaining("parameter 'epochs' = 'x': cannot read 'x' as integer")
                .hasMessageContaining("parameter 'optimizer' = 'rmsprop': not one of the choices; expected one of [sgd, adam]")
                .satisfies(e -> assertThat(((InvalidParametersException) e).problems()).hasSize(4));
    }

    @Test
    void nonFiniteNumbersAreRefused() {
        assertThatThrownBy(() -> INFO.bind(Map.of("alpha", Double.NaN)))
                .isInstanceOf(InvalidParametersException.class).hasMessageContaining("not a finite number");
        assertThatThrownBy(() -> INFO.bind(Map.of("alpha", "Infinity")))
                .isInstanceOf(InvalidParametersException.class).hasMessageContaining("not a finite number");
    }

    @Test
    void fractionalValueIsNotAnInteger() {
        assertThatThrownBy(() -> INFO.bind(Map.of("epochs", 2.5))).hasMessageContaining("cannot read 2.5 as integer");
    }

    @Test
    void declarationsAreCheckedToo() {
        assertThatThrownBy(() -> ParamSpec.real("alpha", 20, 0, 10, "x")).hasMessageContaining("default of parameter 'alpha' is invalid");
        assertThatThrownBy(() -> MethodInfo.of("L2H Joint", "lwa", "x", "y")).hasMessageContaining("method id 'L2H Joint' is not valid");
        assertThatThrownBy(() -> new MethodInfo("a", "lwa", "x", "y", List.of(ParamSpec.bool("f", true, ""), ParamSpec.bool("f", false, ""))))
                .hasMessageContaining("declares parameter 'f' twice");
    }

    @Test
    void boundParamsAreValuesWithEquality() {
        assertThat(INFO.bind(Map.of("alpha", 2))).isEqualTo(INFO.bind(Map.of("alpha", "2.0")));
    }
}
