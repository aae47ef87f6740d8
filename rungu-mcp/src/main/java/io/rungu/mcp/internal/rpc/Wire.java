package io.rungu.mcp.internal.rpc;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/** The JSON-RPC and MCP messages this server writes, as records (camelCase, nulls omitted). */
public final class Wire {
    private Wire() {}

    /** A successful answer. */
    public record Result(String jsonrpc, @JsonInclude(JsonInclude.Include.ALWAYS) JsonNode id, Object result) {
        public Result(JsonNode id, Object result) {
            this("2.0", id, result);
        }
    }

    /** A failed answer; {@code id} is null when the request's id could not be read. */
    public record Failure(String jsonrpc, @JsonInclude(JsonInclude.Include.ALWAYS) JsonNode id, Error error) {
        public Failure(JsonNode id, RpcException e) {
            this("2.0", id, new Error(e.code(), e.getMessage(), e.data()));
        }
    }

    public record Error(int code, String message, Object data) {}

    public record Implementation(String name, String title, String version) {}

    public record InitializeResult(String protocolVersion, Map<String, Object> capabilities, Implementation serverInfo,
                                   String instructions) {}

    public record ToolAnnotations(String title, boolean readOnlyHint, boolean destructiveHint, boolean idempotentHint,
                                  boolean openWorldHint) {}

    public record Tool(String name, String title, String description, Map<String, Object> inputSchema,
                       Map<String, Object> outputSchema, ToolAnnotations annotations) {}

    public record ListToolsResult(List<Tool> tools, String nextCursor) {}

    public record TextContent(String type, String text) {
        public TextContent(String text) {
            this("text", text);
        }
    }

    public record CallToolResult(List<TextContent> content, Object structuredContent,
                                 @JsonProperty("isError") boolean isError) {}

    public record Resource(String uri, String name, String title, String description, String mimeType) {}

    public record ListResourcesResult(List<Resource> resources, String nextCursor) {}

    public record ResourceTemplate(String uriTemplate, String name, String title, String description, String mimeType) {}

    public record ListResourceTemplatesResult(List<ResourceTemplate> resourceTemplates) {}

    public record TextResourceContents(String uri, String mimeType, String text) {}

    public record ReadResourceResult(List<TextResourceContents> contents) {}

    public record PromptArgument(String name, String description, boolean required) {}

    public record Prompt(String name, String title, String description, List<PromptArgument> arguments) {}

    public record ListPromptsResult(List<Prompt> prompts) {}

    public record PromptMessage(String role, TextContent content) {}

    public record GetPromptResult(String description, List<PromptMessage> messages) {}
}
