package io.rungu.mcp.internal;

/** What one client negotiated: the stdio connection, or one HTTP session. */
public final class McpSession {
    private volatile String protocolVersion;
    private volatile String clientName;

    /** The negotiated version, or null before initialize. */
    public String protocolVersion() {
        return protocolVersion;
    }

    void initialize(String version) {
        this.protocolVersion = version;
    }

    /** The client's name from its {@code initialize} clientInfo (recorded in the audit log), or null. */
    public String clientName() {
        return clientName;
    }

    void clientName(String name) {
        this.clientName = name;
    }

    /** Whether tool results may carry structuredContent and tools an outputSchema (added in 2025-06-18). */
    boolean structuredOutput() {
        return !"2025-03-26".equals(protocolVersion);
    }
}
