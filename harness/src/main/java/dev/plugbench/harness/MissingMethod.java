package dev.plugbench.harness;

import dev.plugbench.host.Plugbench;
import dev.plugbench.host.PluginInfo;
import dev.plugbench.host.Problem;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The error for a method a run asks for and the host does not serve, with the host's problems that
 * can explain it: two sources of the same id (both files named), a refused, untrusted or broken
 * plugin, each with its fix. A user who sees "no method" learns why in the same message.
 */
final class MissingMethod {
    /** Problems of a plugin that may have been the one providing the method. */
    private static final Set<Problem.Kind> PLUGIN_KINDS = EnumSet.of(Problem.Kind.CORRUPT_PLUGIN, Problem.Kind.INCOMPATIBLE_API,
            Problem.Kind.DUPLICATE_PLUGIN, Problem.Kind.MISSING_CLASS, Problem.Kind.BROKEN_EXTENSION, Problem.Kind.NO_EXTENSIONS,
            Problem.Kind.START_FAILED, Problem.Kind.RELOAD_FAILED, Problem.Kind.UNTRUSTED, Problem.Kind.DIRECTORY);

    private MissingMethod() {
    }

    static String message(Plugbench host, String family, String id, List<String> registered) {
        String key = family + "/" + id;
        StringBuilder sb = new StringBuilder("no method '" + id + "' in family '" + family + "'; registered: " + registered);
        List<String> why = new ArrayList<>();
        for (Problem p : host.problems()) {
            if (p.kind() == Problem.Kind.DUPLICATE_METHOD && p.message().contains("'" + key + "'")) {
                List<String> files = host.plugins().stream().filter(i -> i.methodIds().contains(key)).map(PluginInfo::file)
                        .map(String::valueOf).toList();
                why.add(p.message() + (files.isEmpty() ? "" : " (files: " + String.join(", ", files) + ")") + "; fix: " + p.fix());
            } else if (PLUGIN_KINDS.contains(p.kind())) {
                why.add(p.kind() + " " + p.subject() + ": " + p.message() + "; fix: " + p.fix());
            }
        }
        if (!why.isEmpty()) {
            sb.append(". The host's problems that can explain it:");
            why.forEach(w -> sb.append("\n  ").append(w));
        }
        return sb.toString();
    }
}
