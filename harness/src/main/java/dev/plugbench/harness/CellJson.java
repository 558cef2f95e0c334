package dev.plugbench.harness;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.plugbench.api.bench.CellResult;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The wire form of cells and rows, one line of JSON each: what a runner ships to its nodes and gets
 * back ({@link CellDescription#toJson()} and the row form of the results and cell files). A row read
 * back equals the row written, metric for metric.
 */
public final class CellJson {
    private CellJson() {
    }

    /** A cell description as one line. */
    public static String cell(CellDescription cell) {
        return write(cell.toJson());
    }

    /** Reads {@link #cell(CellDescription)}'s line back. */
    public static CellDescription cell(String line) {
        return CellDescription.fromJson(read(line));
    }

    /** A result row as one line. */
    public static String row(CellResult row) {
        return write(Json.row(row));
    }

    /** Reads {@link #row(CellResult)}'s line back. */
    public static CellResult row(String line) {
        return Json.cell(read(line));
    }

    private static String write(Map<String, Object> m) {
        try {
            return Json.COMPACT.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> read(String line) {
        try {
            return Json.COMPACT.readValue(line, new TypeReference<Map<String, Object>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a Plugbench cell or row line: " + e.getOriginalMessage(), e);
        }
    }
}
