package io.rungu.http.internal;

import static io.javalin.http.HandlerType.GET;

import io.javalin.http.Context;
import io.rungu.http.internal.Route.Access;
import io.rungu.http.internal.Route.Param;
import io.rungu.http.internal.Route.Shape;
import io.rungu.store.Board;
import io.rungu.store.DataExport;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * Downloads of whole data: the portable archive for admins (docs/data-format.md) and a member's own data (GDPR).
 * The Board checks permission and slugs first, so a refusal is the usual JSON error; the file is then written
 * straight to the response while it is read, never held in memory.
 */
public final class ExportRoutes {
    private final Board board;

    public ExportRoutes(Board board) {
        this.board = board;
    }

    public void register(RouteTable t) {
        t.add(GET, "/api/export", ctx -> send(ctx, board.exportArchive(Guard.actor(ctx), ctx.queryParams("project"))))
                .doc("export", "The portable archive (gzip-compressed JSON, docs/data-format.md) of every board and "
                        + "account, or of the boards given as project=SLUG (repeatable)", Access.ADMIN)
                .query(new Param("project", "string", "A board's slug; repeat for several. Default: everything."))
                .reply(200, Shape.ARCHIVE, null).done();
        t.add(GET, "/api/projects/{slug}/export", ctx -> send(ctx, board.exportArchive(Guard.actor(ctx),
                        List.of(ctx.pathParam("slug")))))
                .doc("export", "The portable archive of one board and its people", Access.ADMIN)
                .reply(200, Shape.ARCHIVE, null).done();
        t.add(GET, "/api/me/export", ctx -> send(ctx, board.exportPersonalData(Guard.actor(ctx))))
                .doc("export", "Everything Rungu holds about the signed-in member, as one JSON document (GDPR): "
                        + "profile, identities, notification settings, tokens' and sessions' metadata, posts, comments, "
                        + "votes, subscriptions, status changes, attachments' metadata", Access.SIGNED_IN)
                .reply(200, Shape.JSON_FILE, null).done();
    }

    private static void send(Context ctx, DataExport export) throws IOException {
        ctx.status(200);
        ctx.contentType(export.contentType());
        ctx.header("Content-Disposition", ContentDisposition.attachment(export.fileName()));
        ctx.header("Cache-Control", "no-store");
        try (OutputStream out = ctx.outputStream()) {
            export.writeTo(out);
        }
    }
}
