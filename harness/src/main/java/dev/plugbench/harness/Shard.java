package dev.plugbench.harness;

/**
 * One share of a run's cells, for array jobs on a scheduler (Slurm, Kubernetes): shard I of N runs
 * the cells whose index in the task's plan is I - 1 modulo N, into its own folder; {@code plugbench
 * merge} joins the shards' folders into one, equal to a run of all cells.
 *
 * @param index 1..count
 * @param count how many shards share the run
 */
public record Shard(int index, int count) {
    /** The whole run. */
    public static final Shard ALL = new Shard(1, 1);

    public Shard {
        if (count < 1 || index < 1 || index > count) {
            throw new IllegalArgumentException("shard " + index + "/" + count + ": give I/N with 1 <= I <= N (e.g. --shard 1/4 ... --shard 4/4)");
        }
    }

    /** Parses "I/N". */
    public static Shard parse(String text) {
        String[] parts = text.trim().split("/");
        try {
            if (parts.length == 2) {
                return new Shard(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--shard '" + text + "': give I/N, this shard's number and the number of shards (e.g. --shard 2/4)");
    }

    /** Whether the cell at {@code cellIndex} of a task's plan is this shard's. */
    boolean owns(int cellIndex) {
        return cellIndex % count == index - 1;
    }

    boolean isAll() {
        return count == 1;
    }
}
