package io.rungu.http.internal;

import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.rungu.http.internal.Route.Access;
import io.rungu.http.internal.Route.Doc;
import io.rungu.http.internal.Route.Param;
import io.rungu.http.internal.Route.Shape;
import java.util.ArrayList;
import java.util.List;

/** Collects routes with a small fluent syntax; the list it builds is both registered and documented. */
public final class RouteTable {
    private final List<Route> routes = new ArrayList<>();

    /** Starts a documented route. */
    public Builder add(HandlerType method, String path, Handler handler) {
        return new Builder(method, path, handler);
    }

    /** Adds a route that is not part of the API document (catch-alls, static files). */
    public void addUndocumented(HandlerType method, String path, Handler handler, RateLimiter.Kind kind) {
        routes.add(new Route(method, path, handler, kind, false, null, false));
    }

    /** Adds a route answering 404/405 for unknown paths. */
    public void addCatchAll(HandlerType method, String path, Handler handler) {
        routes.add(new Route(method, path, handler, RateLimiter.Kind.READ, false, null, true));
    }

    /** Adds a finished route. */
    public void add(Route route) {
        routes.add(route);
    }

    public List<Route> routes() {
        return List.copyOf(routes);
    }

    /** Fluent description of one route; {@link #done()} adds it. */
    public final class Builder {
        private final HandlerType method;
        private final String path;
        private final Handler handler;
        private String tag = "misc";
        private String summary = "";
        private Access access = Access.PUBLIC;
        private final List<Param> query = new ArrayList<>();
        private String bodyMediaType;
        private String bodySchema;
        private int status = 200;
        private Shape shape = Shape.DATA;
        private String schema;
        private final List<Route.Reply> also = new ArrayList<>();
        private RateLimiter.Kind kind;
        private boolean authenticate = true;

        private Builder(HandlerType method, String path, Handler handler) {
            this.method = method;
            this.path = path;
            this.handler = handler;
            this.kind = Guard.isWrite(method) ? RateLimiter.Kind.WRITE : RateLimiter.Kind.READ;
        }

        public Builder doc(String tag, String summary, Access access) {
            this.tag = tag;
            this.summary = summary;
            this.access = access;
            return this;
        }

        public Builder query(Param... params) {
            query.addAll(List.of(params));
            return this;
        }

        public Builder query(List<Param> params) {
            query.addAll(params);
            return this;
        }

        public Builder json(String schema) {
            this.bodyMediaType = "application/json";
            this.bodySchema = schema;
            return this;
        }

        public Builder multipart(String schema) {
            this.bodyMediaType = "multipart/form-data";
            this.bodySchema = schema;
            return this;
        }

        public Builder reply(int status, Shape shape, String schema) {
            this.status = status;
            this.shape = shape;
            this.schema = schema;
            return this;
        }

        /** Documents a further answer (schema null when it has no body). */
        public Builder also(int status, String description, String schema) {
            also.add(new Route.Reply(status, description, schema));
            return this;
        }

        public Builder kind(RateLimiter.Kind kind) {
            this.kind = kind;
            return this;
        }

        public Builder anonymousOnly() {
            this.authenticate = false;
            return this;
        }

        public void done() {
            routes.add(new Route(method, path, handler, kind, authenticate,
                    new Doc(tag, summary, access, List.copyOf(query), bodyMediaType, bodySchema, status, shape, schema,
                            List.copyOf(also)), false));
        }
    }
}
