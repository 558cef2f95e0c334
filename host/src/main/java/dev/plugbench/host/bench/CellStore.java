package dev.plugbench.host.bench;

import dev.plugbench.api.bench.CellResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Completed cells on disk, one small JSON file each under {@code <task dir>/cells/}, written
 * atomically as each cell finishes, and named by the cell's full identity: what it computes and
 * what produced it. A resumed run reads back the cells whose identity it asks for; cells of other
 * plugin versions, task code or data are kept (a later comparison may read them) and never reused.
 */
final class CellStore {
    private final Path dir;

    CellStore(Path dir) {
        this.dir = dir;
    }

    Optional<CellResult> load(CellDescription cell) throws IOException {
        Path f = dir.resolve(cell.fileName());
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        Map<String, Object> m = Json.read(f);
        if (!cell.key().equals(m.get("key"))) {
            return Optional.empty();
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> row = (Map<String, Object>) m.get("row");
        return Optional.of(Json.cell(row));
    }

    void save(CellDescription cell, CellResult result) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key", cell.key());
        m.put("computes", cell.computes());
        m.put("cell", cell.toJson());
        m.put("row", Json.row(result));
        AtomicFiles.write(dir.resolve(cell.fileName()), Json.bytes(m));
    }

    /**
     * The producer keys stored for each computed quantity ({@link CellDescription#computes()}): how a resume
     * tells a cell never run from one run by another plugin version, task code or dataset.
     */
    Map<String, Set<String>> storedProducers() throws IOException {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList()) {
                Map<String, Object> m = Json.read(f);
                Object computes = m.get("computes");
                Object key = m.get("key");
                if (computes instanceof String c && key instanceof String k && k.startsWith(c + "|")) {
                    String rest = k.substring(c.length() + 1);
                    out.computeIfAbsent(c, x -> new LinkedHashSet<>()).add(rest.substring(rest.indexOf('|') + 1));
                }
            }
        }
        return out;
    }

    /** Forgets one cell (the watch mode reruns it). */
    void forget(CellDescription cell) throws IOException {
        Files.deleteIfExists(dir.resolve(cell.fileName()));
    }
}
