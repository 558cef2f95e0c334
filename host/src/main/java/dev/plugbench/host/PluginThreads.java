package dev.plugbench.host;

import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * The threads a plugin left behind: live threads whose class or context class loader is one of the
 * plugin's class loaders (a thread started inside a call into a plugin inherits the plugin's loader
 * as its context loader, and so does a pool's thread created there). Such a thread keeps its
 * plugin's classes in memory after an unload, and a non-daemon one keeps the JVM from exiting.
 */
final class PluginThreads {
    /** How long {@link #stop} waits for interrupted threads to end, in all. */
    private static final long STOP_WAIT_MS = 2_000;

    private PluginThreads() {
    }

    /** The live threads belonging to any of the loaders still referenced by {@code loaders}. */
    static List<Thread> of(Collection<? extends Reference<ClassLoader>> loaders) {
        List<ClassLoader> live = loaders.stream().map(Reference::get).filter(Objects::nonNull).toList();
        List<Thread> found = new ArrayList<>();
        if (live.isEmpty()) {
            return found;
        }
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t != Thread.currentThread() && t.isAlive() && (contains(live, t.getContextClassLoader()) || contains(live, t.getClass().getClassLoader()))) {
                found.add(t);
            }
        }
        return found;
    }

    /** Interrupts the threads and waits up to 2 s for them to end; returns those still running. */
    static List<Thread> stop(List<Thread> threads) throws InterruptedException {
        threads.forEach(Thread::interrupt);
        long deadline = System.nanoTime() + STOP_WAIT_MS * 1_000_000;
        for (Thread t : threads) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left > 0) {
                t.join(left);
            }
        }
        return threads.stream().filter(Thread::isAlive).toList();
    }

    /** A thread as a report names it: its name, whether it is a daemon, and where it runs now. */
    static String describe(Thread t) {
        StackTraceElement[] stack = t.getStackTrace();
        String where = "";
        for (StackTraceElement e : stack) {
            if (!e.getClassName().startsWith("java.") && !e.getClassName().startsWith("jdk.") && !e.getClassName().startsWith("sun.")) {
                where = " in " + e.getClassName() + "." + e.getMethodName();
                break;
            }
        }
        return "'" + t.getName() + "' (" + (t.isDaemon() ? "daemon" : "non-daemon") + where + ")";
    }

    /** Identity membership: class loaders are compared as objects, never by equals. */
    private static boolean contains(List<ClassLoader> loaders, ClassLoader l) {
        for (ClassLoader c : loaders) {
            if (c == l) {
                return true;
            }
        }
        return false;
    }
}
