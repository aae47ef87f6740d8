package io.rungu.store.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.rungu.model.Actor;
import io.rungu.model.ErrorCode;
import io.rungu.model.NewComment;
import io.rungu.model.NewPost;
import io.rungu.model.NewProject;
import io.rungu.model.PageRequest;
import io.rungu.model.ProviderIdentity;
import io.rungu.model.Role;
import io.rungu.model.RunguException;
import io.rungu.model.TokenScope;
import io.rungu.model.User;
import io.rungu.store.Accounts;
import io.rungu.store.Board;
import io.rungu.store.OnEachDatabase;
import io.rungu.store.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Erasing an account (GDPR): what stays, what goes, exact counts, and no trace of the email in SQLite's files. */
class DeleteUserTest extends OnEachDatabase {
    static final String EMAIL = "erase-me-7f3a9c@example.com";
    static final String NAME = "Quinn Erasable-Zq";
    static final String QUINNS_TOKEN_HASH = "ab".repeat(32);

    Accounts accounts;
    Actor.Account admin;
    User quinn;
    Actor.Account asQuinn;
    String post;
    String othersPost;

    @BeforeEach
    void fixture() {
        accounts = t.store().accounts();
        admin = t.admin("Admin");
        quinn = accounts.signIn(new ProviderIdentity("github", "gh-42", EMAIL, true, NAME, "https://a.example/q.png"),
                List.of());
        asQuinn = new Actor.Account(quinn.id(), Role.MEMBER, Actor.Channel.SESSION, TokenScope.WRITE);
        board.createProject(admin, new NewProject("App", "app", ""));
        post = board.createPost(asQuinn, "app", new NewPost("Quinn's idea", "", null)).post().id();
        othersPost = board.createPost(admin, "app", new NewPost("Admin's idea", "", null)).post().id();
        board.toggleVote(asQuinn, post);
        board.toggleVote(asQuinn, othersPost);
        board.toggleVote(admin, othersPost);
        board.addComment(asQuinn, othersPost, new NewComment("I agree", null));
    }

    @Test
    void posts_and_comments_stay_as_deleted_user_and_votes_go_with_exact_counts() {
        long votesBefore = board.stats(Actor.anonymous(), "app").totalVotes();

        board.deleteUser(asQuinn, quinn.id());

        var kept = board.getPost(Actor.anonymous(), post);
        assertThat(kept.creator().name()).isEqualTo(Board.DELETED_USER_NAME);
        assertThat(kept.creator().avatarUrl()).isNullOrEmpty();
        assertThat(kept.post().createdBy()).as("the id stays").isEqualTo(quinn.id());
        assertThat(kept.post().voteCount()).isZero();
        assertThat(board.getPost(Actor.anonymous(), othersPost).post().voteCount()).isEqualTo(1);
        assertThat(board.stats(Actor.anonymous(), "app").totalVotes()).isEqualTo(votesBefore - 2);
        var comment = board.listComments(Actor.anonymous(), othersPost, PageRequest.FIRST).items().get(0);
        assertThat(comment.creator().name()).isEqualTo(Board.DELETED_USER_NAME);
        assertThat(comment.comment().content()).isEqualTo("I agree");
        assertThat(t.number("SELECT count(*) FROM votes WHERE user_id = '" + quinn.id() + "'")).isZero();
    }

    @Test
    void subscriptions_notification_settings_and_pending_emails_go_and_events_no_longer_name_the_account() {
        board.updateNotificationSettings(asQuinn, false, null);
        accounts.createEmailSignInLink("f".repeat(64), quinn.email(), t.clock().instant().plus(Duration.ofMinutes(15)));
        assertThat(board.isSubscribed(asQuinn, othersPost)).as("a commenter follows the post").isTrue();
        String id = "'" + quinn.id() + "'";
        assertThat(t.number("SELECT count(*) FROM outbox WHERE actor_id = " + id)).isPositive();

        board.deleteUser(admin, quinn.id());

        for (String table : List.of("post_subscriptions", "project_subscriptions", "notification_settings",
                "notifications")) {
            assertThat(t.number("SELECT count(*) FROM " + table + " WHERE user_id = " + id)).as(table).isZero();
        }
        assertThat(t.number("SELECT count(*) FROM outbox WHERE actor_id = " + id)).isZero();
        assertThat(t.number("SELECT count(*) FROM outbox")).as("the events themselves stay").isPositive();
        assertThat(t.number("SELECT count(*) FROM email_sign_in_links")).as("a mailed link cannot remake it").isZero();
    }

