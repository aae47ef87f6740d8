package io.rungu.oauth;

import io.javalin.config.JavalinState;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.plugin.Plugin;
import io.rungu.model.ErrorBody;
import io.rungu.model.RunguException;
import io.rungu.oauth.internal.Json;
import io.rungu.wire.Wire;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Javalin plugin with only the sign-in and token routes of {@link RunguAuth#routes()}, for a host that wants
 * Rungu's login without the board (the full board's {@code RunguPlugin} registers these routes itself). Errors
 * are answered as {@code {"error", "code", "fields"}} JSON with the status of their code; nothing host-wide is
 * changed.
 *
 * <pre>{@code
 * Javalin.create(config -> config.registerPlugin(new RunguAuthPlugin(auth, p -> p.basePath = "/feedback")));
 * }</pre>
 */
public final class RunguAuthPlugin extends Plugin<RunguAuthPlugin.Config> {
    private static final Logger LOG = LoggerFactory.getLogger(RunguAuthPlugin.class);
    private final RunguAuth auth;

    /** Where the routes are mounted. */
    public static final class Config {
        /** Path prefix of every route, e.g. {@code /feedback}; empty for the root. Must match the path of baseUrl. */
        public String basePath = "";
    }

    /** Mounts the routes at the root. */
    public RunguAuthPlugin(RunguAuth auth) {
        this(auth, c -> { });
    }

    /** Mounts the routes under {@code Config.basePath}. */
    public RunguAuthPlugin(RunguAuth auth, Consumer<Config> configure) {
        super(configure, new Config());
        this.auth = auth;
    }

    @Override
    public void onStart(JavalinState state) {
        String base = pluginConfig.basePath == null ? "" : pluginConfig.basePath.strip();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        for (AuthRoute route : auth.routes()) {
            state.routes.addHttpHandler(route.method(), base + route.path(), withErrors(route.handler()));
        }
    }

    @Override
    public String name() {
        return "rungu-auth";
    }

    private static Handler withErrors(Handler handler) {
        return ctx -> {
            try {
                handler.handle(ctx);
            } catch (RunguException e) {
                send(ctx, ErrorBody.of(e));
            } catch (RuntimeException e) {
                String requestId = UUID.randomUUID().toString();
                LOG.error("Request {} {} failed (request {})", ctx.method(), ctx.path(), requestId, e);
                ctx.status(500).contentType("application/json").result(ErrorBody.internalJson(requestId));
            }
        };
    }

    private static void send(Context ctx, ErrorBody body) {
        Json.send(ctx, body.status(), Wire.error(body));
    }
}
