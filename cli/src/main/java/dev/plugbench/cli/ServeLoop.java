package dev.plugbench.cli;

import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;

/** What the commands that serve until Ctrl-C share ({@code serve}, {@code serve-rule}): the port and host checks, and the wait for the stop. */
final class ServeLoop {
    private ServeLoop() {
    }

    /** Refuses a port number that is not one. */
    static void checkPort(int port) {
        if (port < 0 || port > 65535) {
            throw new Main.UserError("--port " + port + " is not a port", "give 1..65535, or 0 for a free one");
        }
    }

    /** Warns when {@code host} is not a loopback address: then anyone on the network can {@code what}. */
    static void warnIfExposed(String host, String what, PrintWriter err) {
        if (!dev.plugbench.results.ResultsServer.isLoopback(host)) {
            err.println("plugbench: warning: --host " + host + " lets every machine that can reach this one " + what
                    + " (no login); the default 127.0.0.1 keeps it on this machine");
        }
    }

    /** Waits until the JVM is told to stop (Ctrl-C, SIGTERM), then closes {@code parts} in order, each even if one before failed. */
    static void awaitStop(String name, AutoCloseable... parts) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (AutoCloseable part : parts) {
                try {
                    part.close();
                } catch (Exception e) {
                    org.slf4j.LoggerFactory.getLogger(ServeLoop.class).warn("stopping {}: {}", name, e.toString());
                }
            }
            stopped.countDown();
        }, "plugbench-" + name + "-stop"));
        stopped.await();
    }
}
