package dev.plugbench.harness;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plugbench.api.bench.CellResult;
import dev.plugbench.host.Plugbench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one quick cell of every family in this JVM and prints each row's metrics as a JSON line,
 * with the run's numeric threads: the child JVM of {@link CoreCountIndependenceTest}.
 */
public final class PinnedCellsMain {
    /** (family, task, method): cheap cells whose numbers depend on the thread count when unpinned. */
    static final List<List<String>> CELLS = List.of(
            List.of("spectral", "two-layer", "weight-esd"),
            List.of("lwa", "digits-binary", "l2h-joint"),
            List.of("latent", "digits", "vq"),
            List.of("attribution", "digits-binary", "trntk"));

    private PinnedCellsMain() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Files.createDirectories(Path.of(args[0]));
        Path plugins = Path.of(args[1]);
        ObjectMapper json = new ObjectMapper();
        try (Plugbench host = Plugbench.builder().pluginsDir(plugins).discoverClasspath(false).build()) {
            Harness harness = new Harness(host);
            for (List<String> c : CELLS) {
                RunSpec spec = RunSpec.of(c.get(0), out.resolve(c.get(0))).withTask(c.get(1)).withMethods(List.of(c.get(2)))
                        .withQuick(true).withSeeds(1);
                TaskResult r = harness.run(spec).get(0);
                for (CellResult row : r.rows()) {
                    Map<String, Object> line = new LinkedHashMap<>();
                    line.put("cell", c + " " + row.setting() + " " + row.params());
                    line.put("error", row.error());
                    line.put("metrics", row.metrics());
                    line.put("numeric_threads", r.provenance().get("numeric_threads"));
                    System.out.println("ROW " + json.writeValueAsString(line));
                }
            }
        }
    }
}
