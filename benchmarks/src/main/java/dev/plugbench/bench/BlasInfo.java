package dev.plugbench.bench;

import dev.plugbench.toolkit.NumericRuntime;
import dev.plugbench.toolkit.linalg.SymmetricEigen;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Prints, as one JSON object, the numeric threads and the OpenBLAS kernels this process runs with
 * (ND4J's BLAS and the LAPACK the toolkit calls, after both have loaded): what {@code run-peers}
 * reports for the Java side of each ratio. Run: {@code java -cp benchmarks.jar dev.plugbench.bench.BlasInfo}.
 */
public final class BlasInfo {
    private BlasInfo() {
    }

    public static void main(String[] args) throws Exception {
        NumericRuntime.configure();
        // load both OpenBLAS copies: ND4J's (a matrix product) and the toolkit's LAPACK (an eigendecomposition)
        Nd4j.rand(DataType.DOUBLE, 8, 8).mmul(Nd4j.rand(DataType.DOUBLE, 8, 8));
        SymmetricEigen.of(Nd4j.eye(4).castTo(DataType.DOUBLE));
        Map<String, Object> out = new LinkedHashMap<>(NumericRuntime.threads());
        out.put("java", System.getProperty("java.version"));
        out.put("cpu_count", Runtime.getRuntime().availableProcessors());
        StringBuilder json = new StringBuilder("{");
        out.forEach((k, v) -> json.append(json.length() > 1 ? ", " : "").append('"').append(k).append("\": ")
                .append(v instanceof Number ? v.toString() : "\"" + String.valueOf(v).replace("\\", "\\\\").replace("\"", "\\\"") + "\""));
        System.out.println(json.append('}'));
        System.exit(0);
    }
}
