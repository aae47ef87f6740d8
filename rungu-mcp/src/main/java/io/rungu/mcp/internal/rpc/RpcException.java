package io.rungu.mcp.internal.rpc;

/** A protocol fault, answered as a JSON-RPC error object (never used for a tool's domain failure). */
public final class RpcException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public static final int PARSE_ERROR = -32700;
    public static final int INVALID_REQUEST = -32600;
    public static final int METHOD_NOT_FOUND = -32601;
    public static final int INVALID_PARAMS = -32602;
    public static final int INTERNAL_ERROR = -32603;
    /** MCP's code for a resource URI that names nothing (2025-11-25 and earlier; 2026-07-28 answers -32602). */
    public static final int RESOURCE_NOT_FOUND = -32002;
    /** 2026-07-28: the HTTP headers are missing, malformed or disagree with the body. */
    public static final int HEADER_MISMATCH = -32020;
    /** 2026-07-28: the request's protocol version is not served; data lists the supported ones. */
    public static final int UNSUPPORTED_PROTOCOL_VERSION = -32022;

    private final int code;
    private final transient Object data;

    public RpcException(int code, String message, Object data) {
        super(message);
        this.code = code;
        this.data = data;
    }

    public RpcException(int code, String message) {
        this(code, message, null);
    }

    public int code() {
        return code;
    }

    public Object data() {
        return data;
    }

    public static RpcException invalidParams(String message) {
        return new RpcException(INVALID_PARAMS, message);
    }
}
