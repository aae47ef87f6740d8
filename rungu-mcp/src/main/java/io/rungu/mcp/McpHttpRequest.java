package io.rungu.mcp;

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
    /** Copies the headers and replaces a null body with an empty one. */
    public McpHttpRequest {
        Objects.requireNonNull(method, "method");
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        body = body == null ? new byte[0] : body;
    }

    /** The value of a header by its name in any case, or null when absent. */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }
}
