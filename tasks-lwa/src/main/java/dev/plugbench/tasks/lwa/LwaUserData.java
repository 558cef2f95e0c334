package dev.plugbench.tasks.lwa;

import dev.plugbench.api.bench.BenchTask;
import dev.plugbench.harness.DataTaskFactory;
import dev.plugbench.toolkit.data.Dataset;
import java.util.List;

/** Bring your own data for lwa: {@code bench lwa --data FILE.csv} (or {@code IMAGES,LABELS}) runs {@link UserDataTask} on it. */
public final class LwaUserData implements DataTaskFactory {
    @Override
    public List<String> families() {
        return List.of("lwa");
    }

    @Override
    public BenchTask<?> task(String family, String spec) {
        Dataset data = DataTaskFactory.read(spec);
        return new UserDataTask(data, DataTaskFactory.taskName(data));
    }
}
