package dev.plugbench.host.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Completed cells on disk, one small JSON file each under {@code <task dir>/cells/}, written
 * atomically as each cell finishes. A resumed run reads them back instead of running the cells again.
 */
final class CellStore {
    private final Path dir;

    CellStore(Path dir) {
        this.dir = dir;
    }

    /** The identity of a cell: method, parameters, setting, seed. */
    record Cell(String method, Map<String, Object> params, String setting, long seed) {
        String key() {
            return method + "|" + new TreeMap<>(params) + "|" + setting + "|" + seed;
        }

        String fileName() {
            try {
                byte[] h = MessageDigest.getInstance("SHA-256").digest(key().getBytes(StandardCharsets.UTF_8));
                return HexFormat.of().formatHex(h, 0, 12) + ".json";
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    Optional<CellResult> load(Cell cell) throws IOException {
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

    void save(Cell cell, CellResult result) throws IOException {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("key", cell.key());
        m.put("row", Json.row(result));
        AtomicFiles.write(dir.resolve(cell.fileName()), Json.bytes(m));
    }

    void clear() throws IOException {
        if (Files.isDirectory(dir)) {
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** Forgets the cells of one method (the watch mode reruns them). */
    void forget(Cell cell) throws IOException {
        Files.deleteIfExists(dir.resolve(cell.fileName()));
    }
}
