package io.rungu.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rungu.model.Actor;
import io.rungu.model.ErrorCode;
import io.rungu.model.PageRequest;
import io.rungu.model.PostQuery;
import io.rungu.model.PostView;
import io.rungu.model.RunguException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The portable archive: lossless across databases, streamed, and careful with what is already there. */
class BoardArchiveTest {
    @TempDir
    Path dir;

    @Test
    void sqlite_to_postgres_to_sqlite_gives_the_same_archive_apart_from_its_time() {
        try (TestStores source = TestStores.open(TestDatabase.SQLITE, dir.resolve("a"));
             TestStores middle = TestStores.open(TestDatabase.POSTGRES, dir);
             TestStores back = TestStores.open(TestDatabase.SQLITE, dir.resolve("b"))) {
            DataTransferTest.fill(source);
            List<String> progress = new ArrayList<>();
            BoardArchive.ExportOptions options = BoardArchive.ExportOptions.allBoards();
            options.progress = (section, done, total) -> progress.add(section + " " + done + "/" + total);

            byte[] first = export(source, options);
            BoardArchive.Summary there = importInto(middle, first, new BoardArchive.ImportOptions());
            middle.clock().advance(java.time.Duration.ofHours(1));
            byte[] second = export(middle, BoardArchive.ExportOptions.allBoards());
            importInto(back, second, new BoardArchive.ImportOptions());
            byte[] third = export(back, BoardArchive.ExportOptions.allBoards());

            String original = withoutTime(first);
            assertThat(withoutTime(second)).isEqualTo(original);
            assertThat(withoutTime(third)).isEqualTo(original);
            assertThat(text(second)).isNotEqualTo(text(first)).as("only the export time differs");
            for (String section : List.of("users", "identities", "projects", "posts", "votes", "comments",
                    "status_changes", "attachments", "post_subscriptions", "project_subscriptions",
                    "notification_settings", "merges", "post_merges", "merged_votes", "merged_subscriptions",
                    "audit_log")) {
                assertThat(there.records().get(section)).as(section + " has records").isPositive();
            }
            assertThat(progress).contains("posts 0/4", "posts 4/4", "attachments 1/1");
            assertThat(text(first)).doesNotContain("secret_hash", "\"token\":", "c".repeat(64), "d".repeat(64), "verifier")
                    .contains("\"content\":\"");
            assertThat(text(first)).contains("\"format\":\"rungu-archive\",\"version\":2");
            for (TestStores copy : List.of(middle, back)) {
                assertSameThroughTheBoard(source, copy);
            }

            // What a merge moved came along: unmerging the duplicate here restores both posts as it does there.
            Actor.Account admin = Actor.of(source.strings("SELECT id FROM users WHERE email = 'ada@example.com'").get(0),
                    io.rungu.model.Role.ADMIN);
            String duplicate = source.strings("SELECT id FROM posts WHERE merged_into IS NOT NULL").get(0);
            back.clock().advance(java.time.Duration.between(back.clock().instant(), source.clock().instant()));
            source.board().unmergePost(admin, duplicate);
            back.board().unmergePost(admin, duplicate);
            for (String board : List.of("moving-day", "second-board")) {
                List<PostView> posts = source.board().listPosts(admin, board, null).items();
                assertThat(back.board().listPosts(admin, board, null).items()).isEqualTo(posts);
                for (PostView post : posts) {
                    assertThat(back.board().listComments(admin, post.post().id(), PageRequest.FIRST))
                            .isEqualTo(source.board().listComments(admin, post.post().id(), PageRequest.FIRST));
                }
            }
            assertThat(back.strings("SELECT post_id || ' ' || user_id FROM post_subscriptions ORDER BY 1"))
                    .isEqualTo(source.strings("SELECT post_id || ' ' || user_id FROM post_subscriptions ORDER BY 1"));
        }
    }

    @Test
    void an_import_records_one_event_and_audit_entry_per_board_with_its_counts_and_mails_nobody() {
        try (TestStores source = TestStores.open(TestDatabase.SQLITE, dir.resolve("a"));
             TestStores target = TestStores.open(TestDatabase.SQLITE, dir.resolve("b"))) {
            DataTransferTest.fill(source);
            byte[] archive = export(source, BoardArchive.ExportOptions.allBoards());
            BoardArchive.ImportOptions options = new BoardArchive.ImportOptions();
            options.channel = Actor.Channel.CLI;

            importInto(target, archive, options);

            assertThat(target.strings("SELECT type FROM outbox ORDER BY seq"))
                    .containsExactly("PROJECT_IMPORTED", "PROJECT_IMPORTED");
            Actor admin = Actor.of(target.strings("SELECT id FROM users WHERE email = 'ada@example.com'").get(0),
                    io.rungu.model.Role.ADMIN);
            var entries = target.board().auditLog(admin, new io.rungu.model.AuditQuery("moving-day", null,
                    "project.imported", null, PageRequest.FIRST)).items();
            assertThat(entries).hasSize(1);
            var entry = entries.get(0);
            assertThat(entry.actor()).isNull();
            assertThat(entry.channel().wire()).isEqualTo("cli");
            assertThat(entry.target().type()).isEqualTo("project");
            assertThat(entry.changes()).extracting(c -> c.field() + "=" + c.after())
                    .contains("source=rungu", "posts=4", "votes=" + source.number("SELECT count(*) FROM votes"),
                            "audit_log=" + source.number("SELECT count(*) FROM audit_log"));
        }
    }

