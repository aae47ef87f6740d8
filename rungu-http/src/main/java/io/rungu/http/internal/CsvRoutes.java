package io.rungu.http.internal;

import static io.javalin.http.HandlerType.GET;

import io.javalin.http.Context;
import io.rungu.http.internal.Route.Access;
import io.rungu.http.internal.Route.Shape;
import io.rungu.store.Board;
import io.rungu.wire.PostCsv;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * Spreadsheet downloads. The rows are written while the Board reads them page by page, so a board of any size
 * streams in bounded memory; headers are only sent with the first row, after the Board's checks passed, so a
 * refusal is still the usual JSON error.
 */
public final class CsvRoutes {
    private final Board board;
    private final String basePath;
    private final String baseUrl;

    /**
     * @param baseUrl the configured public URL (with the base path), or null to take the site from each request
     */
    public CsvRoutes(Board board, String basePath, String baseUrl) {
        this.board = board;
        this.basePath = basePath;
        this.baseUrl = baseUrl;
    }

    public void register(RouteTable t) {
        t.add(GET, "/api/projects/{slug}/posts.csv", this::posts)
                .doc("posts", "A board's posts as CSV, oldest first (id, title, description, category, status, votes, "
                        + "comments, author, created, updated, url)", Access.ADMIN)
                .reply(200, Shape.CSV, null).done();
    }

    private void posts(Context ctx) throws IOException {
        String slug = ctx.pathParam("slug");
        Writer[] out = new Writer[1];
        PostCsv csv = new PostCsv(() -> out[0] = open(ctx, slug), PostCsv.boardUrl(publicUrl(ctx), slug));
        board.exportPosts(Guard.actor(ctx), slug, csv::row);
        csv.finish();
        out[0].close();
    }

    private static Writer open(Context ctx, String slug) {
        ctx.status(200);
        ctx.contentType("text/csv; charset=utf-8; header=present");
        ctx.header("Content-Disposition", ContentDisposition.attachment(slug + "-posts.csv"));
        return new BufferedWriter(new OutputStreamWriter(ctx.outputStream(), StandardCharsets.UTF_8), 64 * 1024);
    }

    private String publicUrl(Context ctx) {
        return baseUrl != null ? baseUrl : ctx.scheme() + "://" + ctx.host() + basePath;
    }
}
