package dev.plugbench.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugbench.api.ApiVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every Java, XML and properties block of the README and of sdk-docs is code the build compiles
 * and runs, and says which, in an HTML comment on the line before it:
 * <ul>
 *   <li>{@code <!-- example: PATH#TAG -->}: the block is, character for character (after removing
 *       the common indentation), the region between {@code // tag::TAG[]} and {@code // end::TAG[]}
 *       of PATH (relative to the page), a source the tests compile and run;</li>
 *   <li>{@code <!-- template: NAME FAMILY -->}: the block is new-plugin's (and the archetype's)
 *       template NAME as generated for the method {@code my-FAMILY}, which NewPluginTest and
 *       MavenOutsiderIT build and run;</li>
 *   <li>{@code <!-- contract: PATH, PATH... -->}: the block abridges contract types: each of its
 *       declarations is in one of the files (comments and spacing aside);</li>
 *   <li>{@code <!-- built by MavenOutsiderIT -->}: the block is one of the files getting-started.md
 *       has an author write, which MavenOutsiderIT writes as is and builds with Maven.</li>
 * </ul>
 * A test fails when a block and its source differ, or a block says nothing.
 */
class DocBlocksTest {
    private static final List<String> CODE = List.of("java", "xml", "properties");
    private static final Path TEMPLATES = Path.of("../cli/src/main/resources/dev/plugbench/cli/newplugin");

    /** A new-plugin template: the CLI's shared files, or a family's own in its family module. */
    private static Path template(String name) {
        Path shared = TEMPLATES.resolve(name);
        String family = name.substring(0, name.indexOf('.'));
        return Files.exists(shared) ? shared : Path.of("../tasks-" + family + "/src/main/resources/META-INF/plugbench/new-plugin", name);
    }

    private static List<Path> pages() throws IOException {
        Path readme = Path.of(System.getProperty("plugbench.readme", "../README.md"));
        List<Path> pages = new ArrayList<>(List.of(readme));
        try (Stream<Path> docs = Files.list(Path.of(System.getProperty("plugbench.sdkdocs", "../sdk-docs")))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
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

    /** A template as new-plugin writes it for {@code new-plugin FAMILY my-FAMILY} (group org.example). */
    static String generated(String template, String family) throws IOException {
        String className = "My" + Character.toUpperCase(family.charAt(0)) + family.substring(1);
        String text = Files.readString(template(template));
        Map<String, String> values = Map.of("@PACKAGE@", "org.example.my" + family, "@CLASS@", className, "@DISPLAY@", className,
                "@ID@", "my-" + family, "@GROUP@", "org.example", "@PLUGBENCH_VERSION@", ApiVersion.VERSION, "@API_VERSION@", ApiVersion.VERSION,
                "@DESCRIPTION@", "A " + family + " method: my-" + family);
        for (Map.Entry<String, String> e : values.entrySet()) {
            text = text.replace(e.getKey(), e.getValue());
        }
        return text;
    }

    /** A declaration without comments and spacing, for comparing an abridged block with its source. */
    private static String bare(String code) {
        return code.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "").replaceAll("\\s+", "");
    }

    @Test
    void everyCodeBlockIsCompiledAndRunCode() throws IOException {
        List<String> checked = new ArrayList<>();
        for (Path page : pages()) {
            for (DocBlocks b : DocBlocks.of(page)) {
                if (!CODE.contains(b.lang())) {
                    continue;
                }
                String marker = b.marker();
                String block = b.body();
                String where = page.getFileName() + " block " + block.lines().findFirst().orElse("");
                assertThat(marker).as("%s says where its code is compiled and run (example:, template:, contract: or built by)", where).isNotNull();
                if (marker.startsWith("example: ")) {
                    String[] at = marker.substring("example: ".length()).split("#");
                    assertThat(block).as("%s differs from %s: copy the region again", where, marker).isEqualTo(region(page.getParent().resolve(at[0]), at[1]));
                } else if (marker.startsWith("template: ")) {
                    String[] named = marker.substring("template: ".length()).split(" ");
                    assertThat(block).as("%s differs from the generated %s", where, marker).isEqualTo(generated(named[0], named[1]));
                } else if (marker.startsWith("contract: ")) {
                    StringBuilder sources = new StringBuilder();
                    for (String path : marker.substring("contract: ".length()).split(", ")) {
                        sources.append(Files.readString(page.getParent().resolve(path)));
                    }
                    String source = bare(sources.toString());
                    for (String line : block.split("\n")) {
                        String declaration = bare(line);
                        if (!declaration.isEmpty() && !declaration.equals("}")) {
                            assertThat(source).as("%s: '%s' is in %s", where, line.trim(), marker).contains(declaration.replaceAll("\\{$", ""));
                        }
                    }
                } else {
                    assertThat(marker).as(where).isEqualTo("built by MavenOutsiderIT");
                    assertThat(page.getFileName().toString()).isEqualTo("getting-started.md");
                }
                checked.add(page.getFileName() + ": " + marker);
            }
        }
        assertThat(checked).as("checked blocks").hasSizeGreaterThanOrEqualTo(20)
                .anyMatch(c -> c.contains("EmbeddingExample.java#embedding"));
    }

    private static final Pattern COMMAND = Pattern.compile("(?:^|\\s)(?:\\./plugbench|\\$PLUGBENCH)\\s+([a-z][a-z-]*)(.*)");

    /**
     * The command lines of the README and sdk-docs name subcommands and options the CLI has: each
     * {@code ./plugbench SUB --option} (continuation lines of a synopsis included) is checked
     * against {@code plugbench SUB --help}. (getting-started's build and bench commands are also
     * run as written, by MavenOutsiderIT.)
     */
    @Test
    void everyCommandLineUsesSubcommandsAndOptionsTheCliHas() throws IOException {
        Map<String, String> help = new java.util.HashMap<>();
        List<String> checked = new ArrayList<>();
        for (Path page : pages()) {
            for (DocBlocks b : DocBlocks.of(page)) {
                if (!b.lang().equals("bash")) {
                    continue;
                }
                String sub = null;
                for (String line : b.body().split("\\n")) {
                    Matcher c = COMMAND.matcher(line);
                    String options;
                    if (c.find()) {
                        sub = c.group(1);
                        options = c.group(2);
                    } else if (sub != null && line.startsWith(" ") && line.trim().startsWith("[")) {
                        options = line; // a synopsis continued
                    } else {
                        sub = null;
                        continue;
                    }
                    String usage = help.computeIfAbsent(sub, DocBlocksTest::usage);
                    assertThat(usage).as("%s: 'plugbench %s' is a subcommand", page.getFileName(), sub).startsWith("Usage: plugbench " + sub);
                    Matcher option = Pattern.compile("--[a-z][a-z-]*").matcher(options.replaceAll("#.*", ""));
                    while (option.find()) {
                        assertThat(usage).as("%s: plugbench %s has %s", page.getFileName(), sub, option.group()).contains(option.group());
                        checked.add(sub + " " + option.group());
                    }
                }
            }
        }
        assertThat(checked).as("options checked").hasSizeGreaterThan(20).contains("bench --workers", "hotswap-check --swaps");
    }

    private static String usage(String sub) {
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        dev.plugbench.cli.Main.execute(new String[] {sub, "--help"}, new java.io.PrintWriter(out, true), new java.io.PrintWriter(err, true));
        return out.toString().isEmpty() ? err.toString() : out.toString();
    }
}
