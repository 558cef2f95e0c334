package dev.plugbench.results;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Resolves a file a page asks for (a run's report.html, its plots) inside a results root, and
 * nothing outside it: a path with {@code ..}, a backslash, a NUL or a leading slash is refused, and
 * so is one that leaves the root through a symbolic link (the real path must stay under the root's
 * real path); the index's own files are never served.
 */
final class SafeFiles {
    private SafeFiles() {
    }

    /** The regular file {@code relative} names under {@code root}, or empty when it is missing or not allowed. */
    static Optional<Path> resolve(Path root, String relative) {
        if (relative == null || relative.isEmpty() || relative.startsWith("/") || relative.contains("\\") || relative.indexOf('\0') >= 0) {
            return Optional.empty();
        }
        for (String part : relative.split("/")) {
            if (part.equals("..") || part.equals(".") || part.isEmpty()) {
                return Optional.empty();
            }
        }
        if (relative.contains(ResultsIndex.FILE_NAME)) {
            return Optional.empty();
        }
        try {
            Path realRoot = root.toRealPath();
            Path candidate = realRoot.resolve(relative).normalize();
            if (!candidate.startsWith(realRoot) || !Files.exists(candidate, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            Path real = candidate.toRealPath();
            return real.startsWith(realRoot) && Files.isRegularFile(real) ? Optional.of(real) : Optional.empty();
        } catch (IOException | java.nio.file.InvalidPathException e) {
            return Optional.empty();
        }
    }

    /** The content type of a file the pages link to. */
    static String contentType(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return switch (dot < 0 ? "" : name.substring(dot + 1)) {
            case "html" -> "text/html; charset=utf-8";
            case "json" -> "application/json";
            case "md", "csv", "txt" -> "text/plain; charset=utf-8";
            case "png" -> "image/png";
            case "svg" -> "image/svg+xml";
            case "js" -> "text/javascript";
            case "css" -> "text/css";
            default -> "application/octet-stream";
        };
    }
}
