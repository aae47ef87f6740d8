package io.rungu.cli;

import java.time.Duration;

/** Durations as people write them: 15 minutes, 2 hours, 1 day. */
final class Durations {
    private Durations() {}

    static String describe(Duration d) {
        long seconds = d.toSeconds();
        if (seconds % 86_400 == 0) {
            return plural(seconds / 86_400, "day");
        }
        if (seconds % 3_600 == 0) {
            return plural(seconds / 3_600, "hour");
        }
        if (seconds % 60 == 0) {
            return plural(seconds / 60, "minute");
        }
        return plural(seconds, "second");
    }

    private static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }
}
