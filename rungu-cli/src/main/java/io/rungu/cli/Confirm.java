package io.rungu.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/** A yes/no question before a deletion: asked on stderr, answered on stdin; only {@code y} or {@code yes} agree. */
final class Confirm {
    private Confirm() {}

    static boolean ask(Context context, String question) {
        context.err.print(question);
        context.err.flush();
        try {
            String answer = new BufferedReader(new InputStreamReader(context.in, StandardCharsets.UTF_8)).readLine();
            return answer != null && List.of("y", "yes").contains(answer.trim().toLowerCase(Locale.ROOT));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
