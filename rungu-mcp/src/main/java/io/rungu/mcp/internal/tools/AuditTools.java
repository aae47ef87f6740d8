package io.rungu.mcp.internal.tools;

import io.rungu.model.AuditQuery;
import io.rungu.model.Limits;
import io.rungu.model.PageRequest;
import io.rungu.model.Range;
import io.rungu.store.Board;
import io.rungu.wire.Wire;
import java.util.List;

/** The audit log's tool: who changed what, through which channel (admins). */
public final class AuditTools {
    private AuditTools() {}

    /** A page of the audit log, newest first. */
    public record AuditLog(List<Wire.AuditEntry> entries, Wire.Pagination pagination) {}

    /** The audit tools over {@code board}. */
    public static List<ToolSpec> all(Board board) {
        return List.of(ToolSpec.read("get_audit_log", "Read the audit log",
                "The audit log, newest first (admins only): every write with when, who (actor id and name), the "
                        + "channel (web, api_token, mcp_stdio, mcp_http, cli, host), the client, the action (e.g. "
                        + "post.edited), the target and the fields changed before and after. Filter by board, actor, "
                        + "action and since.",
                List.of(Param.string("project", "Only entries of this board (its slug)").maxLength(Limits.SLUG_MAX),
                        Param.string("actor", "Only writes of this user (their id)").maxLength(100),
                        Param.string("action", "An action such as post.edited, or a target type such as post")
                                .maxLength(100),
                        Param.string("since", "RFC 3339 timestamp, or a duration back from now: 24h, 7d, PT1H")
                                .maxLength(64),
                        Param.counted(Range.PAGE, "1-based page number", 1),
                        Param.counted(Range.PER_PAGE, "Items per page", Limits.PER_PAGE_DEFAULT)),
                AuditLog.class,
                (actor, a) -> {
                    var page = board.auditLog(actor, new AuditQuery(a.string("project"), a.string("actor"),
                            a.string("action"), a.string("since"),
                            PageRequest.of(a.integer("page"), a.integer("per_page"))));
                    return new AuditLog(page.items().stream().map(Wire::auditEntry).toList(), Wire.pagination(page));
                }));
    }
}