    @Test
    void sessions_tokens_and_identities_go_and_the_account_leaves_the_user_list() {
        String session = accounts.createSession(quinn.id(), Duration.ofHours(1));
        accounts.createTokenFor(quinn.id(), "script", TokenScope.WRITE, "rgu_abc", QUINNS_TOKEN_HASH);

        board.deleteUser(admin, quinn.id());

        assertThat(accounts.findSession(session)).isEmpty();
        assertThat(accounts.useToken(QUINNS_TOKEN_HASH)).isEmpty();
        assertThat(accounts.findUserByEmail(EMAIL)).isEmpty();
        assertThat(t.number("SELECT count(*) FROM user_identities WHERE user_id = '" + quinn.id() + "'")).isZero();
        assertThat(board.listUsers(admin, PageRequest.FIRST).items()).extracting(User::id).doesNotContain(quinn.id());
        assertThat(board.listUsers(admin, PageRequest.FIRST).total()).isEqualTo(1);
        User signedInAgain = accounts.signIn(new ProviderIdentity("github", "gh-42", EMAIL, true, NAME, null), List.of());
        assertThat(signedInAgain.id()).as("a new account, not the erased one").isNotEqualTo(quinn.id());

        assertThatThrownBy(() -> board.deleteUser(admin, quinn.id())).hasMessage("User not found");
        assertThatThrownBy(() -> board.setRole(admin, quinn.id(), Role.ADMIN)).as("an erased account is never promoted")
                .hasMessage("User not found");
    }

    @Test
    void only_the_user_or_an_admin_may_erase_and_never_the_last_admin() {
        Actor.Account other = t.member("Other");
        assertThatThrownBy(() -> board.deleteUser(other, quinn.id()))
                .isInstanceOfSatisfying(RunguException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN));
        assertThatThrownBy(() -> board.deleteUser(Actor.anonymous(), quinn.id()))
                .isInstanceOfSatisfying(RunguException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHENTICATED));
        assertThatThrownBy(() -> board.deleteUser(new Actor.Account(quinn.id(), Role.MEMBER, Actor.Channel.API_TOKEN,
                TokenScope.READ), quinn.id())).hasMessage(RunguException.READ_ONLY_MESSAGE);
        assertThatThrownBy(() -> board.deleteUser(admin, "no-such-user")).hasMessage("User not found");
        assertThatThrownBy(() -> board.deleteUser(admin, admin.userId()))
                .isInstanceOfSatisfying(RunguException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT))
                .hasMessage("The last admin cannot be deleted; promote another admin first");

        t.admin("Second admin");
        board.deleteUser(admin, admin.userId());
        assertThat(accounts.findUser(admin.userId()).orElseThrow().role()).isEqualTo(Role.MEMBER);
    }

    @Test
    void the_email_and_name_are_nowhere_in_the_sqlite_files_free_pages_and_wal_included() throws Exception {
        assumeTrue(database == TestDatabase.SQLITE);
        // Enough rows after Quinn's to split and move the pages that hold Quinn's rows.
        for (int i = 0; i < 300; i++) {
            accounts.ensureUser("filler-" + i + "@example.com", "Filler " + i, Role.MEMBER);
        }
        accounts.createSession(quinn.id(), Duration.ofHours(1));
        assertThat(filesContain(EMAIL)).as("the test can see the email before").isTrue();

        board.deleteUser(admin, quinn.id());

        assertThat(filesContain(EMAIL)).isFalse();
        assertThat(filesContain(NAME)).isFalse();
        assertThat(filesContain("gh-42")).as("the provider identity").isFalse();
    }

    private boolean filesContain(String text) throws Exception {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("rungu.db")).toList()) {
                if (indexOf(Files.readAllBytes(file), needle) >= 0) {
                    return true;
                }
            }
        }
        return false;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
