package io.rungu.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rungu.model.Actor;
import io.rungu.model.CommentView;
import io.rungu.model.PageRequest;
import io.rungu.model.PostQuery;
import io.rungu.model.PostSort;
import io.rungu.model.PostStatus;
import io.rungu.model.PostView;
import io.rungu.model.ProviderIdentity;
import io.rungu.model.TimelineItem;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Moving in: Fider's backup and a CSV of posts become a Rungu board, on SQLite and PostgreSQL. */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class ForeignImportTest {
    @Parameter
    TestDatabase database;
    @TempDir
    Path dir;

    @Test
    void a_fider_backup_reproduces_its_posts_votes_comments_and_statuses() throws Exception {
        Path zip = fiderBackup();
        try (TestStores t = TestStores.open(database, dir)) {
            // Victor has an account here already: the import gives his posts and votes to it.
            String victor = t.store().accounts().signIn(new ProviderIdentity("github", "v", "victor@example.com", true,
                    "Victor Here", null), List.of()).id();
            BoardArchive.ImportOptions options = new BoardArchive.ImportOptions();
            options.intoProject = "acme";

            BoardArchive.importFider(t.store(), zip, options);

            Actor anyone = Actor.anonymous();
            assertThat(t.board().getProject(anyone, "acme").name()).isEqualTo("Acme Feedback");
            List<PostView> posts = t.board().listPosts(anyone, "acme",
                    new PostQuery(PostSort.OLDEST, null, null, null, PageRequest.FIRST)).items();
            assertThat(posts).extracting(p -> p.post().title())
                    .containsExactly("Dark mode", "Export to CSV", "Crash on login", "Dark theme please");
            assertThat(posts).extracting(p -> p.post().status()).containsExactly(PostStatus.PLANNED, PostStatus.DONE,
                    PostStatus.OPEN, PostStatus.DECLINED);
            assertThat(posts).extracting(p -> p.post().voteCount()).containsExactly(3L, 1L, 0L, 0L);
            assertThat(posts).extracting(p -> p.post().commentCount()).containsExactly(2L, 0L, 1L, 0L);
            PostView dark = posts.get(0);
            assertThat(dark.post().description()).isEqualTo("Please add a **dark** theme.");
            assertThat(dark.post().createdBy()).isEqualTo(victor);
            assertThat(dark.creator().name()).isEqualTo("Victor Here");
            assertThat(dark.response().text()).isEqualTo("On the roadmap for Q3");
            assertThat(dark.response().author().name()).isEqualTo("Olivia Owner");
            assertThat(dark.post().createdAt()).isEqualTo(java.time.Instant.parse("2024-03-02T10:20:00Z"));
            List<CommentView> comments = t.board().listComments(anyone, dark.post().id(), PageRequest.FIRST).items();
            assertThat(comments).extracting(c -> c.comment().content()).containsExactly("+1, my eyes hurt", "Which platforms?");
            assertThat(comments.get(1).comment().editedAt()).isNotNull();
            List<TimelineItem> timeline = t.board().timeline(anyone, posts.get(1).post().id(), PageRequest.FIRST).items();
            assertThat(timeline).hasSize(1);
            assertThat(t.board().changelog(anyone, "acme", null).items()).extracting(p -> p.post().title())
                    .containsExactly("Export to CSV");
            assertThat(t.board().stats(anyone, "acme").totalVotes()).isEqualTo(4);
            assertThat(t.number("SELECT count(*) FROM users WHERE email = 'olivia@acme.example' AND role = 'admin'"))
                    .isEqualTo(1);
        }
    }

    @Test
    void a_canny_export_reproduces_its_posts_votes_comments_and_statuses() throws Exception {
        try (TestStores t = TestStores.open(database, dir)) {
            // Victor has an account here already: the import gives his post and votes to it.
            String victor = t.store().accounts().signIn(new ProviderIdentity("github", "v", "victor@example.com", true,
                    "Victor Here", null), List.of()).id();
            BoardArchive.ImportOptions options = new BoardArchive.ImportOptions();
            options.intoProject = "acme";

            BoardArchive.Summary summary = BoardArchive.importCanny(t.store(), resource("import/canny"), options);

            assertThat(summary.records()).containsEntry("posts", 5L).containsEntry("votes", 5L)
                    .containsEntry("comments", 3L).containsEntry("status_changes", 3L);
            Actor anyone = Actor.anonymous();
            assertThat(t.board().getProject(anyone, "acme").name()).isEqualTo("Acme Feedback");
            List<PostView> posts = t.board().listPosts(anyone, "acme",
                    new PostQuery(PostSort.OLDEST, null, null, null, PageRequest.FIRST)).items();
            assertThat(posts).extracting(p -> p.post().title()).containsExactly("Dark mode", "Export to CSV",
                    "Crash on login", "Dark theme please", "Slack integration");
            assertThat(posts).extracting(p -> p.post().status().slug())
                    .containsExactly("planned", "done", "under_review", "declined", "needs-design");
            assertThat(posts).extracting(p -> p.post().voteCount()).containsExactly(3L, 1L, 0L, 0L, 1L);
            assertThat(posts).extracting(p -> p.post().commentCount()).containsExactly(2L, 0L, 0L, 0L, 0L);
            assertThat(posts).extracting(p -> p.post().category().slug())
                    .containsExactly("appearance", "feedback", "feedback", "feedback", "integrations");
            assertThat(posts).extracting(p -> p.creator().name())
                    .containsExactly("Victor Here", "Pat", "Sam", "Deleted user", "Pat");

            PostView dark = posts.get(0);
            assertThat(dark.post().createdBy()).isEqualTo(victor);
            assertThat(dark.post().createdAt()).isEqualTo(java.time.Instant.parse("2024-03-02T10:20:00Z"));
            assertThat(dark.post().description())
                    .isEqualTo("Please add a **dark** theme.\n\n![](https://canny-assets.example/dark.png)");
            assertThat(dark.post().tags()).containsExactly("ui");
            assertThat(dark.response().text()).isEqualTo("On the roadmap for Q3");
            assertThat(dark.response().author().name()).isEqualTo("Olivia Owner");
            List<CommentView> comments = t.board().listComments(anyone, dark.post().id(), PageRequest.FIRST).items();
            assertThat(comments).extracting(c -> c.comment().content()).containsExactly("+1, my eyes hurt",
                    "Which platforms?");
            assertThat(comments.get(1).comment().parentId()).isEqualTo(comments.get(0).comment().id());

            Actor admin = Actor.of(t.strings("SELECT id FROM users WHERE email = 'olivia@acme.example'").get(0),
                    io.rungu.model.Role.ADMIN);
            List<CommentView> notes = t.board().listComments(admin, posts.get(2).post().id(), PageRequest.FIRST).items();
            assertThat(notes).extracting(c -> c.comment().internal()).containsExactly(true);
            assertThat(notes.get(0).comment().content()).startsWith("Reproduced on iOS 17");

            List<TimelineItem> timeline = t.board().timeline(anyone, posts.get(1).post().id(), PageRequest.FIRST).items();
            assertThat(timeline).hasSize(2);
            assertThat(posts.get(1).response().text()).isEqualTo("Shipped in 2.3");
            assertThat(t.board().changelog(anyone, "acme", null).items()).extracting(p -> p.post().title())
                    .containsExactly("Export to CSV");
            assertThat(t.board().definitions(anyone, "acme").statuses()).extracting(s -> s.slug() + ":" + s.name()
                    + ":" + s.kind().wire()).containsExactly("open:Open:open", "under_review:Under review:open",
                    "planned:Planned:active", "in_progress:In progress:active", "done:Complete:done",
                    "declined:Closed:closed", "needs-design:Needs design:active");
            assertThat(t.number("SELECT count(*) FROM users WHERE email = 'olivia@acme.example' AND role = 'admin'"))
                    .isEqualTo(1);
            assertThat(t.strings("SELECT type FROM outbox")).containsExactly("PROJECT_IMPORTED");

            // Into a board that exists, its own statuses stay: a status it lacks becomes its first of the same kind,
            // a category it lacks its first category.
            t.board().createProject(admin, new io.rungu.model.NewProject("Ideas", "ideas", ""));
            BoardArchive.ImportOptions into = new BoardArchive.ImportOptions();
            into.intoProject = "ideas";
            BoardArchive.importCanny(t.store(), resource("import/canny"), into);
            assertThat(t.board().listPosts(anyone, "ideas", new PostQuery(PostSort.OLDEST, null, null, null,
                    PageRequest.FIRST)).items()).extracting(p -> p.post().status().slug() + " "
                            + p.post().category().slug() + " " + p.post().voteCount())
                    .containsExactly("planned feedback 3", "done feedback 1", "open feedback 0", "declined feedback 0",
                            "planned feedback 1");
            assertThat(t.board().definitions(anyone, "ideas").statuses()).extracting(s -> s.slug())
                    .containsExactly("open", "planned", "in_progress", "done", "declined");

            // A path that is not there is named in the error.
            assertThatThrownBy(() -> BoardArchive.importCanny(t.store(), dir.resolve("missing"), options))
                    .hasMessageContaining("missing");
        }
    }

    @Test
    void a_csv_with_a_column_mapping_becomes_posts_with_their_authors_and_statuses() throws Exception {
        Path csv = resource("import/posts.csv");
        try (TestStores t = TestStores.open(database, dir)) {
            BoardArchive.ImportOptions options = new BoardArchive.ImportOptions();
            options.intoProject = "ideas";
            BoardArchive.importCsv(t.store(), csv, Map.of("description", "Details", "category", "Type",
                    "author_email", "Email", "author_name", "Name", "created_at", "Created"), options);

            List<PostView> posts = t.board().listPosts(Actor.anonymous(), "ideas",
                    new PostQuery(PostSort.OLDEST, null, null, null, PageRequest.FIRST)).items();
            assertThat(posts).extracting(p -> p.post().title())
                    .containsExactly("Dark mode", "=HYPERLINK(\"x\")", "Offline sync");
            assertThat(posts).extracting(p -> p.post().status())
                    .containsExactly(PostStatus.PLANNED, PostStatus.DONE, PostStatus.IN_PROGRESS);
            assertThat(posts.get(0).post().description()).isEqualTo("Please, a dark theme\nfor the night");
            assertThat(posts.get(2).post().description()).isEqualTo("Quotes \"inside\"");
            assertThat(posts.get(0).creator().name()).isEqualTo("Ada");
            assertThat(posts.get(2).post().createdBy()).as("one author, matched by email in any case")
                    .isEqualTo(posts.get(0).post().createdBy());
            assertThat(posts.get(1).creator().name()).isEqualTo("Imported");

            assertThatThrownBy(() -> BoardArchive.importCsv(t.store(), csv, Map.of("title", "Headline"), options))
                    .hasMessageContaining("no column 'Headline'").hasMessageContaining("Title, Details");
            assertThatThrownBy(() -> BoardArchive.importCsv(t.store(), csv, Map.of("votes", "Votes"), options))
                    .hasMessageContaining("Unknown field 'votes'");
            BoardArchive.ImportOptions noBoard = new BoardArchive.ImportOptions();
            assertThatThrownBy(() -> BoardArchive.importCsv(t.store(), csv, Map.of(), noBoard))
                    .hasMessageContaining("--into-project");
        }
    }

    private Path fiderBackup() throws IOException, URISyntaxException {
        Path zip = dir.resolve("backup.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (String table : List.of("tenants", "users", "posts", "post_votes", "comments")) {
                out.putNextEntry(new ZipEntry(table + ".json"));
                Files.copy(resource("import/fider/" + table + ".json"), out);
                out.closeEntry();
            }
        }
        return zip;
    }

    static Path resource(String name) throws URISyntaxException {
        return Path.of(ForeignImportTest.class.getClassLoader().getResource(name).toURI());
    }
}
