package io.rungu.store.internal.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.rungu.model.Actor;
import io.rungu.model.BoardStatus;
import io.rungu.model.ChangelogQuery;
import io.rungu.model.NewCategory;
import io.rungu.model.NewPost;
import io.rungu.model.NewStatus;
import io.rungu.model.PostCategory;
import io.rungu.model.PostEdit;
import io.rungu.model.PostStatus;
import io.rungu.model.Role;
import io.rungu.model.StatusKind;
import io.rungu.store.Board;
import io.rungu.store.RunguStore;
import io.rungu.store.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A database written before boards had their own statuses (V001-V005) gets today's statuses and categories on
 * every board from V006, its posts keep theirs, and the fixed CHECK lists are gone.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class StatusesMigrationTest {
    @Parameter
    TestDatabase database;
    @TempDir
    Path dir;

    @Test
    void existing_boards_get_the_default_statuses_and_custom_ones_can_then_be_used() {
        try (TestDatabase.Fresh fresh = database.create(dir)) {
            Database db = database == TestDatabase.SQLITE
                    ? new SqliteDatabase(fresh.url(), 1, Duration.ofSeconds(5))
                    : new PostgresDatabase(fresh.url(), 2, null);
            try {
                Object now = db.dialect().timestampParameter(Instant.parse("2026-01-01T00:00:00Z"));
                db.maintenance(h -> {
                    h.execute("CREATE TABLE " + Migrations.TABLE + " (version INTEGER PRIMARY KEY, file TEXT NOT NULL, "
                            + "checksum TEXT NOT NULL, applied_at TEXT NOT NULL)");
                    for (Migrations.Migration m : Migrations.shipped(db.dialect().name())) {
                        if (m.version() >= 6) {
                            break;
                        }
                        Migrations.statements(m.sql()).forEach(h::execute);
                        h.execute("INSERT INTO " + Migrations.TABLE + " VALUES (?, ?, ?, '2026-01-01T00:00:00Z')",
                                m.version(), m.file(), m.checksum());
                    }
                    h.execute("INSERT INTO users (id, email, name, role, created_at, last_login) "
                            + "VALUES ('u', 'a@example.com', 'Admin', 'admin', ?, ?)", now, now);
                    h.execute("INSERT INTO projects (id, slug, name, description, created_at) "
                            + "VALUES ('b', 'app', 'App', '', ?)", now);
                    h.execute("INSERT INTO posts (id, project_id, title, status, category, created_by, created_at, "
                            + "updated_at) VALUES ('p1', 'b', 'Planned one', 'planned', 'bug', 'u', ?, ?)", now, now);
                    h.execute("INSERT INTO posts (id, project_id, title, status, created_by, created_at, updated_at, "
                            + "done_at) VALUES ('p2', 'b', 'Shipped one', 'done', 'u', ?, ?, ?)", now, now, now);
                    return null;
                });
            } finally {
                db.close();
            }
            try (RunguStore store = RunguStore.open(c -> c.url = fresh.url())) {
                Board board = store.board();
                Actor admin = Actor.of("u", Role.ADMIN);
                assertThat(board.listStatuses(admin, "app")).extracting(BoardStatus::slug, BoardStatus::kind,
                        BoardStatus::postCount).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("open", StatusKind.OPEN, 0L),
                        org.assertj.core.groups.Tuple.tuple("planned", StatusKind.ACTIVE, 1L),
                        org.assertj.core.groups.Tuple.tuple("in_progress", StatusKind.ACTIVE, 0L),
                        org.assertj.core.groups.Tuple.tuple("done", StatusKind.DONE, 1L),
                        org.assertj.core.groups.Tuple.tuple("declined", StatusKind.CLOSED, 0L));
                assertThat(board.listCategories(admin, "app")).extracting(c -> c.slug())
                        .containsExactly("feedback", "bug", "feature", "question");
                assertThat(board.roadmap(admin, "app", 10).planned()).extracting(v -> v.post().id())
                        .containsExactly("p1");
                assertThat(board.changelog(admin, "app", new ChangelogQuery(null, null)).items())
                        .extracting(v -> v.post().id()).containsExactly("p2");

                board.createStatus(admin, "app", new NewStatus("shipped-beta", "Beta", null, StatusKind.ACTIVE, null));
                board.createCategory(admin, "app", new NewCategory(null, "Idea", null));
                assertThat(board.editPost(admin, "p1", new PostEdit(null, null, new PostCategory("idea"),
                        new PostStatus("shipped-beta"))).post().status()).isEqualTo(new PostStatus("shipped-beta"));
                assertThat(board.createPost(admin, "app", new NewPost("New", "", null)).post().status())
                        .isEqualTo(PostStatus.OPEN);
            }
        }
    }
}