    private static void assertSameThroughTheBoard(TestStores source, TestStores copy) {
        // An admin sees every board and post, private, hidden and pinned ones included.
        Actor anyone = Actor.of("archive-reader", io.rungu.model.Role.ADMIN);
        for (String board : List.of("moving-day", "second-board")) {
            assertThat(copy.board().stats(anyone, board)).isEqualTo(source.board().stats(anyone, board));
            List<PostView> posts = source.board().listPosts(anyone, board, null).items();
            assertThat(copy.board().listPosts(anyone, board, null).items()).isEqualTo(posts);
            assertThat(copy.board().definitions(anyone, board)).isEqualTo(source.board().definitions(anyone, board));
            for (PostView post : posts) {
                String id = post.post().id();
                assertThat(copy.board().listComments(anyone, id, PageRequest.FIRST))
                        .isEqualTo(source.board().listComments(anyone, id, PageRequest.FIRST));
                assertThat(copy.board().timeline(anyone, id, PageRequest.FIRST))
                        .isEqualTo(source.board().timeline(anyone, id, PageRequest.FIRST));
                var attachments = source.board().listAttachments(anyone, id, PageRequest.FIRST).items();
                assertThat(copy.board().listAttachments(anyone, id, PageRequest.FIRST).items()).isEqualTo(attachments);
                for (var attachment : attachments) {
                    assertThat(copy.board().getAttachment(anyone, attachment.id()).bytes())
                            .isEqualTo(source.board().getAttachment(anyone, attachment.id()).bytes());
                }
            }
        }
        assertThat(copy.board().listPosts(anyone, "moving-day", new PostQuery(null, null, null, "dark-mod", null))
                .items()).extracting(v -> v.post().title()).containsExactly("Dark mode, please!");
        // The audit log came along, entry for entry (its own sequence numbers; the imports add their own entries).
        assertThat(audit(copy, anyone)).isEqualTo(audit(source, anyone)).isNotEmpty();
    }

    private static List<String> audit(TestStores store, Actor admin) {
        List<String> entries = new ArrayList<>();
        for (int page = 1; ; page++) {
            var items = store.board().auditLog(admin, new io.rungu.model.AuditQuery(null, null, null, null,
                    new PageRequest(page, 100))).items();
            items.stream().filter(e -> !e.action().equals("project.imported"))
                    .map(e -> e.at() + " " + (e.actor() == null ? null : e.actor().id() + "/" + e.actor().name()) + " "
                            + e.channel() + " " + e.client() + " " + e.action() + " " + e.target() + " " + e.changes())
                    .forEach(entries::add);
            if (items.size() < 100) {
                return entries;
            }
        }
    }

