/**
 * Rungu's MCP server: lets AI agents read and change a feedback board through the Model Context Protocol.
 *
 * <p>{@link io.rungu.mcp.RunguMcpServer} speaks JSON-RPC 2.0 (MCP 2025-11-25, negotiating down to 2025-06-18 and
 * 2025-03-26) over stdio ({@link io.rungu.mcp.RunguMcpServer#runStdio}) or over Streamable HTTP through a plain
 * request/response handler ({@link io.rungu.mcp.RunguMcpServer#handleHttp}) that any HTTP server can mount.
 * Every tool is a thin adapter over one {@link io.rungu.store.Board} call, so agents meet the same permissions,
 * limits and messages as people do. The implementation needs only Jackson 2 and slf4j.
 */
package io.rungu.mcp;
