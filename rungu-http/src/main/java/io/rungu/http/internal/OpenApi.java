package io.rungu.http.internal;

import io.rungu.http.internal.Route.Access;
import io.rungu.http.internal.Route.Doc;
import io.rungu.http.internal.Route.Param;
import io.rungu.model.Limits;
import io.rungu.model.PostSort;
import io.rungu.wire.JsonSchemas;
import io.rungu.wire.Wire;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Builds the OpenAPI 3.1 document from the same route list the plugin registers. */
public final class OpenApi {
    private static final String REF = "#/components/schemas/";

    private OpenApi() {}

    /**
     * The document for routes mounted at {@code basePath}; {@code bearerTokens} says whether Rungu's session cookie
     * and API tokens exist (RunguAuth), or the host application authenticates every request.
     */
    public static Map<String, Object> document(List<Route> routes, String basePath, String version, boolean bearerTokens) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("openapi", "3.1.0");
        doc.put("info", map("title", "Rungu API", "version", version,
                "description", "The REST API of a Rungu feedback board. Errors are {\"error\", \"code\", \"fields\"}.",
                "license", map("name", "Apache-2.0", "identifier", "Apache-2.0")));
        doc.put("servers", List.of(map("url", basePath.isEmpty() ? "/" : basePath)));
        doc.put("x-rungu-limits", limits());
        Map<String, Object> paths = new TreeMap<>();
        for (Route r : routes) {
            if (r.doc() == null) {
                continue;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> item = (Map<String, Object>) paths.computeIfAbsent(r.path(), k -> new LinkedHashMap<>());
            item.put(r.method().name().toLowerCase(java.util.Locale.ROOT), operation(r, bearerTokens));
        }
        doc.put("paths", paths);
        if (bearerTokens) {
            doc.put("components", map("schemas", schemas(), "securitySchemes", map(
                    "session", map("type", "apiKey", "in", "cookie", "name", "session",
                            "description", "Browser session set by the sign-in routes; writes also need a same-site Origin"),
                    "bearer", map("type", "http", "scheme", "bearer", "bearerFormat", "rgu_… API token",
                            "description", "Personal API token; read tokens cannot write"))));
        } else {
            // The host application's own login identifies callers (its cookies or headers, unknown to Rungu).
            doc.put("components", map("schemas", schemas()));
        }
        return doc;
    }

    /** The same document served under another public base path (context path, forwarded prefix). */
    public static Map<String, Object> withServer(Map<String, Object> document, String base) {
        Map<String, Object> copy = new LinkedHashMap<>(document);
        copy.put("servers", List.of(map("url", base.isEmpty() ? "/" : base)));
        return copy;
    }

