package io.rungu.cli;

import io.rungu.store.DemoData;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code rungu demo}: a small dataset for trying the web app. */
@Command(name = "demo", description = "Add a small demo dataset (3 boards, 300 posts, 50 users) to try the web app.")
final class DemoCommand implements Callable<Integer> {
    private final Context context;

    DemoCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        return SeedCommand.generate(context, DemoData.Options.small());
    }
}
