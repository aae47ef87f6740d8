package io.rungu.cli;

import java.util.List;

/**
 * SIGTERM and SIGINT as a request to stop. The JVM's own handling runs the shutdown hooks and then exits with
 * 128 + the signal (143 for SIGTERM), which service managers report as a failure; handling the signals lets
 * {@code serve} stop cleanly and exit with 0.
 */
final class StopSignals {
    private StopSignals() {}

    /** Runs {@code onStop} on SIGTERM and SIGINT; false when the JVM keeps a signal to itself (e.g. with -Xrs). */
    @SuppressWarnings("restriction")
    static boolean install(Runnable onStop) {
        boolean installed = true;
        for (String name : List.of("TERM", "INT")) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> onStop.run());
            } catch (IllegalArgumentException e) {
                installed = false;
            }
        }
        return installed;
    }
}
