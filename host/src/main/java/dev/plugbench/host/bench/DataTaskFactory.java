package dev.plugbench.host.bench;

import dev.plugbench.api.bench.BenchTask;
import java.util.List;

/**
 * Makes a family's bring-your-own-data task ({@code bench FAMILY --data FILE}) from a user's data
 * set. Found with {@link java.util.ServiceLoader} on the harness's task class loader, so the harness
 * names no family: the host's own factory covers lwa and latent.
 */
public interface DataTaskFactory {
    /** The families this factory makes tasks for. */
    List<String> families();

    /**
     * The task on {@code data} (the user's words: a path, or two paths separated by a comma).
     *
     * @throws IllegalArgumentException when the data cannot be read or does not fit the family; the message says where and why
     */
    BenchTask<?> task(String family, String data);
}
