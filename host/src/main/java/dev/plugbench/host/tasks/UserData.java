package dev.plugbench.host.tasks;

import dev.plugbench.api.bench.BenchTask;
import dev.plugbench.host.bench.DataTaskFactory;
import dev.plugbench.host.tasks.latent.UserImagesTask;
import dev.plugbench.host.tasks.lwa.UserDataTask;
import dev.plugbench.toolkit.data.ClassificationFiles;
import dev.plugbench.toolkit.data.Dataset;
import java.nio.file.Path;

/**
 * "Bring your own data": a task of the lwa or latent family on a classification data set the user
 * gives by path, a CSV file ({@code features..., label} per row) or an IDX pair
 * ({@code IMAGES,LABELS}). Every problem of the file is refused with its row and column.
 */
public final class UserData implements DataTaskFactory {

    /** Families that take a user's data set. */
    static final java.util.List<String> FAMILIES = java.util.List.of("lwa", "latent");

    /** The task's name for a data file: "data-" and the file name without .csv/.gz, in lower case, other characters as '-'. */
    static String taskName(String fileName) {
        return "data-" + fileName.replaceAll("(\\.csv)?(\\.gz)?$", "").replaceAll("[^A-Za-z0-9-]+", "-").toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public java.util.List<String> families() {
        return FAMILIES;
    }

    /**
     * The task for {@code family} on {@code spec}: a CSV path, or "IMAGES,LABELS" for an IDX pair.
     *
     * @throws IllegalArgumentException for a family without such a task, or a file that is not valid (the message says where)
     */
    @Override
    public BenchTask<?> task(String family, String spec) {
        Dataset data;
        try {
            String[] parts = spec.split(",");
            data = parts.length == 2 ? ClassificationFiles.idx(Path.of(parts[0].trim()), Path.of(parts[1].trim()), UserDataTask.MIN_ROWS_PER_CLASS)
                    : ClassificationFiles.csv(Path.of(spec), UserDataTask.MIN_ROWS_PER_CLASS);
        } catch (dev.plugbench.toolkit.data.DataFormatException e) {
            throw new IllegalArgumentException("--data " + spec + " is refused: " + e.getMessage(), e);
        }
        return family.equals("lwa") ? new UserDataTask(data, taskName(data.name())) : new UserImagesTask(data, taskName(data.name()));
    }
}
