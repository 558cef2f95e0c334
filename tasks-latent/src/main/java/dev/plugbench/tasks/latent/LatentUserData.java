package dev.plugbench.tasks.latent;

import dev.plugbench.api.bench.BenchTask;
import dev.plugbench.harness.DataTaskFactory;
import dev.plugbench.toolkit.data.Dataset;
import java.util.List;

/** Bring your own data for latent: {@code bench latent --data FILE.csv} (or {@code IMAGES,LABELS}) runs {@link UserImagesTask} on it. */
public final class LatentUserData implements DataTaskFactory {
    @Override
    public List<String> families() {
        return List.of("latent");
    }

    @Override
    public BenchTask<?> task(String family, String spec) {
        Dataset data = DataTaskFactory.read(spec);
        return new UserImagesTask(data, DataTaskFactory.taskName(data));
    }
}
