package dev.plugbench.toolkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.javacpp.Loader;
import org.junit.jupiter.api.Test;

/** The BOM pins the JavaCPP and OpenBLAS versions the toolkit is built and tested with (both artifacts, both classifiers). */
class BomNativeVersionsTest {
    @Test
    void theBomListsTheNativeVersionsOnTheTestClassPath() throws Exception {
        String bom = Files.readString(Path.of("..", "bom", "pom.xml"));
        String javacpp = Loader.getVersion();
        String openblas = Loader.getVersion("org.bytedeco", "openblas");
        assertThat(openblas).startsWith("0.3.31-");
        assertThat(bom.split("<version>" + javacpp + "</version>", -1)).as("javacpp %s, jar and classifier", javacpp).hasSize(3);
        assertThat(bom.split("<version>" + openblas + "</version>", -1)).as("openblas %s, jar and classifier", openblas).hasSize(3);
    }
}
