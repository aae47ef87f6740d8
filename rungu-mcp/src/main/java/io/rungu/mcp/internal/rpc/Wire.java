package io.rungu.mcp.internal.rpc;

import com.fasterxml.jackson.annotation.JacksonAnnotationsInside;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import java.util.Map;

/**
 * The JSON-RPC and MCP messages this server writes, as records. They are written by the wire mapper (which writes
 * the tool results inside them in snake_case with nulls), so each carries {@link Rpc}: camelCase, nulls omitted.
 */
public final class Wire {
    private Wire() {}

    /** The MCP specification's JSON conventions: camelCase names, absent instead of null. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    @JacksonAnnotationsInside
    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public @interface Rpc {}

    /** A successful answer. */
    @Rpc
    public record Result(String jsonrpc, @JsonInclude(JsonInclude.Include.ALWAYS) JsonNode id, Object result) {
        public Result(JsonNode id, Object result) {
            this("2.0", id, result);
        }
    }

    /** A failed answer; {@code id} is null when the request's id could not be read. */
    @Rpc
    public record Failure(String jsonrpc, @JsonInclude(JsonInclude.Include.ALWAYS) JsonNode id, Error error) {
        public Failure(JsonNode id, RpcException e) {
            this("2.0", id, new Error(e.code(), e.getMessage(), e.data()));
        }
    }

    @Rpc
    public record Error(int code, String message, Object data) {}

    @Rpc
    public record Implementation(String name, String title, String version) {}

    @Rpc
    public record InitializeResult(String protocolVersion, Map<String, Object> capabilities, Implementation serverInfo,
                                   String instructions) {}

    /** The answer to 2026-07-28's {@code server/discover}. */
    @Rpc
    public record DiscoverResult(List<String> supportedVersions, Map<String, Object> capabilities,
                                 Implementation serverInfo, String instructions) {}

    @Rpc
    public record ToolAnnotations(String title, boolean readOnlyHint, boolean destructiveHint, boolean idempotentHint,
                                  boolean openWorldHint) {}

    @Rpc
    public record Tool(String name, String title, String description, Map<String, Object> inputSchema,
                       Map<String, Object> outputSchema, ToolAnnotations annotations) {}

    @Rpc
    public record ListToolsResult(List<Tool> tools, String nextCursor) {}

    @Rpc
    public record TextContent(String type, String text) {
        public TextContent(String text) {
            this("text", text);
        }
    }

    @Rpc
    public record CallToolResult(List<TextContent> content, Object structuredContent,
                                 @JsonProperty("isError") boolean isError) {}

    @Rpc
    public record Resource(String uri, String name, String title, String description, String mimeType) {}

    @Rpc
    public record ListResourcesResult(List<Resource> resources, String nextCursor) {}

    @Rpc
    public record ResourceTemplate(String uriTemplate, String name, String title, String description, String mimeType) {}

    @Rpc
    public record ListResourceTemplatesResult(List<ResourceTemplate> resourceTemplates) {}

    @Rpc
    public record TextResourceContents(String uri, String mimeType, String text) {}

    @Rpc
    public record ReadResourceResult(List<TextResourceContents> contents) {}

    @Rpc
    public record PromptArgument(String name, String description, boolean required) {}

    @Rpc
    public record Prompt(String name, String title, String description, List<PromptArgument> arguments) {}

    @Rpc
    public record ListPromptsResult(List<Prompt> prompts) {}

    @Rpc
    public record PromptMessage(String role, TextContent content) {}

    @Rpc
    public record GetPromptResult(String description, List<PromptMessage> messages) {}
}
