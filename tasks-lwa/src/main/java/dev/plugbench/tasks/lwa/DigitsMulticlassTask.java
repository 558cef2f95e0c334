package dev.plugbench.tasks.lwa;

import dev.plugbench.toolkit.data.Digits;

/**
 * All ten UCI digits, pixels / 16, a stratified 50/50 split per seed. Client: logistic regression
 * stopped at 80% training accuracy. Binary-only methods do not take part. c_1 = 1;
 * c_e in {0, 0.05, 0.1, 0.2} (quick: 0.05, 0.1).
 */
public final class DigitsMulticlassTask extends LwaTask {
    @Override
    public String name() {
        return "digits-multiclass";
    }

    @Override
    public String description() {
        return "UCI digits, 10 classes; client = briefly trained logistic regression (stopped at 80% training accuracy).";
    }

    @Override
    int classes() {
        return 10;
    }

    @Override
    double[] offloadCosts(boolean quick) {
        return quick ? new double[] {0.05, 0.1} : new double[] {0, 0.05, 0.1, 0.2};
    }

    @Override
    LwaData build(long seed, boolean quick) {
        return DigitsBinaryTask.split(Digits.load(), 16, 0.80, seed);
    }
}
