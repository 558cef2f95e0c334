package dev.plugbench.host;

import dev.plugbench.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;

/** One command line run in this JVM, as the tests see it: exit code, stdout, stderr. */
record CliRun(int code, String out, String err) {
    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new CliRun(code, out.toString(), err.toString());
    }
}
