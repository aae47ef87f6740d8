package io.rungu.mcp;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One HTTP request to the MCP endpoint, as the hosting HTTP server received it.
 *
 * @param method  the HTTP method, e.g. {@code POST}
 * @param headers request headers with lower-case names; a repeated header may be joined with commas
 * @param body    the request body; empty (never null) when there is none
 */
public record McpHttpRequest(String method, Map<String, String> headers, byte[] body) {
    /** Copies the headers with their names in lower case and replaces a null body with an empty one. */
    public McpHttpRequest {
        Objects.requireNonNull(method, "method");
        Map<String, String> lower = new HashMap<>();
        if (headers != null) {
            headers.forEach((name, value) -> {
                if (name != null && value != null) {
                    lower.merge(name.toLowerCase(Locale.ROOT), value, (a, b) -> a + ", " + b);
                }
            });
        }
        headers = Map.copyOf(lower);
        body = body == null ? new byte[0] : body;
    }

    /** The value of a header by its name in any case, or null when absent. */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }
}
