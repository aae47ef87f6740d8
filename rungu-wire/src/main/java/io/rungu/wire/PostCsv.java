package io.rungu.wire;

import io.rungu.model.PostView;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;

/**
 * A board's posts as CSV for spreadsheets (RFC 4180: CRLF line ends, fields with a comma, quote or line break
 * quoted, quotes doubled), written a row at a time. A cell that a spreadsheet would read as a formula (starting
 * with {@code = + - @}, a tab or a carriage return) gets a leading {@code '}, so a post titled
 * {@code =HYPERLINK(...)} stays text (CSV injection).
 */
public final class PostCsv {
    /** The columns, in order: the header row. */
    public static final List<String> COLUMNS = List.of("id", "title", "description", "category", "status", "votes",
            "comments", "author", "created", "updated", "url");

    private final Supplier<? extends Writer> open;
    private final String boardUrl;
    private Writer out;

    /**
     * @param open     gives the writer on the first row (or at {@link #finish()}), so a caller can still answer
     *                 with an error when a check fails before any row
     * @param boardUrl the board's page, {@code <public URL>/board/<slug>} (see {@link #boardUrl}); a post's
     *                 {@code url} is {@code <boardUrl>/post/<id>}
     */
    public PostCsv(Supplier<? extends Writer> open, String boardUrl) {
        this.open = open;
        this.boardUrl = boardUrl;
    }

    /** The web app's page of a board under {@code publicUrl} (the site and base path, no trailing slash). */
    public static String boardUrl(String publicUrl, String slug) {
        String site = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        return site + "/board/" + URLEncoder.encode(slug, StandardCharsets.UTF_8);
    }

    /** Writes one post (after the header, the first time). */
    public void row(PostView view) {
        var p = view.post();
        String author = view.creator() == null || view.creator().name() == null ? "" : view.creator().name();
        line(p.id(), p.title(), p.description() == null ? "" : p.description(), p.category().wire(),
                p.status().wire(), Long.toString(p.voteCount()), Long.toString(p.commentCount()), author,
                WireJson.timestamp(p.createdAt()), WireJson.timestamp(p.updatedAt()),
                boardUrl + "/post/" + URLEncoder.encode(p.id(), StandardCharsets.UTF_8));
    }

    /** Writes the header when no row was written, and flushes. */
    public void finish() {
        try {
            writer().flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One cell: neutralised against formulas, then quoted when RFC 4180 needs it. */
    public static String cell(String value) {
        String text = value;
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
            return text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }

    private Writer writer() throws IOException {
        if (out == null) {
            out = open.get();
            write(COLUMNS.toArray(String[]::new));
        }
        return out;
    }

    private void line(String... cells) {
        try {
            writer();
            write(cells);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(String[] cells) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            line.append(i == 0 ? "" : ",").append(cell(cells[i]));
        }
        out.write(line.append("\r\n").toString());
    }
}
