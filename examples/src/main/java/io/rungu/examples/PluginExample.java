package io.rungu.examples;

import io.javalin.Javalin;
import io.javalin.http.UnauthorizedResponse;
import io.rungu.http.RunguPlugin;
import io.rungu.model.Actor;
import io.rungu.model.Role;
import io.rungu.model.User;
import io.rungu.store.RunguStore;
import java.nio.file.Path;

/**
 * A host application with its own login that mounts a Rungu board at {@code /feedback}. The host tells Rungu who
 * is asking through an {@link io.rungu.http.ActorResolver}; Rungu then needs no OAuth and registers no sign-in
 * routes; the board's "Sign in" leads to the host's {@code /login}, which comes back to the page. Everything Rungu
 * serves stays under {@code /feedback}; the host's own routes and settings are untouched.
 *
 * <p>Run, then open http://localhost:8080/login?user=ada and http://localhost:8080/feedback/
 */
public final class PluginExample {
    private PluginExample() {}

    public static void main(String[] args) {
        Path file = Path.of(args.length > 0 ? args[0] : "host-feedback.db").toAbsolutePath();
        RunguStore store = RunguStore.open(db -> db.url = "jdbc:sqlite:" + file);
        Javalin app = hostApp(store).start("127.0.0.1", 8080);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.stop();
            store.close();
        }));
    }

    /** The host application with the board mounted; the caller starts it and closes the store. */
    static Javalin hostApp(RunguStore store) {
        return Javalin.create(config -> {
            // The host's own pages and login (a stand-in for a real one).
            config.routes.get("/", ctx -> ctx.html("<a href='/feedback/'>Feedback</a>"));
            config.routes.get("/login", ctx -> {
                String name = ctx.queryParam("user");
                String back = ctx.queryParam("return_to");
                if (name == null || name.isBlank()) {
                    ctx.html("<form><input name='user' placeholder='name'><input type='hidden' name='return_to' value='"
                            + (back == null ? "" : back.replace("'", "")) + "'><button>Sign in</button></form>");
                    return;
                }
                User user = store.accounts().ensureUser(name + "@host.example", name,
                        "ada".equals(name) ? Role.ADMIN : Role.MEMBER);
                ctx.sessionAttribute("rungu-user", user.id());
                // Only back into the board, never to another site.
                ctx.redirect(back != null && back.startsWith("/feedback/") ? back : "/feedback/");
            });

            // The board, identified by the host's session; "Sign in" in the board leads to /login and back.
            config.registerPlugin(new RunguPlugin(store, ctx -> {
                String userId = ctx.sessionAttribute("rungu-user");
                if (userId == null) {
                    return Actor.anonymous();
                }
                return store.accounts().findUser(userId)
                        .<Actor>map(u -> Actor.of(u.id(), u.role()))
                        .orElseThrow(() -> new UnauthorizedResponse("Your account no longer exists; sign in again"));
            }, http -> {
                http.basePath = "/feedback";
                http.signInUrl = "/login";                  // + ?return_to=<the board page>
            }));
        });
    }
}
