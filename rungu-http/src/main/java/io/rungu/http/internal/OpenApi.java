package io.rungu.http.internal;

import io.rungu.http.internal.Route.Access;
import io.rungu.http.internal.Route.Doc;
import io.rungu.http.internal.Route.Param;
import io.rungu.model.Limits;
import io.rungu.model.PostCategory;
import io.rungu.model.PostStatus;
import io.rungu.model.Role;
import io.rungu.model.WireValue;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Builds the OpenAPI 3.1 document from the same route list the plugin registers. */
public final class OpenApi {
    private OpenApi() {}

    public static Map<String, Object> document(List<Route> routes, String basePath, String version) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("openapi", "3.1.0");
        doc.put("info", map("title", "Rungu API", "version", version,
                "description", "The REST API of a Rungu feedback board. Errors are {\"error\", \"code\", \"fields\"}.",
                "license", map("name", "Apache-2.0", "identifier", "Apache-2.0")));
        doc.put("servers", List.of(map("url", basePath.isEmpty() ? "/" : basePath)));
        Map<String, Object> paths = new TreeMap<>();
        for (Route r : routes) {
            if (r.doc() == null) {
                continue;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> item = (Map<String, Object>) paths.computeIfAbsent(r.path(), k -> new LinkedHashMap<>());
            item.put(r.method().name().toLowerCase(java.util.Locale.ROOT), operation(r));
        }
        doc.put("paths", paths);
        doc.put("components", map("schemas", schemas(), "securitySchemes", map(
                "session", map("type", "apiKey", "in", "cookie", "name", "session",
                        "description", "Browser session set by the sign-in routes; writes also need a same-site Origin"),
                "bearer", map("type", "http", "scheme", "bearer", "bearerFormat", "rgu_… API token",
                        "description", "Personal API token; read tokens cannot write"))));
        return doc;
    }

    private static Map<String, Object> operation(Route r) {
        Doc d = r.doc();
        Map<String, Object> op = new LinkedHashMap<>();
        op.put("tags", List.of(d.tag()));
        op.put("summary", d.summary());
        op.put("operationId", operationId(r));
        List<Object> params = new java.util.ArrayList<>();
        for (String p : r.pathParams()) {
            params.add(map("name", p, "in", "path", "required", true, "schema", map("type", "string")));
        }
        for (Param q : d.query()) {
            Map<String, Object> schema = new LinkedHashMap<>();
            schema.put("type", q.type());
            if (!q.values().isEmpty()) {
                schema.put("enum", q.values());
            }
            params.add(map("name", q.name(), "in", "query", "required", false, "description", q.description(),
                    "schema", schema));
        }
        if (!params.isEmpty()) {
            op.put("parameters", params);
        }
        if (d.bodyMediaType() != null) {
            op.put("requestBody", map("required", true, "content", map(d.bodyMediaType(), map("schema", ref(d.bodySchema())))));
        }
        Map<String, Object> responses = new LinkedHashMap<>();
        responses.put(Integer.toString(d.status()), success(d));
        for (int status : errors(r)) {
            responses.put(Integer.toString(status), map("description", errorText(status),
                    "content", map("application/json", map("schema", ref("Error")))));
        }
        op.put("responses", responses);
        switch (d.access()) {
            case PUBLIC -> op.put("security", List.of(Map.of(), map("session", List.of()), map("bearer", List.of())));
            case SIGNED_IN, ADMIN -> op.put("security", List.of(map("session", List.of()), map("bearer", List.of())));
            case API_TOKEN -> op.put("security", List.of(map("bearer", List.of())));
            case NONE -> op.put("security", List.of(Map.of()));
        }
        return op;
    }

    private static Object success(Doc d) {
        return switch (d.shape()) {
            case NONE -> map("description", "Done, no content");
            case TEXT -> map("description", "Plain text", "content", map("text/plain", map("schema", map("type", "string"))));
            case HTML -> map("description", "HTML page", "content", map("text/html", map("schema", map("type", "string"))));
            case SCRIPT -> map("description", "Script", "content", map("text/javascript", map("schema", map("type", "string"))));
            case BINARY -> map("description", "The bytes", "content", map("application/octet-stream",
                    map("schema", map("type", "string", "contentMediaType", "application/octet-stream"))));
            case JSON -> map("description", "JSON", "content", map("application/json",
                    map("schema", d.schema() == null ? map("type", "object") : ref(d.schema()))));
            case DATA -> map("description", "OK", "content", map("application/json", map("schema",
                    object(map("data", ref(d.schema())), "data"))));
            case LIST -> map("description", "OK", "content", map("application/json", map("schema",
                    object(map("data", map("type", "array", "items", ref(d.schema()))), "data"))));
            case PAGE -> map("description", "One page", "content", map("application/json", map("schema",
                    object(map("data", map("type", "array", "items", ref(d.schema())), "pagination", ref("Pagination")),
                            "data", "pagination"))));
        };
    }

