package dev.plugbench.tasks.latent;

import dev.plugbench.api.bench.BenchTask;
import dev.plugbench.harness.DataTaskFactory;
import dev.plugbench.toolkit.data.Dataset;
import java.util.List;

/** Bring your own data for latent: {@code bench latent --data FILE.csv} (or {@code IMAGES,LABELS}) runs {@link UserImagesTask} on it. */
public final class LatentUserData implements DataTaskFactory {
    /** Rows each class needs: the same floor as the lwa family's user data, so one file suits both. */
    static final int MIN_ROWS_PER_CLASS = 10;

    @Override
    public List<String> families() {
        return List.of("latent");
    }

    @Override
    public BenchTask<?> task(String family, String spec) {
        Dataset data = DataTaskFactory.read(spec, MIN_ROWS_PER_CLASS);
        return new UserImagesTask(data, DataTaskFactory.taskName(data));
    }
}