    private static Map<String, Object> operation(Route r, boolean bearerTokens) {
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
        for (Route.Reply also : d.also()) {
            responses.put(Integer.toString(also.status()), also.schema() == null ? map("description", also.description())
                    : map("description", also.description(), "content", map("application/json",
                            map("schema", ref(also.schema())))));
        }
        op.put("responses", responses);
        if (!bearerTokens) {
            op.put("x-rungu-access", d.access().name().toLowerCase(Locale.ROOT));
            return op;
        }
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
            case ATOM -> map("description", "Atom 1.0 feed", "content", map("application/atom+xml",
                    map("schema", map("type", "string"))));
            case CSV -> map("description", "CSV (RFC 4180) with a header row", "content",
                    map("text/csv", map("schema", map("type", "string"))));
            case ARCHIVE -> map("description", "A Rungu archive: gzip-compressed JSON (docs/data-format.md)", "content",
                    map("application/gzip", map("schema", map("type", "string", "contentMediaType", "application/gzip"))),
                    "headers", map("Content-Disposition", map("schema", map("type", "string"))));
            // A file to keep rather than an API entity: its shape is documented in docs/data-format.md.
            case JSON_FILE -> map("description", "A JSON file (docs/data-format.md)", "content",
                    map("application/json", map("schema", map("type", "object"))),
                    "headers", map("Content-Disposition", map("schema", map("type", "string"))));
            case EVENTS -> map("description", "A stream of Server-Sent Events (docs/api.md, Live updates): each event's "
                    + "name is its topic (post.created, vote.changed, ...), its data a JSON object (the post as this viewer "
                    + "gets it from GET /api/posts/{id}, or the ids for deletions), its id the event's sequence number",
                    "content", map("text/event-stream", map("schema", map("type", "string"))));
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
            return r.kind() == RateLimiter.Kind.UNLIMITED ? List.of() : List.of(429);
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

    /** The wire records (generated, the same schemas as MCP's output schemas), then the request bodies. */
    private static Map<String, Object> schemas() {
        List<Class<?>> wire = new ArrayList<>(Wire.ENTITIES);
        wire.add(PostSort.class);
        Map<String, Object> s = new LinkedHashMap<>(JsonSchemas.components(wire, REF));
        s.put("NewProject", object(map("name", limited(Limits.PROJECT_NAME_MAX), "slug", limited(Limits.SLUG_MAX),
                "description", limited(Limits.PROJECT_DESCRIPTION_MAX)), "name"));
        s.put("ProjectEdit", object(map("name", limited(Limits.PROJECT_NAME_MAX),
                "description", limited(Limits.PROJECT_DESCRIPTION_MAX), "visibility", ref("BoardVisibility"),
                "moderation", ref("Moderation"))));
        s.put("NewPost", object(map("title", limited(Limits.TITLE_MAX), "description", limited(Limits.POST_DESCRIPTION_MAX),
                "category", slugOf("category")), "title"));
        s.put("PostEdit", object(map("title", limited(Limits.TITLE_MAX), "description", limited(Limits.POST_DESCRIPTION_MAX),
                "category", slugOf("category"), "status", slugOf("status"),
                "response", limited(Limits.COMMENT_MAX), "pinned", map("type", "boolean", "description",
                        "admin: pin (shown first in lists)"), "locked", map("type", "boolean", "description",
                        "admin: lock comments"))));
        s.put("MergeRequest", object(map("into", map("type", "string", "description",
                "the id of the post to merge into")), "into"));
        s.put("SetVote", object(map("voted", map("type", "boolean")), "voted"));
        s.put("NewComment", object(map("content", limited(Limits.COMMENT_MAX), "parent_id", map("type", "string"),
                "internal", map("type", "boolean", "description", "admin: an internal note, seen by admins only")),
                "content"));
        s.put("CommentEdit", object(map("content", limited(Limits.COMMENT_MAX)), "content"));
        s.put("UserEdit", object(map("role", ref("Role"), "blocked", map("type", "boolean", "description",
                "block (true) or unblock a member: a blocked member reads but writes no board content"))));
        s.put("ProfileEdit", object(map("name", limited(Limits.USER_NAME_MAX)), "name"));
        s.put("NotificationSettingsEdit", object(map("status_changes", map("type", "boolean"),
                "comments", map("type", "boolean"), "replies", map("type", "boolean"),
                "new_posts", map("type", "boolean"))));
        s.put("Upload", object(map("file", map("type", "string", "contentMediaType", "application/octet-stream",
                "description", "PNG, JPEG, WebP or GIF, at most " + Limits.ATTACHMENT_MAX_BYTES + " bytes")), "file"));
        s.put("EmailAddress", object(map("email", map("type", "string")), "email"));
        s.put("WidgetOrigin", object(map("origin", map("type", "string", "description",
                "the embedding site's origin (scheme://host[:port]), one of the allowed widget origins")), "origin"));
        s.put("ConsentDecision", object(map("client_id", map("type", "string"), "redirect_uri", map("type", "string"),
                "code_challenge", map("type", "string"), "code_challenge_method", map("type", "string", "enum",
                        java.util.List.of("S256")), "scope", map("type", "string", "description",
                        "space-separated: read, write"), "resource", map("type", "string"), "state",
                map("type", "string"), "approve", map("type", "boolean")),
                "client_id", "redirect_uri", "code_challenge", "code_challenge_method", "approve"));
        Map<String, Object> text = map("type", "string");
        Map<String, Object> texts = map("type", "array", "items", text);
        s.put("ProtectedResourceMetadata", object(map("resource", text, "authorization_servers", texts,
                "scopes_supported", texts, "bearer_methods_supported", texts, "resource_name", text,
                "resource_documentation", text), "resource", "authorization_servers"));
        s.put("AuthorizationServerMetadata", object(map("issuer", text, "authorization_endpoint", text,
                "token_endpoint", text, "registration_endpoint", text, "revocation_endpoint", text,
                "scopes_supported", texts, "response_types_supported", texts, "response_modes_supported", texts,
                "grant_types_supported", texts, "token_endpoint_auth_methods_supported", texts,
                "revocation_endpoint_auth_methods_supported", texts, "code_challenge_methods_supported", texts,
                "client_id_metadata_document_supported", map("type", "boolean"),
                "authorization_response_iss_parameter_supported", map("type", "boolean")),
                "issuer", "authorization_endpoint", "token_endpoint"));
        s.put("ClientRegistration", object(map("client_id", text, "client_id_issued_at", map("type", "integer"),
                "client_name", text, "redirect_uris", texts, "grant_types", texts, "response_types", texts,
                "token_endpoint_auth_method", text, "scope", text), "client_id", "redirect_uris"));
        s.put("OAuthTokens", object(map("access_token", text, "token_type", text, "expires_in",
                map("type", "integer"), "refresh_token", text, "scope", text), "access_token", "token_type"));
        s.put("OAuthError", object(map("error", text, "error_description", text), "error"));
        s.put("NewToken", object(map("name", limited(Limits.TOKEN_NAME_MAX), "scope", ref("TokenScope"),
                "expires_in", map("type", "integer", "minimum", 1, "description",
                        "Seconds until the token expires (at most ten years); leave it out for a token that never expires")),
                "name", "scope"));
        s.put("NewStatus", object(map("slug", slug(), "name", limited(Limits.DEFINITION_NAME_MAX), "color", color(),
                "kind", ref("StatusKind"), "position", position()), "name"));
        s.put("StatusEdit", object(map("name", limited(Limits.DEFINITION_NAME_MAX), "color", color(),
                "kind", ref("StatusKind"), "position", position())));
        s.put("NewCategory", object(map("slug", slug(), "name", limited(Limits.DEFINITION_NAME_MAX),
                "position", position()), "name"));
        s.put("CategoryEdit", object(map("name", limited(Limits.DEFINITION_NAME_MAX), "position", position())));
        s.put("NewTag", object(map("slug", slug(), "name", limited(Limits.DEFINITION_NAME_MAX), "color", color()),
                "name"));
        s.put("TagEdit", object(map("name", limited(Limits.DEFINITION_NAME_MAX), "color", color())));
        s.put("MoveTo", object(map("move_to", map("type", "string", "description",
                "where the deleted one's posts go: another slug of the board; required when posts use it"))));
        s.put("PostTags", object(map("tags", map("type", "array", "maxItems", Limits.TAGS_PER_POST_MAX,
                "items", slug())), "tags"));
        List<String> topics = java.util.Arrays.stream(io.rungu.model.EventTopic.values())
                .map(io.rungu.model.EventTopic::wire).toList();
        Map<String, Object> events = map("type", "array", "minItems", 1, "uniqueItems", true,
                "items", map("type", "string", "enum", topics));
        s.put("NewWebhook", object(map("url", map("type", "string", "maxLength", io.rungu.model.Webhook.URL_MAX,
                        "description", "http or https; must not resolve to a private address unless the server allows them"),
                "events", events, "project", map("type", "string", "description",
                        "a board's slug to receive only its events; leave it out for every board")), "url", "events"));
        s.put("WebhookEdit", object(map("url", map("type", "string", "maxLength", io.rungu.model.Webhook.URL_MAX),
                "events", events, "project", map("type", "string", "description",
                        "a board's slug, or \"\" for every board"),
                "enabled", map("type", "boolean", "description", "false pauses deliveries; true resumes them"))));
        s.put("JsonRpc", map("type", "object", "description", "One JSON-RPC 2.0 message of the Model Context Protocol"));
        s.put("OpenApiDocument", map("type", "object", "description", "An OpenAPI 3.1 document",
                "required", List.of("openapi", "info", "paths")));
        return s;
    }

    /** Every input limit of rungu-model's {@code Limits}, by its snake_case name, for clients that check early. */
    static Map<String, Object> limits() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Field f : Limits.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == int.class) {
                try {
                    out.put(f.getName().toLowerCase(Locale.ROOT), f.getInt(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return out;
    }

    static Map<String, Object> ref(String name) {
        return map("$ref", REF + name);
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

    /** A slug of a board's statuses, categories or tags. */
    private static Map<String, Object> slug() {
        return map("type", "string", "pattern", "^[a-z0-9][a-z0-9_-]*$", "maxLength", Limits.DEFINITION_SLUG_MAX);
    }

    private static Map<String, Object> slugOf(String what) {
        return map("type", "string", "maxLength", Limits.DEFINITION_SLUG_MAX, "description",
                "a slug of the board's " + (what.equals("status") ? "statuses" : "categories"));
    }

    private static Map<String, Object> color() {
        return map("type", "string", "pattern", "^#[0-9a-fA-F]{6}$");
    }

    private static Map<String, Object> position() {
        return map("type", "integer", "minimum", 1, "description", "1-based place in the board's order");
    }

    private static Map<String, Object> limited(int max) {
        return map("type", "string", "maxLength", max);
    }

    /** An ordered map from alternating keys and values. */
    static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
