package dev.plugbench.toolkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Cases computed by numpy, scipy, sklearn and scikit-image (src/test/python/make_references.py). */
public final class References {
    private static JsonNode root;

    private References() {
    }

    public static synchronized JsonNode get(String name) {
        if (root == null) {
            try (InputStream in = References.class.getResourceAsStream("/references.json")) {
                root = new ObjectMapper().readTree(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return root.get(name);
    }

    public static double[] doubles(JsonNode array) {
        double[] v = new double[array.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = array.get(i).asDouble();
        }
        return v;
    }

    public static boolean[] booleans(JsonNode array) {
        boolean[] v = new boolean[array.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = array.get(i).asBoolean();
        }
        return v;
    }

    public static INDArray matrix(JsonNode rows) {
        double[][] m = new double[rows.size()][];
        for (int i = 0; i < m.length; i++) {
            m[i] = doubles(rows.get(i));
        }
        return Nd4j.createFromArray(m);
    }
}
