package io.rungu.http.internal;

import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One route of the plugin: what is registered with Javalin and what the OpenAPI document says about it come
 * from this one value, so they cannot drift.
 *
 * @param path         relative to the base path, Javalin syntax ({@code /api/posts/{id}}); {@code *} for catch-alls
 * @param kind         which rate limits apply
 * @param authenticate whether the guard resolves the actor before the handler runs
 * @param doc          OpenAPI description; null for routes that are not part of the API (catch-alls, static files)
 * @param catchAll     true for the routes that answer 404/405 for unknown paths
 */
public record Route(HandlerType method, String path, Handler handler, RateLimiter.Kind kind, boolean authenticate, Doc doc,
                    boolean catchAll) {

    /** Who may call a route, for the document's security section and error list. */
    public enum Access { PUBLIC, SIGNED_IN, ADMIN, API_TOKEN, NONE }

    /** How the success response is shaped. */
    public enum Shape { DATA, LIST, PAGE, NONE, TEXT, BINARY, HTML, SCRIPT, JSON, ATOM, CSV, ARCHIVE, JSON_FILE, EVENTS }

    /** A query parameter. */
    public record Param(String name, String type, String description, List<String> values) {
        public Param(String name, String type, String description) {
            this(name, type, description, List.of());
        }
    }

    /** OpenAPI metadata of a route; {@code also} lists answers besides the success and the usual errors. */
    public record Doc(String tag, String summary, Access access, List<Param> query, String bodyMediaType,
                      String bodySchema, int status, Shape shape, String schema, List<Reply> also) {}

    /** A further answer of a route: its status, what it means, and its JSON schema (null when it has no body). */
    public record Reply(int status, String description, String schema) {}

    /** True when this route's path pattern matches a request path relative to the base. */
    public boolean matches(String relativePath) {
        return pattern(path).matcher(relativePath).matches();
    }

    /** The same route with another handler (the guarded one). */
    public Route withHandler(Handler h) {
        return new Route(method, path, h, kind, authenticate, doc, catchAll);
    }

    static Pattern pattern(String path) {
        StringBuilder re = new StringBuilder("^");
        for (String seg : path.split("/")) {
            if (seg.isEmpty()) {
                continue;
            }
            re.append('/');
            if (seg.startsWith("{") && seg.endsWith("}")) {
                re.append("[^/]+");
            } else if (seg.equals("*")) {
                re.append(".*");
            } else {
                re.append(Pattern.quote(seg));
            }
        }
        re.append("/?$");
        return Pattern.compile(re.toString());
    }

    /** The names of the path parameters, in order. */
    public List<String> pathParams() {
        return java.util.Arrays.stream(path.split("/"))
                .filter(s -> s.startsWith("{") && s.endsWith("}"))
                .map(s -> s.substring(1, s.length() - 1))
                .toList();
    }
}
