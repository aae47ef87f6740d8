package io.rungu.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rungu.model.Actor;
import io.rungu.model.NewAttachment;
import io.rungu.model.NewComment;
import io.rungu.model.NewPost;
import io.rungu.model.NewProject;
import io.rungu.model.PostCategory;
import io.rungu.model.PostEdit;
import io.rungu.model.PostQuery;
import io.rungu.model.PostStatus;
import io.rungu.model.PostView;
import io.rungu.model.ProviderIdentity;
import io.rungu.model.Role;
import io.rungu.model.TokenScope;
import io.rungu.model.User;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataTransferTest {
    @TempDir
    Path dir;

    private static final byte[] PNG = TestImages.png();

    @Test
    void a_board_survives_sqlite_to_postgres_to_sqlite_row_for_row() {
        try (TestStores source = TestStores.open(TestDatabase.SQLITE, dir.resolve("a"));
             TestStores middle = TestStores.open(TestDatabase.POSTGRES, dir);
             TestStores back = TestStores.open(TestDatabase.SQLITE, dir.resolve("b"))) {
            fill(source);
            List<String> progress = new ArrayList<>();

            Map<String, Long> there = DataTransfer.copy(source.store(), middle.store(), false,
                    (table, done, total) -> progress.add(table + " " + done + "/" + total));
            Map<String, Long> home = DataTransfer.copy(middle.store(), back.store(), false, null);

            for (DataTransfer.Table table : DataTransfer.TABLES) {
                List<List<Object>> original = rows(source, table);
                assertThat(original).as(table.name() + " has rows to compare").isNotEmpty();
                assertThat(rows(middle, table)).as(table.name() + " in PostgreSQL").isEqualTo(original);
                assertThat(rows(back, table)).as(table.name() + " back in SQLite").isEqualTo(original);
            }
            assertThat(there).isEqualTo(home);
            assertThat(there.get("posts")).isEqualTo(source.number("SELECT count(*) FROM posts"));
            assertThat(progress).contains("posts 0/" + there.get("posts"), "posts " + there.get("posts") + "/" + there.get("posts"));
            String countsSql = "SELECT project_id || ':' || status || ':' || category || '=' || posts FROM project_post_counts "
                    + "WHERE posts > 0 ORDER BY 1";
            List<String> counts = strings(source, countsSql);
            assertThat(counts).isNotEmpty();
            assertThat(strings(middle, countsSql)).isEqualTo(counts);
            assertThat(strings(back, countsSql)).isEqualTo(counts);
            for (TestStores store : List.of(middle, back)) {
                assertThat(store.board().listPosts(Actor.anonymous(), "moving-day",
                                new PostQuery(null, null, null, "dark-mod", null)).items())
                        .extracting(v -> v.post().title()).containsExactly("Dark mode, please!");
            }
        }
    }

    @Test
    void new_posts_in_the_target_get_fresh_keys_after_a_copy() {
        try (TestStores source = TestStores.open(TestDatabase.SQLITE, dir);
             TestStores target = TestStores.open(TestDatabase.POSTGRES, dir)) {
            fill(source);
            DataTransfer.copy(source.store(), target.store(), false, null);
            Actor.Account admin = Actor.of(target.sql(h -> h.createQuery(
                    "SELECT id FROM users WHERE role = 'admin' ORDER BY id LIMIT 1").mapTo(String.class).one()), Role.ADMIN);

            PostView created = target.board().createPost(admin, "moving-day", new NewPost("After the move", "", null));

            assertThat(target.number("SELECT count(*) FROM posts")).isEqualTo(source.number("SELECT count(*) FROM posts") + 1);
            assertThat(target.board().getPost(admin, created.post().id()).post().title()).isEqualTo("After the move");
        }
    }

    @Test
    void a_non_empty_target_is_refused_unless_it_may_be_replaced() {
        try (TestStores source = TestStores.open(TestDatabase.SQLITE, dir.resolve("a"));
             TestStores target = TestStores.open(TestDatabase.SQLITE, dir.resolve("b"))) {
            fill(source);
            Actor.Account stranger = target.admin("Somebody Else");
            target.board().createProject(stranger, new NewProject("Old board", null, ""));

            assertThatThrownBy(() -> DataTransfer.copy(source.store(), target.store(), false, null))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("not empty")
                    .hasMessageContaining("users").hasMessageContaining("projects");
            assertThat(target.number("SELECT count(*) FROM projects")).isEqualTo(1);

            DataTransfer.copy(source.store(), target.store(), true, null);

            assertThat(target.number("SELECT count(*) FROM users WHERE id = '" + stranger.userId() + "'")).isZero();
            for (DataTransfer.Table table : DataTransfer.TABLES) {
                assertThat(rows(target, table)).as(table.name()).isEqualTo(rows(source, table));
            }
        }
    }

    @Test
    void the_copied_tables_are_every_table_of_both_schemas_except_derived_ones() {
        Set<String> derived = Set.of("rungu_schema_migrations", "project_post_counts", "post_search",
                "outbox", "event_consumers", "notifications", "notification_events", "search_postings",
                "search_phrase_counts", "search_postings_builds", "search_postings_changed");
        Set<String> copied = new HashSet<>();
        DataTransfer.TABLES.forEach(t -> copied.add(t.name()));
        try (TestStores sqlite = TestStores.open(TestDatabase.SQLITE, dir);
             TestStores postgres = TestStores.open(TestDatabase.POSTGRES, dir)) {
            Set<String> sqliteTables = new HashSet<>(sqlite.sql(h -> h.createQuery("SELECT name FROM sqlite_master "
                    + "WHERE type = 'table' AND name NOT LIKE 'sqlite%' AND name NOT LIKE 'posts_fts%'").mapTo(String.class).list()));
            Set<String> postgresTables = new HashSet<>(postgres.sql(h -> h.createQuery("SELECT table_name FROM "
                    + "information_schema.tables WHERE table_schema = current_schema()").mapTo(String.class).list()));
            sqliteTables.removeAll(derived);
            postgresTables.removeAll(derived);

            assertThat(sqliteTables).isEqualTo(copied);
            assertThat(postgresTables).isEqualTo(copied);
        }
    }

    @Test
    void a_backup_of_a_live_sqlite_store_is_a_consistent_store_of_its_own() throws Exception {
        try (TestStores live = TestStores.open(TestDatabase.SQLITE, dir.resolve("live"))) {
            fill(live);
            Actor.Account writer = live.member("Busy Writer");
            String postId = live.board().listPosts(writer, "moving-day", null).items().get(0).post().id();
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong toggles = new AtomicLong();
            Thread busy = new Thread(() -> {
                while (!stop.get()) {
                    live.board().toggleVote(writer, postId);
                    toggles.incrementAndGet();
                }
            });
            busy.start();
            Path file = dir.resolve("backup").resolve("rungu-backup.db");
            Files.createDirectories(file.getParent());
            try {
                while (toggles.get() < 20) {
                    Thread.onSpinWait();
                }
                DataTransfer.backup(live.store(), file);
            } finally {
                stop.set(true);
                busy.join();
            }

            assertThat(toggles.get()).isGreaterThan(20);
            try (RunguStore copy = RunguStore.open(c -> c.url = "jdbc:sqlite:" + file)) {
                long votes = copy.database().read(h -> h.createQuery("SELECT count(*) FROM votes").mapTo(Long.class).one());
                long counted = copy.database().read(h -> h.createQuery("SELECT coalesce(sum(vote_count), 0) FROM posts")
                        .mapTo(Long.class).one());
                assertThat(counted).isEqualTo(votes);
                assertThat(copy.board().listProjects(Actor.anonymous(), io.rungu.model.PageRequest.FIRST).items())
                        .extracting(p -> p.slug()).contains("moving-day");
            }
            assertThatThrownBy(() -> DataTransfer.backup(live.store(), file)).hasMessageContaining("already exists");
        }
    }

    @Test
    void postgres_backups_are_left_to_pg_dump() {
        try (TestStores postgres = TestStores.open(TestDatabase.POSTGRES, dir)) {
            assertThatThrownBy(() -> DataTransfer.backup(postgres.store(), dir.resolve("x.db")))
                    .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("pg_dump");
        }
    }

    /** Every kind of row, with NULLs, Unicode, a thread of replies made in the same microsecond, and bytes. */
    private static byte[] sha256(String s) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(s.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void fill(TestStores t) {
        Accounts accounts = t.store().accounts();
        Board board = t.board();
        User ada = accounts.signIn(new ProviderIdentity("github", "1", "ada@example.com", true, "Ada Lövelace", "https://a/1.png"),
                List.of("ada@example.com"));
        accounts.signIn(new ProviderIdentity("google", "g-1", "ada@example.com", true, "Ada", ""), List.of());
        User bob = accounts.ensureUser("bob@example.com", "Bob 🐢", Role.MEMBER);
        Actor.Account admin = Actor.of(ada.id(), Role.ADMIN);
        Actor.Account member = Actor.of(bob.id(), Role.MEMBER);
        String session = accounts.createSession(bob.id(), Duration.ofDays(7));
        accounts.createSession(ada.id(), Duration.ofDays(7));
        accounts.revokeSession(session);
        t.board().updateNotificationSettings(member, new io.rungu.model.NotificationSettingsEdit(null, false, true, false));
        accounts.createSignInLink("a".repeat(64), bob.id(), t.clock().instant().plus(Duration.ofMinutes(15)));
        accounts.createEmailSignInLink("e".repeat(64), "newcomer@example.com", t.clock().instant().plus(Duration.ofMinutes(15)));
        accounts.saveLoginFlow(new Accounts.LoginFlow("b".repeat(64), "github", "verifier", "nonce", null,
                t.clock().instant().plus(Duration.ofMinutes(10))));
        accounts.createToken(admin, "ci", TokenScope.WRITE, "rg_abc", "c".repeat(64));
        var revoked = accounts.createToken(member, "old", TokenScope.READ, "rg_def", "d".repeat(64));
        accounts.revokeToken(member, revoked.id());
        // An MCP client authorized through OAuth: a client, an exchanged code, a grant with its tokens, a pending code.
        OAuthGrants oauth = t.store().oauth();
        var client = oauth.register("Agent", List.of("http://127.0.0.1:9/cb"));
        String verifier = "v".repeat(43);
        String challenge = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(verifier));
        var request = new OAuthGrants.AuthorizationRequest(client.id(), "http://127.0.0.1:9/cb", challenge, "S256",
                "read write", null);
        oauth.exchange(oauth.approve(admin, request, "https://feedback.example.com/mcp"), client.id(),
                "http://127.0.0.1:9/cb", verifier, null);
        oauth.approve(member, request, "https://feedback.example.com/mcp");

        board.createProject(admin, new NewProject("Moving day", null, "Ünïcode — \"quotes\" 'and' <tags>"));
        board.createProject(admin, new NewProject("Second board", null, ""));
        board.subscribeProject(admin, board.listProjects(admin, null).items().get(0).slug());
        PostView dark = board.createPost(member, "moving-day", new NewPost("Dark mode, please!", "My eyes 👀; e-mail me", PostCategory.FEATURE));
        t.clock().advance(Duration.ofNanos(1_234_567));
        PostView bug = board.createPost(admin, "moving-day", new NewPost("Crash on save", "Stack: a/b/c.java:12", PostCategory.BUG));
        PostView shipped = board.createPost(member, "second-board", new NewPost("Export CSV", "", PostCategory.FEEDBACK));
        board.editPost(admin, shipped.post().id(), new PostEdit(null, null, null, PostStatus.DONE, "Shipped in **2.3** ✓"));
        board.editPost(admin, bug.post().id(), new PostEdit(null, null, null, PostStatus.PLANNED));
        board.toggleVote(member, dark.post().id());
        board.toggleVote(admin, dark.post().id());
        board.createTag(admin, "moving-day", new io.rungu.model.NewTag(null, "Mobile", "#123456"));
        board.setPostTags(admin, dark.post().id(), List.of("mobile"));
        board.createStatus(admin, "moving-day", new io.rungu.model.NewStatus("shipped-beta", "Beta", null, null, 3));
        board.editPost(admin, bug.post().id(), PostEdit.status(new PostStatus("shipped-beta")));
        board.toggleVote(admin, bug.post().id());
        var root = board.addComment(member, dark.post().id(), new NewComment("First!", null));
        var reply = board.addComment(admin, dark.post().id(), new NewComment("Reply", root.comment().id()));
        board.addComment(member, dark.post().id(), new NewComment("Reply to the reply", reply.comment().id()));
        board.editComment(member, root.comment().id(), "First! (edited)");
        board.addComment(member, bug.post().id(), new NewComment("Me too", null));
        board.addAttachment(member, dark.post().id(), new NewAttachment("mock.png", "image/png", PNG));
        // Curation (issue 13): a merged duplicate, a pinned and locked post, an internal note, a blocked member.
        Actor.Account carol = Actor.of(accounts.ensureUser("carol@example.com", "Carol", Role.MEMBER).id(), Role.MEMBER);
        PostView dup = board.createPost(carol, "second-board", new NewPost("Dark theme", "", PostCategory.FEATURE));
        board.toggleVote(carol, dup.post().id());
        board.toggleVote(admin, dup.post().id());
        board.addComment(carol, dup.post().id(), new NewComment("Same as dark mode", null));
        board.mergePost(admin, dup.post().id(), dark.post().id());
        board.editPost(admin, bug.post().id(), PostEdit.moderation(true, true));
        board.addComment(admin, bug.post().id(), new NewComment("Internal: known since 2.1", null, true));
        board.setBlocked(admin, carol.userId(), true);
        // Private boards and moderation: a members board with a member, a hidden post and a hidden comment.
        board.updateProject(admin, "second-board", new io.rungu.model.ProjectEdit(null, null,
                io.rungu.model.BoardVisibility.MEMBERS, io.rungu.model.Moderation.NEW_POSTS));
        board.addProjectMember(admin, "second-board", bob.id());
        board.hidePost(admin, shipped.post().id());
        board.hideComment(admin, reply.comment().id());
        // Webhooks (issue 14): an endpoint with a delivered test message and its log (an IP literal: no DNS).
        String hook = board.webhooks().create(admin, new io.rungu.model.NewWebhook("https://93.184.216.34/hook",
                List.of("post.created"), "second-board")).webhook().id();
        board.webhooks().sendTest(admin, hook);
        io.rungu.model.WebhookMessage message = t.store().webhookQueue().claimDue(10, Duration.ofMinutes(1)).get(0);
        t.store().webhookQueue().retryAt(message, new io.rungu.model.WebhookOutcome(t.clock().instant(), 503, null,
                12, "busy"), t.clock().instant());
        t.clock().advance(Duration.ofSeconds(1));
    }

    static List<String> strings(TestStores t, String sql) {
        return t.sql(h -> h.createQuery(sql).mapTo(String.class).list());
    }

    /** Every row of a table as plain values (bytes as lists), in a fixed order. */
    static List<List<Object>> rows(TestStores t, DataTransfer.Table table) {
        return t.sql(h -> h.createQuery(table.select()).map((rs, ctx) -> {
            List<Object> row = new ArrayList<>();
            for (Object value : table.read(rs)) {
                row.add(value instanceof byte[] b ? Arrays.toString(b) : value);
            }
            return row;
        }).list());
    }

}
