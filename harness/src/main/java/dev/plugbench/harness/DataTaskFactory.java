package dev.plugbench.harness;

import dev.plugbench.api.bench.BenchTask;
import dev.plugbench.toolkit.data.ClassificationFiles;
import dev.plugbench.toolkit.data.DataFormatException;
import dev.plugbench.toolkit.data.Dataset;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Makes a family's bring-your-own-data task ({@code bench FAMILY --data FILE}) from a user's data
 * set. Found with {@link java.util.ServiceLoader} on the harness's task class loader, so the harness
 * names no family: each family's task module registers its own factory.
 */
public interface DataTaskFactory {
    /** Rows each class of a user's data set needs: a few for each half of a split (one floor for every family, so one file suits them all). */
    int MIN_ROWS_PER_CLASS = 10;

    /** The families this factory makes tasks for. */
    List<String> families();

    /**
     * The task on {@code data} (the user's words: a path, or two paths separated by a comma).
     *
     * @throws IllegalArgumentException when the data cannot be read or does not fit the family; the message says where and why
     */
    BenchTask<?> task(String family, String data);

    /**
     * A classification data set the user gives by path: a CSV file ({@code features..., label} per row)
     * or an IDX pair ({@code IMAGES,LABELS}), every class with at least {@value #MIN_ROWS_PER_CLASS} rows.
     *
     * @throws IllegalArgumentException naming the file's first problem with its row and column
     */
    static Dataset read(String spec) {
        try {
            String[] parts = spec.split(",");
            return parts.length == 2 ? ClassificationFiles.idx(Path.of(parts[0].trim()), Path.of(parts[1].trim()), MIN_ROWS_PER_CLASS)
                    : ClassificationFiles.csv(Path.of(spec), MIN_ROWS_PER_CLASS);
        } catch (DataFormatException e) {
            throw new IllegalArgumentException("--data " + spec + " is refused: " + e.getMessage(), e);
        }
    }

    /** The task's name for a data set: "data-" and its file name without .csv/.gz, in lower case, other characters as '-'. */
    static String taskName(Dataset data) {
        return "data-" + data.name().replaceAll("(\\.csv)?(\\.gz)?$", "").replaceAll("[^A-Za-z0-9-]+", "-").toLowerCase(Locale.ROOT);
    }
}
