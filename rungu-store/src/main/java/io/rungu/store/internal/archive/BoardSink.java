package io.rungu.store.internal.archive;

import io.rungu.model.RunguException;
import io.rungu.model.Slugs;
import io.rungu.store.internal.board.BoardDefinitions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/** The {@code projects} section: every board is checked (taken slugs) before any is written. */
final class BoardSink implements RecordSink {
    private static final int SLUG_MAX = 80;
    private static final List<String> VISIBILITIES = List.of("public", "signed_in", "members");
    private static final List<String> MODERATIONS = List.of("none", "new_posts");

    private final ImportContext cx;
    private final List<Map<String, Object>> boards = new ArrayList<>();
    private long written;

    BoardSink(ImportContext cx) {
        this.cx = cx;
    }

    @Override
    public boolean accept(Map<String, Object> record) {
        boards.add(record);
        return false;
    }

    @Override
    public void finish() {
        if (cx.intoProject != null && boards.size() != 1) {
            throw RunguException.invalid("into_project", "Importing into one board takes an archive of one "
                    + "board; this one holds " + boards.size() + " (export it with --project SLUG)");
        }
        cx.db.writeVoid(h -> {
            refuseTakenSlugs(h);
            for (Map<String, Object> board : boards) {
                place(h, board);
            }
        });
    }

    /** Names every taken slug at once, so one run of the import tells all that stands in its way. */
    private void refuseTakenSlugs(Handle h) {
        if (cx.rename || cx.intoProject != null) {
            return;
        }
        List<String> taken = new ArrayList<>();
        for (Map<String, Object> board : boards) {
            String slug = Values.text(board, "slug");
            if (existing(h, slug) != null) {
                taken.add(slug);
            }
        }
        if (taken.size() == 1) {
            throw taken(taken.get(0));
        }
        if (!taken.isEmpty()) {
            throw RunguException.conflict("Boards with the slugs '" + String.join("', '", taken)
                    + "' already exist here; import with --rename to give the imported boards free slugs");
        }
    }

    private static RunguException taken(String slug) {
        return RunguException.conflict("A board with the slug '" + slug + "' already exists here; "
                + "import with --rename to give the imported board a free slug, or with --into-project "
                + slug + " to add its posts to that board");
    }

    private void place(Handle h, Map<String, Object> board) {
        String id = Values.text(board, "id");
        String archiveSlug = Values.text(board, "slug");
        String slug = cx.intoProject != null ? cx.intoProject : archiveSlug;
        if (slug == null || !Slugs.isValid(slug)) {
            throw RunguException.invalid("archive", "The archive's board " + id + " has no valid slug: " + slug);
        }
        String existing = existing(h, slug);
        if (existing != null && cx.intoProject != null) {
            cx.projects.put(id, existing);
            cx.boardSlugs.put(archiveSlug, slug);
            cx.joined = existing;
            cx.joinedStatuses = h.createQuery("SELECT slug, kind FROM statuses WHERE project_id = ? "
                            + "ORDER BY position, slug").bind(0, existing)
                    .map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2)}).list();
            cx.joinedCategories = h.createQuery("SELECT slug FROM categories WHERE project_id = ? "
                    + "ORDER BY position, slug").bind(0, existing).mapTo(String.class).list();
            cx.remap = true;
            return;
        }
        if (existing != null) {
            if (!cx.rename) {
                throw taken(slug);
            }
            slug = freeSlug(h, slug);
        }
        String newId = id;
        if (h.createQuery("SELECT count(*) FROM projects WHERE id = ?").bind(0, id).mapTo(Long.class).one() > 0) {
            newId = cx.ids.get();
            cx.remap = true;
        }
        h.createUpdate("INSERT INTO projects (id, slug, name, description, created_at, visibility, moderation) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?)")
                .bind(0, newId).bind(1, slug).bind(2, Values.orElse(Values.text(board, "name"), slug))
                .bind(3, Values.orElse(Values.text(board, "description"), "")).bind(4, cx.time(board, "created_at"))
                .bind(5, Values.oneOf(Values.text(board, "visibility"), VISIBILITIES))
                .bind(6, Values.oneOf(Values.text(board, "moderation"), MODERATIONS)).execute();
        // The defaults, replaced by the archive's statuses and categories when it has them (DefinitionSink).
        BoardDefinitions.insertDefaults(h, newId, cx.ids);
        cx.projects.put(id, newId);
        cx.boardSlugs.put(archiveSlug, slug);
        written++;
    }

    private static String existing(Handle h, String slug) {
        return h.createQuery("SELECT id FROM projects WHERE slug = ?").bind(0, slug).mapTo(String.class).findOne()
                .orElse(null);
    }

    private static String freeSlug(Handle h, String slug) {
        for (int n = 2; ; n++) {
            String suffix = "-" + n;
            String base = slug.length() + suffix.length() > SLUG_MAX ? slug.substring(0, SLUG_MAX - suffix.length())
                    : slug;
            String candidate = base + suffix;
            if (existing(h, candidate) == null) {
                return candidate;
            }
        }
    }

    @Override
    public long written() {
        return written;
    }
}
