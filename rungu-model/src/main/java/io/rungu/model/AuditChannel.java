package io.rungu.model;

/** How the actor of an audit entry reached Rungu, as the audit log names it. */
public enum AuditChannel implements WireValue {
    /** A browser session. */
    WEB("web"),
    /** A personal API token. */
    API_TOKEN("api_token"),
    /** An agent through the MCP server over stdio. */
    MCP_STDIO("mcp_stdio"),
    /** An agent through the MCP server's Streamable HTTP endpoint. */
    MCP_HTTP("mcp_http"),
    /** The operator at the command line. */
    CLI("cli"),
    /** The host application embedding Rungu. */
    HOST("host"),
    /** The feedback widget embedded on another site. */
    WIDGET("widget");

    private final String wire;

    AuditChannel(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }

    /** The audit channel of an actor's channel; null stays null. */
    public static AuditChannel of(Actor.Channel channel) {
        if (channel == null) {
            return null;
        }
        return switch (channel) {
            case SESSION -> WEB;
            case API_TOKEN -> API_TOKEN;
            case AGENT -> MCP_STDIO;
            case MCP_HTTP -> MCP_HTTP;
            case CLI -> CLI;
            case DIRECT -> HOST;
            case WIDGET -> WIDGET;
        };
    }
}