    private static List<Integer> errors(Route r) {
        List<Integer> out = new java.util.ArrayList<>();
        Doc d = r.doc();
        if (d.access() == Access.NONE) {
            return List.of(429);
        }
        boolean hasInput = d.bodyMediaType() != null || !d.query().isEmpty();
        if (hasInput) {
            out.add(400);
        }
        out.add(401);
        if (d.access() != Access.PUBLIC) {
            out.add(403);
        }
        if (!r.pathParams().isEmpty()) {
            out.add(404);
        }
        if (r.method().name().equals("POST") && d.bodySchema() != null && !d.bodySchema().equals("Upload")) {
            out.add(409);
        }
        if (d.bodyMediaType() != null) {
            out.add(413);
            out.add(415);
        }
        out.add(429);
        return out;
    }

    private static String errorText(int status) {
        return switch (status) {
            case 400 -> "Invalid input (see fields)";
            case 401 -> "Not signed in, or invalid credentials";
            case 403 -> "Not allowed for this caller";
            case 404 -> "Not found";
            case 409 -> "Conflicts with existing data";
            case 413 -> "Body too large";
            case 415 -> "Wrong content type";
            case 429 -> "Rate limited; see Retry-After";
            default -> "Error";
        };
    }

    private static String operationId(Route r) {
        StringBuilder id = new StringBuilder(r.method().name().toLowerCase(java.util.Locale.ROOT));
        for (String seg : r.path().split("[/{}._-]+")) {
            if (!seg.isEmpty()) {
                id.append(Character.toUpperCase(seg.charAt(0))).append(seg.substring(1));
            }
        }
        return id.toString();
    }

