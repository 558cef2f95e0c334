package dev.plugbench.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fenced code blocks of a Markdown page, each with its language and the HTML comment on the
 * line before it, if any (where a block says which compiled source it is).
 *
 * @param marker the comment's text ({@code example: PATH#TAG}, ...), or null
 * @param lang   the fence's language ({@code java}, {@code bash}, ...)
 * @param body   the block's text, ending with a newline
 */
record DocBlocks(String marker, String lang, String body) {
    private static final Pattern BLOCK = Pattern.compile("(?:<!-- ([^\\n]*?) -->\\s*\\n)?```(\\w*)\\n(.*?)```", Pattern.DOTALL);

    /** The blocks of {@code page}, in order. */
    static List<DocBlocks> of(Path page) throws IOException {
        List<DocBlocks> blocks = new ArrayList<>();
        Matcher m = BLOCK.matcher(Files.readString(page));
        while (m.find()) {
            blocks.add(new DocBlocks(m.group(1), m.group(2), m.group(3)));
        }
        return blocks;
    }

    /** The body of the first block in {@code lang} that contains {@code text}; fails the test when there is none. */
    static String only(List<DocBlocks> blocks, String lang, String text) {
        return blocks.stream().filter(b -> b.lang().equals(lang) && b.body().contains(text)).map(DocBlocks::body).findFirst()
                .orElseThrow(() -> new AssertionError("no " + lang + " block containing " + text));
    }
}
