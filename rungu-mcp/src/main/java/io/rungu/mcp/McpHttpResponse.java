package io.rungu.mcp;

import java.util.Map;

/**
 * The answer to an {@link McpHttpRequest}, for the hosting HTTP server to send as it is.
 *
 * @param status  the HTTP status code
 * @param headers response headers to set, e.g. {@code Content-Type} and {@code Mcp-Session-Id}
 * @param body    the response body; empty for 202 and 204 answers
 */
public record McpHttpResponse(int status, Map<String, String> headers, byte[] body) {
    /** Copies the headers and replaces a null body with an empty one. */
    public McpHttpResponse {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        body = body == null ? new byte[0] : body;
    }
}
