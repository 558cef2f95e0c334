package dev.plugbench.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The kit on methods broken on purpose ({@link BrokenMethods}): each broken property fails the test
 * that checks it, with a message naming the property; correct methods pass every test.
 */
class KitCatchesBrokenMethodsTest {
    /** Runs a kit test class; returns each test method's outcome: null when it passed, else the failure message. */
    private static Map<String, String> run(Class<?> contract) {
        Map<String, String> outcome = new LinkedHashMap<>();
        Launcher launcher = LauncherFactory.create();
        launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(DiscoverySelectors.selectClass(contract)).build(),
                new TestExecutionListener() {
                    @Override
                    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                        if (id.isTest() && id.getSource().orElse(null) instanceof MethodSource m) {
                            outcome.put(m.getMethodName(), result.getStatus() == TestExecutionResult.Status.SUCCESSFUL ? null
                                    : result.getThrowable().map(t -> String.valueOf(t.getMessage())).orElse("failed"));
                        }
                    }
                });
        assertThat(outcome).as("tests of " + contract.getSimpleName()).isNotEmpty();
        return outcome;
    }

    private static void failsOnly(Class<?> contract, String test, String property) {
        Map<String, String> outcome = run(contract);
        assertThat(outcome.get(test)).as(contract.getSimpleName() + "." + test).isNotNull().contains(property);
        outcome.forEach((t, failure) -> {
            if (!t.equals(test)) {
                assertThat(failure).as(contract.getSimpleName() + "." + t + " should pass").isNull();
            }
        });
    }

    @Test
    void correctMethodsPassEveryTest() {
        for (Class<?> c : new Class<?>[] {BrokenMethods.Correct.class, BrokenMethods.CorrectKernel.class, BrokenMethods.CorrectRule.class,
                BrokenMethods.CorrectQuantizer.class}) {
            assertThat(run(c)).as(c.getSimpleName()).allSatisfy((test, failure) -> assertThat(failure).as(test).isNull());
        }
    }

    @Test
    void aProbeOfAnotherFamilyFailsTheInfoTest() {
        failsOnly(BrokenMethods.WrongFamily.class, "infoIsCompleteAndOfTheFamily", "info().family()");
    }

    @Test
    void aNondeterministicProbeFailsDeterminism() {
        Map<String, String> outcome = run(BrokenMethods.Nondeterministic.class);
        assertThat(outcome.get("sameInputGivesTheSameMeasurement")).contains("determinism");
        assertThat(outcome.get("concurrentCallsEqualSequentialOnes")).contains("thread safety");
    }

    @Test
    void aProbeThatChangesItsInputFailsPurity() {
        Map<String, String> outcome = run(BrokenMethods.Mutating.class);
        assertThat(outcome.get("leavesItsInputUnchanged")).contains("purity");
    }

    @Test
    void aProbeThatSwallowsNaNFailsBadInput() {
        failsOnly(BrokenMethods.NanSwallowing.class, "refusesNonFiniteWeightsClearly", "bad input: NaN weights");
    }

    @Test
    void aThreadUnsafeProbeFailsThreadSafety() {
        failsOnly(BrokenMethods.ThreadUnsafe.class, "concurrentCallsEqualSequentialOnes", "thread safety");
    }

    @Test
    void aTransposedKernelFailsTheShape() {
        Map<String, String> outcome = run(BrokenMethods.Transposed.class);
        assertThat(outcome.get("kernelHasTheRequestedShapeAndFiniteFloat64Values")).contains("output: shape");
    }

    @Test
    void anAsymmetricKernelFailsTheInvariant() {
        failsOnly(BrokenMethods.Asymmetric.class, "gramMatrixIsSymmetricPositiveSemidefinite", "invariant: K(X, X) is symmetric");
    }

    @Test
    void aRandomisedKernelThatIgnoresItsSeedFailsRandomness() {
        failsOnly(BrokenMethods.SeedIgnoring.class, "sameSeedGivesTheSameKernelAndOtherSeedsDifferWhereRandomised", "randomness");
    }

    @Test
    void aKernelThatIndexesByLabelWithoutCheckingFailsBadInput() {
        failsOnly(BrokenMethods.LabelIndexing.class, "labelsOutsideTheModelsOutputsAreRefusedClearlyOrIgnored", "ArrayIndexOutOfBoundsException");
    }

    @Test
    void aRuleThatAcceptsNaNFailsBadInput() {
        failsOnly(BrokenMethods.NanAccepting.class, "aFittedRuleRefusesInputsOfTheWrongWidthAndNaNClearly", "bad input");
    }

    @Test
    void aRuleThatDropsADecisionFailsTheOutput() {
        Map<String, String> outcome = run(BrokenMethods.Short.class);
        assertThat(outcome.get("decisionsCoverEveryInputWithExpertLabelsOfTheTask")).contains("one decision per input");
    }

    @Test
    void aQuantizerWithCodesOutOfRangeFailsTheOutput() {
        failsOnly(BrokenMethods.OutOfRangeCodes.class, "quantizationHasTheLatentsShapeAndCodesInRange", "codes");
    }
}
