package dev.plugbench.harness;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The order in which the harness hands cells to an executor: longest first, so that the last cells
 * to finish are short ones and no slot waits on one long cell at the end. A cell's length is what
 * earlier runs into the same folder measured for its group (method, parameters and setting, any
 * seed: a rerun with more seeds, a resume); cells of groups never timed go first, in plan order (they
 * may be long), then the timed ones, longest first. Numbers do not depend on the order.
 */
final class CellOrder {
    private CellOrder() {
    }

    /** The group whose cells take about as long as each other: everything but the seed. */
    static String group(CellDescription cell) {
        return cell.family() + "/" + cell.task() + "|" + cell.method() + "|" + new TreeMap<>(cell.params()) + "|" + cell.setting();
    }

    /** {@code todo} (indices into {@code cells}) reordered: untimed groups first in plan order, then timed ones by descending seconds. */
    static List<Integer> longestFirst(List<Integer> todo, List<CellDescription> cells, Map<String, Double> secondsByGroup) {
        List<Integer> untimed = new ArrayList<>();
        List<Integer> timed = new ArrayList<>();
        for (int i : todo) {
            (secondsByGroup.containsKey(group(cells.get(i))) ? timed : untimed).add(i);
        }
        timed.sort(Comparator.comparingDouble((Integer i) -> -secondsByGroup.get(group(cells.get(i)))));
        List<Integer> order = new ArrayList<>(untimed);
        order.addAll(timed);
        return order;
    }
}
