package dev.plugbench.examples;

import dev.plugbench.results.ResultsIndex;
import dev.plugbench.results.ResultsServer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;

/**
 * An application that keeps a benchmark history: indexes the run folders under a results root and
 * serves them as {@code plugbench serve} does, on a free port. The block "From Java" of
 * sdk-docs/results.md is the region between the {@code tag::} and {@code end::} comments below,
 * checked by {@code DocBlocksTest} and run by {@code ResultsPageTest}.
 */
public final class HistoryExample {
    private HistoryExample() {
    }

    /** Indexes {@code root}, serves it while {@code whileServing} runs on the runs page's address, and returns its answer. */
    public static <T> T serve(Path root, Function<URI, T> whileServing) {
        T answer;
        // tag::history[]
        try (ResultsIndex index = ResultsIndex.ofRoot(root)) {   // or ResultsIndex.open(file) and addRoot(dir)
            ResultsIndex.Refresh r = index.refresh();            // r.added(), r.updated(), r.removed(), r.problems()
            r.problems().forEach(System.err::println);
            try (ResultsServer server = ResultsServer.start(index, "127.0.0.1", 0, Duration.ofSeconds(2))) {
                System.out.println("serving " + r.runs() + " runs at " + server.url());
                answer = whileServing.apply(server.url());      // the application runs; runs that finish appear by themselves
            }
        }
        // end::history[]
        return answer;
    }
}