    private static Map<String, Object> schemas() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("Error", object(map("error", str(), "code", map("type", "string", "enum", List.of("not_found", "invalid",
                        "unauthenticated", "forbidden", "conflict", "too_large", "unsupported_media_type", "rate_limited",
                        "unavailable", "internal")),
                "fields", map("type", "object", "additionalProperties", str()), "request_id", str()), "error", "code"));
        s.put("Pagination", object(map("page", integer(), "per_page", integer(), "total", integer(), "total_pages", integer()),
                "page", "per_page", "total", "total_pages"));
        s.put("Project", object(map("id", str(), "slug", str(), "name", str(), "description", str(), "created_at", time(),
                "post_count", integer()), "id", "slug", "name", "description", "created_at", "post_count"));
        s.put("Creator", object(map("id", str(), "name", str(), "avatar_url", str()), "id", "name", "avatar_url"));
        s.put("PostDetail", object(props("id", str(), "project_id", str(), "title", str(), "description", str(),
                "status", enumOf(PostStatus.values()), "category", enumOf(PostCategory.values()), "vote_count", integer(),
                "comment_count", integer(), "created_by", str(), "created_at", time(), "updated_at", time(),
                "done_at", nullable(time()), "creator", ref("Creator"), "user_voted", bool()),
                "id", "project_id", "title", "description", "status", "category", "vote_count", "comment_count",
                "created_by", "created_at", "updated_at", "done_at", "creator", "user_voted"));
        s.put("CommentDetail", object(props("id", str(), "post_id", str(), "parent_id", nullable(str()), "content", str(),
                "created_by", str(), "created_at", time(), "edited_at", nullable(time()), "creator", ref("Creator")),
                "id", "post_id", "parent_id", "content", "created_by", "created_at", "edited_at", "creator"));
        s.put("Attachment", object(props("id", str(), "post_id", str(), "filename", str(), "mime", str(), "size", integer(),
                "created_by", str(), "created_at", time(), "url", str()),
                "id", "post_id", "filename", "mime", "size", "created_by", "created_at", "url"));
        s.put("Vote", object(map("voted", bool(), "vote_count", integer()), "voted", "vote_count"));
        s.put("Subscription", object(map("subscribed", bool()), "subscribed"));
        s.put("NotificationSettings", object(map("status_changes", bool(), "comments", bool()), "status_changes",
                "comments"));
        s.put("NotificationSettingsEdit", object(map("status_changes", bool(), "comments", bool())));
        s.put("Roadmap", object(props("planned", posts(), "planned_total", integer(), "in_progress", posts(),
                "in_progress_total", integer(), "done", posts(), "done_total", integer(), "limit", integer()),
                "planned", "planned_total", "in_progress", "in_progress_total", "done", "done_total", "limit"));
        s.put("Stats", object(props("total_posts", integer(), "by_status", counts(), "by_category", counts(),
                "total_votes", integer(), "total_comments", integer()),
                "total_posts", "by_status", "by_category", "total_votes", "total_comments"));
        s.put("User", object(props("id", str(), "email", str(), "name", str(), "avatar_url", str(),
                "role", enumOf(Role.values()), "created_at", time(), "last_login", nullable(time())),
                "id", "email", "name", "avatar_url", "role", "created_at"));
        s.put("NewProject", object(map("name", limited(Limits.PROJECT_NAME_MAX), "slug", limited(Limits.SLUG_MAX),
                "description", limited(Limits.PROJECT_DESCRIPTION_MAX)), "name"));
        s.put("ProjectEdit", object(map("name", limited(Limits.PROJECT_NAME_MAX),
                "description", limited(Limits.PROJECT_DESCRIPTION_MAX))));
        s.put("NewPost", object(map("title", limited(Limits.TITLE_MAX), "description", limited(Limits.POST_DESCRIPTION_MAX),
                "category", enumOf(PostCategory.values())), "title"));
        s.put("PostEdit", object(map("title", limited(Limits.TITLE_MAX), "description", limited(Limits.POST_DESCRIPTION_MAX),
                "category", enumOf(PostCategory.values()), "status", enumOf(PostStatus.values()))));
        s.put("SetVote", object(map("voted", bool()), "voted"));
        s.put("NewComment", object(map("content", limited(Limits.COMMENT_MAX), "parent_id", str()), "content"));
        s.put("CommentEdit", object(map("content", limited(Limits.COMMENT_MAX)), "content"));
        s.put("RoleChange", object(map("role", enumOf(Role.values())), "role"));
        s.put("ProfileEdit", object(map("name", limited(Limits.USER_NAME_MAX)), "name"));
        s.put("Upload", object(map("file", map("type", "string", "contentMediaType", "application/octet-stream",
                "description", "PNG, JPEG, WebP or GIF, at most " + Limits.ATTACHMENT_MAX_BYTES + " bytes")), "file"));
        s.put("Me", object(map("id", str(), "email", str(), "name", str(), "avatar_url", str(), "role", enumOf(Role.values())),
                "id", "email", "name", "avatar_url", "role"));
        s.put("NewToken", object(map("name", limited(Limits.TOKEN_NAME_MAX), "scope", map("type", "string", "enum",
                List.of("read", "write"))), "name", "scope"));
        s.put("JsonRpc", map("type", "object", "description", "One JSON-RPC 2.0 message of the Model Context Protocol"));
        s.put("Ready", object(map("status", str()), "status"));
        return s;
    }

    static Map<String, Object> ref(String name) {
        return map("$ref", "#/components/schemas/" + name);
    }

    private static Map<String, Object> object(Map<String, Object> properties, String... required) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("type", "object");
        o.put("properties", properties);
        if (required.length > 0) {
            o.put("required", List.of(required));
        }
        return o;
    }

    private static Map<String, Object> str() {
        return map("type", "string");
    }

    private static Map<String, Object> limited(int max) {
        return map("type", "string", "maxLength", max);
    }

    private static Map<String, Object> integer() {
        return map("type", "integer");
    }

    private static Map<String, Object> bool() {
        return map("type", "boolean");
    }

    private static Map<String, Object> time() {
        return map("type", "string", "format", "date-time");
    }

    private static Map<String, Object> nullable(Map<String, Object> schema) {
        Map<String, Object> copy = new LinkedHashMap<>(schema);
        copy.put("type", List.of(schema.get("type"), "null"));
        return copy;
    }

    private static Map<String, Object> posts() {
        return map("type", "array", "items", ref("PostDetail"));
    }

    private static Map<String, Object> counts() {
        return map("type", "object", "additionalProperties", integer());
    }

    private static Map<String, Object> enumOf(WireValue[] values) {
        return map("type", "string", "enum", Arrays.stream(values).map(WireValue::wire).toList());
    }

    /** An ordered map from alternating keys and values. */
    static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static Map<String, Object> props(Object... kv) {
        return map(kv);
    }
}
