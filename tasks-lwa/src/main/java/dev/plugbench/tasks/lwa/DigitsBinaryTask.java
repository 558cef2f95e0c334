package dev.plugbench.tasks.lwa;

import dev.plugbench.api.MethodInfo;
import dev.plugbench.api.bench.Scale;
import dev.plugbench.toolkit.data.Dataset;
import dev.plugbench.toolkit.data.Digits;
import dev.plugbench.toolkit.data.Split;
import dev.plugbench.toolkit.nn.Network;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * UCI digits 3 vs 8 (a pair a linear model confuses), pixels / 16, a stratified 50/50 split per
 * seed. Client: logistic regression stopped at the first gradient step whose training accuracy
 * reaches 85% (test accuracy about 80 to 90%; the overshoot of the last step leaves a training
 * error p of 0.07 to 0.12). c_1 = 1; c_e in {0, 0.02, 0.04, 0.06} (quick: 0.02, 0.04), below p, where
 * the exponential surrogate's alpha is defined; full runs add c_e = {@value #ABOVE_CLIENT_ERROR}, above
 * p, where it is not, and run the exponential-surrogate methods with the authors' clipped alpha
 * ({@code uncalibratable = clip}, the same alpha wherever the calibrated one exists), to measure
 * what the authors' code does where ours would refuse.
 */
public final class DigitsBinaryTask extends LwaTask {
    static final double CLIENT_TRAIN_ACCURACY = 0.85;

    @Override
    public String name() {
        return "digits-binary";
    }

    @Override
    public String description() {
        return "UCI digits 3 vs 8; client = briefly trained logistic regression (stopped at 85% training accuracy).";
    }

    @Override
    int classes() {
        return 2;
    }

    static final double ABOVE_CLIENT_ERROR = 0.15;

    @Override
    double[] offloadCosts(boolean quick) {
        return quick ? new double[] {0.02, 0.04} : new double[] {0, 0.02, 0.04, 0.06, ABOVE_CLIENT_ERROR};
    }

    @Override
    public List<Map<String, Object>> sweep(MethodInfo method, Scale scale) {
        List<Map<String, Object>> base = super.sweep(method, scale);
        if (scale.quick() || method.parameter("uncalibratable").isEmpty()) {
            return base;
        }
        Map<String, Object> clipped = new LinkedHashMap<>(base.get(0));
        clipped.put("uncalibratable", "clip");
        return List.of(clipped);
    }

    @Override
    LwaData build(long seed, boolean quick) {
        Dataset pair = Digits.load().selectClasses(3, 8);
        return split(pair, 16, CLIENT_TRAIN_ACCURACY, seed);
    }

    /** A stratified 50/50 split of {@code data} (features divided by {@code scale}) and an early-stopped logistic regression client. */
    static LwaData split(Dataset data, double scale, double clientTrainAccuracy, long seed) {
        Split s = Split.stratified(data, 0.5, seed);
        var trainX = s.train().features().div(scale);
        var testX = s.test().features().div(scale);
        Network client = Clients.logisticRegression(trainX, s.train().labels(), data.numClasses(), clientTrainAccuracy, 5000, 0.5, seed);
        return LwaData.of(trainX, s.train().labels(), testX, s.test().labels(), client, data.numClasses(), null, data.contentHash());
    }
}
