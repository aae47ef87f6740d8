package io.rungu.notify;

import io.rungu.model.Actor;
import io.rungu.model.NewComment;
import io.rungu.model.Role;
import io.rungu.store.RunguStore;
import java.time.Duration;

/**
 * A server process that dies like {@code kill -9} right after a write commits: it starts email, adds a comment
 * and halts the JVM (no shutdown hooks, nothing closed) before the notification window ends. Run by
 * {@link CrashRestartTest}; arguments: database JDBC URL, SMTP port, commenter id, post id.
 */
public final class CrashingServer {
    private CrashingServer() {}

    public static void main(String[] args) {
        RunguStore store = RunguStore.open(c -> c.url = args[0]);
        RunguNotify.start(store, n -> {
            n.smtpUrl = "smtp://127.0.0.1:" + args[1];
            n.from = "feedback@example.test";
            n.publicUrl = "https://feedback.example.test";
            n.window = Duration.ofSeconds(3);
        });
        store.board().addComment(Actor.of(args[2], Role.MEMBER), args[3], new NewComment("Just before the crash", null));
        Runtime.getRuntime().halt(137);
    }
}
