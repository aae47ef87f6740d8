package io.rungu.store;

import io.rungu.model.Actor;
import io.rungu.model.RunguException;
import io.rungu.store.internal.archive.ArchiveReader;
import io.rungu.store.internal.archive.ArchiveWriter;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The portable archive: one gzip-compressed JSON document of whole boards (users without secrets, boards, posts,
 * votes, comments with their tree, status history, merges, attachments with their bytes, subscriptions, notification
 * settings, the audit log, timestamps), versioned and documented in docs/data-format.md. It is written from one consistent snapshot
 * and read record by record, so boards of any size move in bounded memory, between SQLite and PostgreSQL alike.
 * Exporting, importing into an empty database and exporting again gives the same archive apart from its
 * {@code exported_at} and the audit entries recording the imports. An import writes no event per record (it mails
 * nobody) but one {@code PROJECT_IMPORTED} event and audit entry per board it created or added to.
 *
 * <pre>{@code
 * try (RunguStore store = RunguStore.open(c -> c.url = "jdbc:sqlite:rungu.db");
 *      OutputStream out = Files.newOutputStream(Path.of("rungu-export.json.gz"))) {
 *     BoardArchive.export(store, out, BoardArchive.ExportOptions.allBoards());
 * }
 * try (RunguStore store = RunguStore.open(c -> c.url = "jdbc:postgresql://db/rungu?user=rungu");
 *      InputStream in = Files.newInputStream(Path.of("rungu-export.json.gz"))) {
 *     BoardArchive.Summary summary = BoardArchive.importFrom(store, in, new BoardArchive.ImportOptions());
 * }
 * }</pre>
 *
 * <p>These methods act as the operator of the store (no {@link io.rungu.model.Actor}); a server offers the same
 * archive to admins through {@link Board#exportArchive}.
 */
public final class BoardArchive {
    /** The archive format version this Rungu writes, and the newest it reads. */
    public static final int VERSION = ArchiveWriter.VERSION;

    private BoardArchive() {}

    /** Receives progress while an archive is written or read; called from the working thread. */
    @FunctionalInterface
    public interface Progress {
        /**
         * @param section the section being written or read ({@code posts}, {@code votes}, ...)
         * @param done    its records done so far
         * @param total   its records in the archive, or -1 when the archive does not say
         */
        void update(String section, long done, long total);
    }

    /** What to export. */
    public static final class ExportOptions {
        /** Slugs of the boards to export; empty for every board and every account. */
        public List<String> projects = new ArrayList<>();
        /** Progress per section, or null. */
        public Progress progress;

        /** Every board and every account. */
        public static ExportOptions allBoards() {
            return new ExportOptions();
        }
    }

    /** How to import. */
    public static final class ImportOptions {
        /**
         * The slug of the board to import an archive of one board into: the posts join that board when it exists,
         * else it is created with that slug. Null to keep the archive's slugs.
         */
        public String intoProject;
        /** When a board's slug is taken here, import it as {@code slug-2} (or the next free one) instead of failing. */
        public boolean rename;
        /** Progress per section, or null. */
        public Progress progress;
        /**
         * Who the import's audit entries and {@code PROJECT_IMPORTED} events name, or null for the operator of the
         * store (no account).
         */
        public Actor.Account actor;
        /** How the import reached Rungu ({@code CLI} for {@code rungu import}), for its audit entries; may be null. */
        public Actor.Channel channel;
    }

    /**
     * What an import or export did.
     *
     * @param records records per section, in file order
     * @param boards  each board's slug in the archive mapped to its slug in the database (import only)
     */
    public record Summary(Map<String, Long> records, Map<String, String> boards) {}

    /**
     * Writes the archive to {@code out} (finished, not closed).
     *
     * @throws RunguException NOT_FOUND when a slug names no board
     */
    public static Summary export(RunguStore store, OutputStream out, ExportOptions options) {
        List<String> ids = projectIds(store, options.projects);
        Map<String, Long> written = new ArchiveWriter(store.database()).writeBoards(ids, store.config().clock.instant(),
                ArchiveWriter.generator(), out, progress(options.progress));
        return new Summary(written, Map.of());
    }

    /**
     * Reads an archive (gzip-compressed or plain JSON) into the store. Users are matched by email, so people who
     * already have an account here keep it; others are created with their role. Each batch of records is its own
     * transaction: an import that fails part way (a broken file) leaves what it wrote.
     *
     * @throws RunguException CONFLICT when a board's slug is taken (and neither {@code rename} nor
     *                        {@code intoProject} is given), before anything is written; INVALID for a file that is
     *                        not a Rungu archive or is of a newer version
     */
    public static Summary importFrom(RunguStore store, InputStream in, ImportOptions options) {
        return read(store, in, options, "rungu");
    }

    private static Summary read(RunguStore store, InputStream in, ImportOptions options, String source) {
        Actor.Channel channel = options.channel != null ? options.channel
                : options.actor != null ? options.actor.channel() : null;
        ArchiveReader.Result result = new ArchiveReader(store.database(), store.config().ids,
                store.config().clock::instant, blankToNull(options.intoProject), options.rename,
                progress(options.progress), new ArchiveReader.Who(options.actor, channel, source)).read(in);
        return new Summary(result.imported(), result.boards());
    }

    /**
     * Imports a Fider backup ({@code backup.zip} of Fider's admin "Export", one JSON array per table) as the board
     * {@code options.intoProject} (required; created when missing, else the posts join it): posts with their
     * statuses and official responses, votes, comments and the people who wrote them, matched by email. Fider's
     * started, completed and duplicate become in_progress, done and declined; deleted posts are left out.
     */
    public static Summary importFider(RunguStore store, java.nio.file.Path backupZip, ImportOptions options) {
        String slug = requireBoard(options);
        return viaArchive(store, options, "fider", out -> io.rungu.store.internal.archive.ForeignArchives.fider(backupZip, slug,
                store.config().clock.instant(), out));
    }

    /**
     * Imports a CSV of posts (a header row, then one post per row, RFC 4180, UTF-8) as the board
     * {@code options.intoProject} (required). {@code columns} maps Rungu's fields ({@code title}, {@code description},
     * {@code status}, {@code category}, {@code author_email}, {@code author_name}, {@code created_at},
     * {@code response}) to the file's column names; a field left out is read from the column of its own name when
     * there is one. Statuses and categories other boards use are mapped to Rungu's ("completed" is done, "started"
     * is in_progress, ...); unknown ones become open and feedback. Authors are matched by email.
     */
    public static Summary importCsv(RunguStore store, java.nio.file.Path csv, Map<String, String> columns,
            ImportOptions options) {
        String slug = requireBoard(options);
        return viaArchive(store, options, "csv", out -> io.rungu.store.internal.archive.ForeignArchives.csv(csv,
                columns == null ? Map.of() : columns, slug, store.config().clock.instant(), out));
    }

    /**
     * Imports an export assembled from Canny's REST API as the board {@code options.intoProject} (required): a
     * directory of the JSON answers of {@code boards/list}, {@code posts/list}, {@code comments/list},
     * {@code votes/list} and optionally {@code status_changes/list}, saved as Canny returns them, or one JSON file
     * holding those arrays (docs/data-format.md). Posts keep their statuses (Canny's own become the board's), votes,
     * comments with their replies and internal notes, categories and tags; people are matched by email.
     */
    public static Summary importCanny(RunguStore store, java.nio.file.Path export, ImportOptions options) {
        String slug = requireBoard(options);
        return viaArchive(store, options, "canny", out -> io.rungu.store.internal.archive.ForeignArchives.canny(export,
                slug, store.config().clock.instant(), out));
    }

    private static String requireBoard(ImportOptions options) {
        String slug = blankToNull(options.intoProject);
        if (slug == null) {
            throw RunguException.invalid("into_project", "Name the board to import into (--into-project SLUG)");
        }
        return slug;
    }

    /** Converts a foreign export into an archive in a temporary file, then imports that. */
    private static Summary viaArchive(RunguStore store, ImportOptions options, String source,
            java.util.function.Consumer<OutputStream> convert) {
        java.nio.file.Path temp = null;
        try {
            temp = java.nio.file.Files.createTempFile("rungu-import-", ".json");
            try (OutputStream out = new java.io.BufferedOutputStream(java.nio.file.Files.newOutputStream(temp))) {
                convert.accept(out);
            }
            try (InputStream in = java.nio.file.Files.newInputStream(temp)) {
                return read(store, in, options, source);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            if (temp != null) {
                try {
                    java.nio.file.Files.deleteIfExists(temp);
                } catch (java.io.IOException ignored) {
                    // a temporary file left behind is removed by the system
                }
            }
        }
    }

    static List<String> projectIds(RunguStore store, List<String> slugs) {
        if (slugs == null || slugs.isEmpty()) {
            return null;
        }
        return store.database().read(h -> slugs.stream().distinct().map(slug -> h
                .createQuery("SELECT id FROM projects WHERE slug = ?").bind(0, slug).mapTo(String.class).findOne()
                .orElseThrow(() -> RunguException.notFound("Project not found: " + slug))).toList());
    }

    private static ArchiveWriter.Progress progress(Progress progress) {
        return progress == null ? null : progress::update;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
