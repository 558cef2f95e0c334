package dev.plugbench.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plugbench.api.bench.CellResult;
import dev.plugbench.harness.CellDescription;
import dev.plugbench.harness.CellJson;
import dev.plugbench.harness.WorkerProcess;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.SparkEnv;
import scala.collection.Iterator;
import scala.runtime.AbstractFunction1;

/**
 * What one Spark task does, on an executor: for its partition's single cell, borrows a worker JVM of
 * this node built from the shipped plugin files (their hashes checked against the driver's before the
 * worker runs anything), runs the cell there and answers one line of JSON: the cell's index, its row,
 * and the executor and host that ran it.
 */
final class CellTask extends AbstractFunction1<Iterator<String>, String> implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ShippedSetup setup;

    CellTask(ShippedSetup setup) {
        this.setup = setup;
    }

    @Override
    public String apply(Iterator<String> partition) {
        long t0 = System.nanoTime();
        try {
            String element = partition.next();
            int tab = element.indexOf('\t');
            int index = Integer.parseInt(element.substring(0, tab));
            CellDescription cell = CellJson.cell(element.substring(tab + 1));
            WorkerProcess worker = NodeWorkers.borrow(setup);
            CellResult row = worker.run(index, cell);
            NodeWorkers.giveBack(setup, worker);
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("index", index);
            answer.put("executor", SparkEnv.get() == null ? "unknown" : SparkEnv.get().executorId());
            answer.put("host", java.net.InetAddress.getLocalHost().getHostName());
            answer.put("row", CellJson.row(row));
            // the task's time on the executor: the cell's own seconds plus the worker round trip (and the worker's start, if it started one)
            answer.put("task_seconds", Math.round((System.nanoTime() - t0) / 1e6) / 1e3);
            return JSON.writeValueAsString(answer);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
