package dev.plugbench.host;

import java.nio.file.Path;

/** Lets tests in other packages reach the fixture plugin files. */
public final class TestPluginsAccess {
    private TestPluginsAccess() {
    }

    public static Path v1() {
        return TestPlugins.v1();
    }

    public static Path v2() {
        return TestPlugins.v2();
    }
}
