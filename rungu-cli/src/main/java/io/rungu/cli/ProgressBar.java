package io.rungu.cli;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Progress of a long command on stderr. On a terminal one line is redrawn in place; otherwise (a log file, a
 * test) a line is printed per stage and per tenth of it, so output stays short.
 */
final class ProgressBar {
    private static final int WIDTH = 30;

    private final PrintStream err;
    private final boolean redraw;
    private String stage;
    private long lastTenth = -1;

    ProgressBar(PrintStream err, boolean redraw) {
        this.err = err;
        this.redraw = redraw;
    }

    /** Reports that {@code done} of {@code total} items of {@code stage} are finished. */
    synchronized void update(String stage, long done, long total) {
        if (!stage.equals(this.stage)) {
            if (this.stage != null && redraw) {
                err.println();
            }
            this.stage = stage;
            lastTenth = -1;
        }
        double fraction = total <= 0 ? 1.0 : Math.min(1.0, (double) done / total);
        if (redraw) {
            int filled = (int) Math.round(fraction * WIDTH);
            err.print(String.format(Locale.ROOT, "\r%-10s [%s%s] %3d%% %,d/%,d", stage, "#".repeat(filled),
                    " ".repeat(WIDTH - filled), Math.round(fraction * 100), done, total));
            err.flush();
            return;
        }
        long tenth = (long) Math.floor(fraction * 10);
        if (tenth != lastTenth) {
            lastTenth = tenth;
            err.println(String.format(Locale.ROOT, "%s: %,d/%,d (%d%%)", stage, done, total, tenth * 10));
        }
    }

    /** Ends the bar's line. */
    synchronized void finish() {
        if (redraw && stage != null) {
            err.println();
        }
    }
}
