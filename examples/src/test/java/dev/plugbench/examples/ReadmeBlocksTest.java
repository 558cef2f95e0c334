package dev.plugbench.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's code blocks are compiled examples: each block preceded by
 * {@code <!-- example: PATH#TAG -->} must be, character for character (after removing the common
 * indentation), the region between {@code // tag::TAG[]} and {@code // end::TAG[]} in PATH; and the
 * examples run.
 */
class ReadmeBlocksTest {
    private static final Pattern TAGGED = Pattern.compile("<!-- example: (\\S+)#(\\S+) -->\\s*\\n```java\\n(.*?)```", Pattern.DOTALL);

    private static Path readme() {
        return Path.of(System.getProperty("plugbench.readme", "../README.md"));
    }

    /** The region of a source file between its tag comments, without the common indentation. */
    static String region(Path source, String tag) throws IOException {
        List<String> lines = Files.readAllLines(source);
        int start = -1;
        int end = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).trim().equals("// tag::" + tag + "[]")) {
                start = i + 1;
            } else if (lines.get(i).trim().equals("// end::" + tag + "[]")) {
                end = i;
            }
        }
        assertThat(start).as("tag::%s[] in %s", tag, source).isPositive();
        assertThat(end).as("end::%s[] in %s", tag, source).isGreaterThan(start);
        List<String> region = lines.subList(start, end);
        int indent = region.stream().filter(l -> !l.isBlank()).mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        StringBuilder sb = new StringBuilder();
        region.forEach(l -> sb.append(l.isBlank() ? "" : l.substring(indent)).append('\n'));
        return sb.toString();
    }

    @Test
    void everyTaggedReadmeBlockIsItsCompiledSource() throws IOException {
        Path readme = readme();
        String text = Files.readString(readme);
        Matcher m = TAGGED.matcher(text);
        List<String> checked = new ArrayList<>();
        while (m.find()) {
            Path source = readme.getParent().resolve(m.group(1));
            assertThat(m.group(3)).as("README block %s#%s differs from its source: copy the region again", m.group(1), m.group(2))
                    .isEqualTo(region(source, m.group(2)));
            checked.add(m.group(2));
        }
        assertThat(checked).as("tagged README blocks").contains("embedding");
    }

    @Test
    void theEmbeddingExampleRunsOnTheProductPlugins() {
        Path plugins = Path.of(System.getProperty("plugbench.plugins", "../host/target/plugins"));
        Map<String, Double> values = EmbeddingExample.run(plugins);
        assertThat(values).containsKeys("delta_w_fro", "delta_w_op");
        assertThat(values.get("delta_w_fro")).isPositive().isGreaterThanOrEqualTo(values.get("delta_w_op"));
    }
}
