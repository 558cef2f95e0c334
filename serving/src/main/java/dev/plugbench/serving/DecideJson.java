package dev.plugbench.serving;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * The wire form of {@code POST /v1/lwa/{method}/decide}, read and written with Jackson's streaming
 * API (a batch of 64 inputs is 4,096 numbers: no tree in between). Request:
 * {@code {"rows": [[x11, ..., x1d], ...]}}. Response: the version, then one object a row,
 * {@code {"client": 1, "decision": "offload", "expert": 0, "cost": 0.1}} ({@code "expert"} only where
 * offloaded).
 */
final class DecideJson {
    static final JsonFactory FACTORY = new JsonFactory();

    private DecideJson() {
    }

    /** A parsed batch: n rows of {@code width} values, row-major. */
    record Rows(int n, double[] values) {
    }

    /**
     * Reads a request body.
     *
     * @throws IllegalArgumentException naming what is wrong (not JSON, no rows, a row of another width, a value that is not a finite number,
     *                                  more than {@code maxRows} rows)
     */
    static Rows read(InputStream body, int width, int maxRows) {
        try (JsonParser p = FACTORY.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw bad("the body must be a JSON object {\"rows\": [[...], ...]}");
            }
            Rows rows = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                if (field.equals("rows")) {
                    rows = rows(p, width, maxRows);
                } else {
                    p.skipChildren();
                }
            }
            if (rows == null) {
                throw bad("the body has no \"rows\": send {\"rows\": [[...], ...]}, each row " + width + " numbers");
            }
            return rows;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw bad("the body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("reading the request failed: " + e.getMessage(), e);
        }
    }

    private static Rows rows(JsonParser p, int width, int maxRows) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw bad("\"rows\" must be an array of rows");
        }
        double[] values = new double[Math.min(maxRows, 4) * width]; // grows by doubling: a single row allocates one row
        int n = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (p.currentToken() != JsonToken.START_ARRAY) {
                throw bad("row " + n + " is not an array of " + width + " numbers");
            }
            if (n == maxRows) {
                throw bad("more than " + maxRows + " rows in one request: split the batch");
            }
            if ((n + 1) * width > values.length) {
                values = Arrays.copyOf(values, Math.min(maxRows, 2 * (n + 1)) * width);
            }
            int j = 0;
            while (p.nextToken() != JsonToken.END_ARRAY) {
                if (!p.currentToken().isNumeric()) {
                    throw bad("row " + n + ", feature " + j + " is " + p.getText() + ": every feature must be a number");
                }
                if (j == width) {
                    throw bad("row " + n + " has more than " + width + " values; each row must have " + width + " features");
                }
                double v = p.getDoubleValue();
                if (!Double.isFinite(v)) {
                    throw bad("row " + n + ", feature " + j + " is " + v + ": every feature must be a finite number");
                }
                values[n * width + j++] = v;
            }
            if (j != width) {
                throw bad("row " + n + " has " + j + " values; each row must have " + width + " features");
            }
            n++;
        }
        if (n == 0) {
            throw bad("\"rows\" is empty: send at least one row");
        }
        return new Rows(n, values.length == n * width ? values : Arrays.copyOf(values, n * width));
    }

    /** The response body of a decided batch. */
    static byte[] write(DecisionBatch d) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + 60 * d.size());
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("method", d.method());
            g.writeStringField("plugin", d.plugin());
            g.writeStringField("version", d.version());
            g.writeNumberField("rows", d.size());
            g.writeNumberField("offloaded", d.offloaded());
            g.writeArrayFieldStart("decisions");
            for (int i = 0; i < d.size(); i++) {
                g.writeStartObject();
                g.writeNumberField("client", d.client()[i]);
                g.writeStringField("decision", d.offload()[i] ? "offload" : "local");
                if (d.offload()[i]) {
                    g.writeNumberField("expert", d.expert()[i]);
                }
                g.writeNumberField("cost", d.cost()[i]);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static IllegalArgumentException bad(String message) {
        return new IllegalArgumentException(message);
    }
}
