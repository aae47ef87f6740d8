package io.rungu.store.internal.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.rungu.model.Actor;
import io.rungu.model.PageRequest;
import io.rungu.model.PostQuery;
import io.rungu.store.Board;
import io.rungu.store.RunguStore;
import io.rungu.store.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** A database written before board-scoped search (only V001 applied) finds its old posts by board after V003. */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class SearchMigrationTest {
    @Parameter
    TestDatabase database;
    @TempDir
    Path dir;

    @Test
    void posts_written_before_the_migration_are_found_on_their_own_board() {
        try (TestDatabase.Fresh fresh = database.create(dir)) {
            Database db = database == TestDatabase.SQLITE
                    ? new SqliteDatabase(fresh.url(), 1, Duration.ofSeconds(5))
                    : new PostgresDatabase(fresh.url(), 2, null);
            try {
                Migrations.Migration v1 = Migrations.shipped(db.dialect().name()).get(0);
                Object now = db.dialect().timestampParameter(Instant.parse("2026-01-01T00:00:00Z"));
                db.maintenance(h -> {
                    h.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, file TEXT NOT NULL, "
                            + "checksum TEXT NOT NULL, applied_at TEXT NOT NULL)");
                    Migrations.statements(v1.sql()).forEach(h::execute);
                    h.execute("INSERT INTO schema_migrations VALUES (1, ?, ?, '2026-01-01T00:00:00Z')", v1.file(),
                            v1.checksum());
                    h.execute("INSERT INTO users (id, name, created_at, last_login) VALUES ('u', 'U', ?, ?)", now, now);
                    for (String board : List.of("one", "two")) {
                        h.execute("INSERT INTO projects (id, slug, name, description, created_at) VALUES (?, ?, ?, '', ?)",
                                board + "-id", board, board, now);
                    }
                    int n = 0;
                    for (String[] post : new String[][] {{"one", "Library upgrade"}, {"one", "Dark mode"},
                            {"two", "Library docs"}, {"two", "Libraries list"}}) {
                        n++;
                        h.execute("INSERT INTO posts (id, project_id, title, description, created_by, created_at, "
                                + "updated_at) VALUES (?, ?, ?, 'Café', 'u', ?, ?)", "p" + n, post[0] + "-id", post[1],
                                now, now);
                    }
                    return null;
                });
            } finally {
                db.close();
            }
            try (RunguStore store = RunguStore.open(c -> c.url = fresh.url())) {
                Board board = store.board();
                assertThat(search(board, "one", "librar")).containsExactly("Library upgrade");
                assertThat(search(board, "two", "librar")).containsExactlyInAnyOrder("Library docs", "Libraries list");
                assertThat(search(board, "two", "cafe")).hasSize(2);
                assertThat(search(board, "one", "dark")).containsExactly("Dark mode");
                assertThat(search(board, "two", "dark")).isEmpty();
            }
        }
    }

    private static List<String> search(Board board, String slug, String text) {
        return board.listPosts(Actor.anonymous(), slug, new PostQuery(null, null, null, text, PageRequest.FIRST))
                .items().stream().map(v -> v.post().title()).toList();
    }
}
