package dev.plugbench.tasks.lwa;

import dev.plugbench.toolkit.data.Dataset;

/**
 * The learning-to-help task on a user's own classification data ({@code bench lwa --data FILE}):
 * features scaled by their largest absolute value, a stratified 50/50 split, and the client an
 * early-stopped logistic regression (80% training accuracy, as on digits); two classes run the
 * binary costs of digits-binary, more classes those of digits-multiclass.
 */
public final class UserDataTask extends LwaTask {
    private final Dataset data;
    private final String name;

    /** The task on {@code data}, named {@code name}. */
    public UserDataTask(Dataset data, String name) {
        if (data.numClasses() < 2) {
            throw new IllegalArgumentException(data.name() + " has " + data.numClasses() + " class: the lwa family needs at least 2");
        }
        this.data = data;
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return "Your data " + data.name() + " (" + data.size() + " rows, " + data.width() + " features, " + data.numClasses()
                + " classes); client = logistic regression stopped at 80% training accuracy.";
    }

    @Override
    int classes() {
        return data.numClasses();
    }

    @Override
    double[] offloadCosts(boolean quick) {
        if (data.numClasses() == 2) {
            return quick ? new double[] {0.02, 0.04} : new double[] {0, 0.02, 0.04, 0.06};
        }
        return quick ? new double[] {0.05, 0.1} : new double[] {0, 0.05, 0.1, 0.2};
    }

    @Override
    LwaData build(long seed, boolean quick) {
        double scale = data.features().amaxNumber().doubleValue();
        return DigitsBinaryTask.split(data, scale > 0 ? scale : 1, 0.80, seed);
    }
}
