package dev.plugbench.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugbench.api.ApiVersion;
import dev.plugbench.toolkit.ToolkitVersion;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What the built artifacts hold, read from where the classes were loaded: the jar in a full build
 * (reactor or local repository), the classes folder in an IDE.
 */
class ArtifactContentsTest {
    private static List<String> entries(Class<?> inArtifact) throws IOException, URISyntaxException {
        Path where = Path.of(inArtifact.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> names = new ArrayList<>();
        if (Files.isDirectory(where)) {
            try (Stream<Path> files = Files.walk(where)) {
                files.filter(Files::isRegularFile).forEach(f -> names.add(where.relativize(f).toString().replace('\\', '/')));
            }
        } else {
            try (JarFile jar = new JarFile(where.toFile())) {
                Collections.list(jar.entries()).forEach(e -> names.add(e.getName()));
            }
        }
        return names;
    }

    @Test
    void theApiArtifactHoldsTheContractAndNoToolkitClass() throws Exception {
        List<String> api = entries(ApiVersion.class);
        assertThat(api).contains("dev/plugbench/api/ApiVersion.class", "dev/plugbench/api/model/DifferentiableModel.class");
        assertThat(api).filteredOn(n -> n.endsWith(".class")).allMatch(n -> n.startsWith("dev/plugbench/api/"));
        assertThat(api).noneMatch(n -> n.startsWith("dev/plugbench/toolkit/"));
    }

    @Test
    void theToolkitArtifactHoldsTheToolkitOnly() throws Exception {
        List<String> toolkit = entries(ToolkitVersion.class);
        assertThat(toolkit).contains("dev/plugbench/toolkit/nn/Network.class");
        assertThat(toolkit).filteredOn(n -> n.endsWith(".class")).allMatch(n -> n.startsWith("dev/plugbench/toolkit/"));
    }
}