    @Test
    void a_taken_slug_is_refused_before_anything_is_written_unless_renamed() {
        try (TestStores source = TestStores.open(TestDatabase.SQLITE, dir.resolve("a"));
             TestStores target = TestStores.open(TestDatabase.SQLITE, dir.resolve("b"))) {
            DataTransferTest.fill(source);
            byte[] archive = export(source, BoardArchive.ExportOptions.allBoards());
            importInto(target, archive, new BoardArchive.ImportOptions());
            long users = target.number("SELECT count(*) FROM users");

            assertThatThrownBy(() -> importInto(target, archive, new BoardArchive.ImportOptions()))
                    .isInstanceOfSatisfying(RunguException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT))
                    .hasMessageContaining("'moving-day'").hasMessageContaining("'second-board'")
                    .hasMessageContaining("already exist here").hasMessageContaining("--rename");
            assertThat(target.number("SELECT count(*) FROM posts")).isEqualTo(4);

            BoardArchive.ImportOptions rename = new BoardArchive.ImportOptions();
            rename.rename = true;
            BoardArchive.Summary again = importInto(target, archive, rename);

            assertThat(again.boards()).containsEntry("moving-day", "moving-day-2")
                    .containsEntry("second-board", "second-board-2");
            assertThat(target.number("SELECT count(*) FROM posts")).isEqualTo(8);
            assertThat(target.number("SELECT count(*) FROM users")).as("people matched by email").isEqualTo(users);
            Actor anyone = Actor.anonymous();
            assertThat(target.board().stats(anyone, "moving-day-2")).usingRecursiveComparison().ignoringFields("projectSlug")
                    .isEqualTo(target.board().stats(anyone, "moving-day"));
            PostView copy = target.board().listPosts(anyone, "moving-day-2", null).items().get(0);
            assertThat(target.board().listComments(anyone, copy.post().id(), PageRequest.FIRST).total())
                    .isEqualTo(copy.post().commentCount());
        }
    }

    @Test
    void one_board_joins_an_existing_board_of_another_name() {
        try (TestStores source = TestStores.open(TestDatabase.SQLITE, dir.resolve("a"));
             TestStores target = TestStores.open(TestDatabase.POSTGRES, dir)) {
            DataTransferTest.fill(source);
            BoardArchive.ExportOptions one = new BoardArchive.ExportOptions();
            one.projects = List.of("second-board");
            byte[] archive = export(source, one);
            Actor.Account admin = target.admin("Local Admin");
            target.board().createProject(admin, new io.rungu.model.NewProject("Ideas", "ideas", ""));
            target.board().createPost(admin, "ideas", new io.rungu.model.NewPost("Already here", "", null));

            BoardArchive.ImportOptions into = new BoardArchive.ImportOptions();
            into.intoProject = "ideas";
            importInto(target, archive, into);

            assertThat(target.board().listPosts(Actor.anonymous(), "ideas", null).items())
                    .extracting(v -> v.post().title()).containsExactlyInAnyOrder("Already here", "Dark theme");
            // "Export CSV" was hidden by an admin on its board: it stays hidden where it lands.
            assertThat(target.number("SELECT count(*) FROM posts WHERE title = 'Export CSV' AND state = 'hidden'"))
                    .isEqualTo(1);
            assertThat(text(archive)).contains("Second board").doesNotContain("Moving day", "Dark mode");

            BoardArchive.ImportOptions wrong = new BoardArchive.ImportOptions();
            wrong.intoProject = "ideas";
            byte[] both = export(source, BoardArchive.ExportOptions.allBoards());
            assertThatThrownBy(() -> importInto(target, both, wrong)).hasMessageContaining("holds 2");
        }
    }

    @Test
    void unknown_sections_and_fields_are_ignored_and_other_files_are_refused() {
        try (TestStores target = TestStores.open(TestDatabase.SQLITE, dir)) {
            String future = """
                    {"format": "rungu-archive", "version": 1, "exported_at": "2026-01-01T00:00:00.000000Z",
                     "reactions": [{"id": "t1", "name": "ui", "nested": {"a": [1, 2]}}],
                     "projects": [{"id": "p1", "slug": "later", "name": "Later", "created_at": "2026-01-01T00:00:00Z",
                                   "settings": {"theme": "dark"}}],
                     "users": [{"id": "u1", "email": "Zoe@Example.com", "name": "Zoe", "role": "member",
                                "created_at": "2026-01-01T00:00:00Z", "shoe_size": 42}],
                     "posts": [{"id": "x1", "project_id": "p1", "title": "From the future", "created_by": "u1",
                                "created_at": "2026-01-02T00:00:00Z", "tag_ids": ["t1"]}]}
                    """;
            importInto(target, future.getBytes(StandardCharsets.UTF_8), new BoardArchive.ImportOptions());

            assertThat(target.board().listPosts(Actor.anonymous(), "later", null).items())
                    .extracting(v -> v.post().title()).containsExactly("From the future");
            assertThat(target.strings("SELECT email FROM users")).containsExactly("zoe@example.com");

            assertThatThrownBy(() -> importInto(target, "{\"format\": \"rungu-archive\", \"version\": 9}"
                    .getBytes(StandardCharsets.UTF_8), new BoardArchive.ImportOptions()))
                    .hasMessageContaining("version 9");
            assertThatThrownBy(() -> importInto(target, "[1, 2]".getBytes(StandardCharsets.UTF_8),
                    new BoardArchive.ImportOptions())).hasMessageContaining("Not a Rungu archive");
            assertThatThrownBy(() -> importInto(target, "{\"posts\": []}".getBytes(StandardCharsets.UTF_8),
                    new BoardArchive.ImportOptions())).hasMessageContaining("Not a Rungu archive");
        }
    }

    static byte[] export(TestStores store, BoardArchive.ExportOptions options) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BoardArchive.export(store.store(), out, options);
        return out.toByteArray();
    }

    static BoardArchive.Summary importInto(TestStores store, byte[] archive, BoardArchive.ImportOptions options) {
        return BoardArchive.importFrom(store.store(), new ByteArrayInputStream(archive), options);
    }

    static String text(byte[] archive) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(archive))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String withoutTime(byte[] archive) {
        return ComparableArchive.text(new ByteArrayInputStream(archive));
    }
}
