package io.rungu.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rungu.model.Actor;
import io.rungu.model.ApiToken;
import io.rungu.model.ErrorCode;
import io.rungu.model.Page;
import io.rungu.model.PageRequest;
import io.rungu.model.ProviderIdentity;
import io.rungu.model.Role;
import io.rungu.model.RunguException;
import io.rungu.model.TokenScope;
import io.rungu.model.User;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(TestDatabase.class)
class AccountsTest {
    @Parameter
    TestDatabase database;
    @TempDir
    Path dir;
    private TestDatabase.Fresh db;

    private final TestClock clock = TestClock.fixed(Instant.parse("2026-06-01T10:00:00Z"));
    private RunguStore store;
    private Accounts accounts;

    @BeforeEach
    void open() {
        db = database.create(dir);
        store = RunguStore.open(c -> {
            c.url = db.url();
            c.clock = clock;
        });
        accounts = store.accounts();
    }

    @AfterEach
    void close() {
        store.close();
        db.close();
    }

    private static ProviderIdentity github(String subject, String email, boolean verified) {
        return new ProviderIdentity("github", subject, email, verified, "Ada", "https://avatars/ada.png");
    }

    private static String hash(String secret) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
    }

    /** Changes a role behind the service's back, as an admin's Board.setRole would. */
    /** Changes a role through this store's database, as Board.setRole and sign-in promotions do. */
    private void setRole(String userId, Role role) {
        store.database().writeVoid(h -> h.execute("UPDATE users SET role = ? WHERE id = ?", role.wire(), userId));
    }

    @Test
    void signing_in_creates_a_member_with_a_lower_cased_email() {
        User user = accounts.signIn(github("1", "Ada@Example.COM", true), List.of());

        assertThat(user.email()).isEqualTo("ada@example.com");
        assertThat(user.role()).isEqualTo(Role.MEMBER);
        assertThat(user.name()).isEqualTo("Ada");
        assertThat(accounts.findUserByEmail("ADA@example.com")).contains(user);
    }

    @Test
    void a_second_provider_with_the_same_verified_email_links_to_the_same_user() {
        User first = accounts.signIn(github("1", "ada@example.com", true), List.of());
        User second = accounts.signIn(new ProviderIdentity("google", "g-9", "ADA@example.com", true, "Ada L", null),
                List.of());

        assertThat(second.id()).isEqualTo(first.id());
        assertThat(second.name()).isEqualTo("Ada L");
    }

    @Test
    void an_unverified_email_is_refused_and_never_links() {
        User existing = accounts.signIn(github("1", "ada@example.com", true), List.of());

        assertThatThrownBy(() -> accounts.signIn(
                new ProviderIdentity("google", "g-1", "ada@example.com", false, "Mallory", null), List.of()))
                .isInstanceOfSatisfying(RunguException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN);
                    assertThat(e.getMessage()).contains("verified email");
                });
        assertThat(accounts.findUser(existing.id()).orElseThrow().name()).isEqualTo("Ada");
    }

    @Test
    void a_known_identity_is_found_by_its_subject_before_its_email() {
        User first = accounts.signIn(github("1", "ada@example.com", true), List.of());
        User again = accounts.signIn(github("1", "ada@new-domain.example", true), List.of());

        assertThat(again.id()).isEqualTo(first.id());
        assertThat(again.email()).isEqualTo("ada@example.com");
    }

    @Test
    void name_avatar_and_last_login_are_refreshed_on_each_sign_in() {
        accounts.signIn(github("1", "ada@example.com", true), List.of());
        clock.advance(Duration.ofHours(1));
        User user = accounts.signIn(new ProviderIdentity("github", "1", "ada@example.com", true, "Ada Lovelace",
                "https://avatars/new.png"), List.of());

        assertThat(user.name()).isEqualTo("Ada Lovelace");
        assertThat(user.avatarUrl()).isEqualTo("https://avatars/new.png");
        assertThat(user.lastLogin()).isEqualTo(clock.instant());
        assertThat(user.createdAt()).isEqualTo(clock.instant().minus(Duration.ofHours(1)));
    }

    @Test
    void admin_emails_promote_at_sign_in_and_leaving_the_list_never_demotes() {
        User admin = accounts.signIn(github("1", "ada@example.com", true), Set.of(" ADA@example.com "));
        assertThat(admin.role()).isEqualTo(Role.ADMIN);
        assertThat(accounts.hasAdmin()).isTrue();

        User still = accounts.signIn(github("1", "ada@example.com", true), Set.of());
        assertThat(still.role()).isEqualTo(Role.ADMIN);

        User member = accounts.signIn(github("2", "bob@example.com", true), List.of());
        assertThat(member.role()).isEqualTo(Role.MEMBER);
        assertThat(accounts.signIn(github("2", "bob@example.com", true), List.of("bob@example.com")).role())
                .isEqualTo(Role.ADMIN);
    }

    @Test
    void ensure_user_names_a_nameless_user_once() {
        accounts.ensureUser("link@example.com", "", Role.MEMBER);
        assertThat(accounts.ensureUser("link@example.com", "Ada", Role.MEMBER).name()).isEqualTo("Ada");
        assertThat(accounts.ensureUser("link@example.com", "Other", Role.MEMBER).name()).isEqualTo("Ada");
    }

    @Test
    void ensure_user_creates_raises_and_never_lowers_a_role() {
        assertThat(accounts.hasAdmin()).isFalse();
        User created = accounts.ensureUser("Cli@Example.com", "Cli", Role.MEMBER);
        assertThat(created.email()).isEqualTo("cli@example.com");
        assertThat(accounts.ensureUser("cli@example.com", "x", Role.ADMIN).role()).isEqualTo(Role.ADMIN);
        assertThat(accounts.ensureUser("cli@example.com", "x", Role.MEMBER).role()).isEqualTo(Role.ADMIN);
        assertThat(accounts.ensureUser("cli@example.com", "x", Role.MEMBER).id()).isEqualTo(created.id());
        assertThat(accounts.ensureUser("cli@example.com", "x", Role.MEMBER).name()).isEqualTo("Cli");
        assertThatThrownBy(() -> accounts.ensureUser("not an email", "x", Role.MEMBER))
                .isInstanceOfSatisfying(RunguException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID));
    }

    @Test
    void a_session_lookup_returns_the_current_role() {
        User user = accounts.signIn(github("1", "ada@example.com", true), Set.of("ada@example.com"));
        String session = accounts.createSession(user.id(), Duration.ofDays(7));
        assertThat(accounts.findSession(session).orElseThrow().role()).isEqualTo(Role.ADMIN);

        setRole(user.id(), Role.MEMBER);

        Accounts.ActiveSession found = accounts.findSession(session).orElseThrow();
        assertThat(found.role()).isEqualTo(Role.MEMBER);
        assertThat(found.userId()).isEqualTo(user.id());
        assertThat(found.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofDays(7)));
    }

    @Test
    void a_kept_session_still_expires_on_time() {
        User user = accounts.ensureUser("ada@example.com", "Ada", Role.MEMBER);
        String session = accounts.createSession(user.id(), Duration.ofHours(1));
        assertThat(accounts.findSession(session)).isPresent();

        clock.advance(Duration.ofMinutes(59));
        assertThat(accounts.findSession(session)).isPresent();
        clock.advance(Duration.ofMinutes(1));
        assertThat(accounts.findSession(session)).isEmpty();
    }

    @Test
    void another_server_sees_a_sign_out_or_demotion_within_its_cache_time_and_at_once_without_cache() {
        User user = accounts.signIn(github("1", "ada@example.com", true), Set.of("ada@example.com"));
        String session = accounts.createSession(user.id(), Duration.ofDays(7));
        try (RunguStore cached = RunguStore.open(c -> {
                    c.url = db.url();
                    c.clock = clock;
                    c.cacheTtl = Duration.ofSeconds(30);
                });
                RunguStore uncached = RunguStore.open(c -> {
                    c.url = db.url();
                    c.clock = clock;
                    c.cacheTtl = Duration.ZERO;
                })) {
            assertThat(cached.accounts().findSession(session).orElseThrow().role()).isEqualTo(Role.ADMIN);

            setRole(user.id(), Role.MEMBER);
            assertThat(uncached.accounts().findSession(session).orElseThrow().role()).isEqualTo(Role.MEMBER);
            assertThat(cached.accounts().findSession(session).orElseThrow().role()).isEqualTo(Role.ADMIN);

            accounts.revokeSession(session);
            assertThat(uncached.accounts().findSession(session)).isEmpty();
            assertThat(cached.accounts().findSession(session)).isPresent();
            assertThat(accounts.findSession(session)).isEmpty();
        }
    }

    @Test
    void another_server_sees_a_sign_out_once_its_cache_time_has_passed() throws InterruptedException {
        User user = accounts.ensureUser("ada@example.com", "Ada", Role.MEMBER);
        String session = accounts.createSession(user.id(), Duration.ofDays(7));
        Duration cacheTime = Duration.ofMillis(300);
        try (RunguStore cached = RunguStore.open(c -> {
                    c.url = db.url();
                    c.clock = clock;
                    c.cacheTtl = cacheTime;
                })) {
            assertThat(cached.accounts().findSession(session)).isPresent();

            accounts.revokeSession(session);

            // SQLite notices the other connection's commit at its next look; PostgreSQL drops the entry by age.
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (cached.accounts().findSession(session).isPresent() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(cached.accounts().findSession(session)).isEmpty();
        }
    }

    @Test
    void sessions_expire_and_can_be_revoked_one_or_all() {
        User user = accounts.ensureUser("ada@example.com", "Ada", Role.MEMBER);
        String a = accounts.createSession(user.id(), Duration.ofDays(7));
        String b = accounts.createSession(user.id(), Duration.ofDays(7));
        String c = accounts.createSession(user.id(), Duration.ofHours(1));

        accounts.revokeSession(a);
        assertThat(accounts.findSession(a)).isEmpty();
        assertThat(accounts.findSession(b)).isPresent();

        clock.advance(Duration.ofHours(1));
        assertThat(accounts.findSession(c)).isEmpty();

        assertThat(accounts.revokeAllSessions(user.id())).isEqualTo(1);
        assertThat(accounts.findSession(b)).isEmpty();
        assertThat(accounts.findSession("no-such-session")).isEmpty();
    }

    @Test
    void a_sign_in_link_works_once_and_expires() throws Exception {
        User user = accounts.ensureUser("ada@example.com", "Ada", Role.MEMBER);
        accounts.createSignInLink(hash("once"), user.id(), clock.instant().plus(Duration.ofMinutes(15)));
        accounts.createSignInLink(hash("late"), user.id(), clock.instant().plus(Duration.ofMinutes(15)));

        assertThat(accounts.consumeSignInLink(hash("once"))).contains(user.id());
        assertThat(accounts.consumeSignInLink(hash("once"))).isEmpty();
        assertThat(accounts.consumeSignInLink(hash("unknown"))).isEmpty();

        clock.advance(Duration.ofMinutes(15));
        assertThat(accounts.consumeSignInLink(hash("late"))).isEmpty();
    }

    @Test
    void an_email_sign_in_link_creates_the_member_at_its_first_use_and_never_for_an_unused_link() throws Exception {
        accounts.createEmailSignInLink(hash("new"), "Newcomer@Example.com", clock.instant().plus(Duration.ofMinutes(15)));
        accounts.createEmailSignInLink(hash("never"), "ghost@example.com", clock.instant().plus(Duration.ofMinutes(15)));
        accounts.createEmailSignInLink(hash("again"), "newcomer@example.com", clock.instant().plus(Duration.ofMinutes(15)));
        assertThat(accounts.findUserByEmail("newcomer@example.com")).as("mailing a link makes no account").isEmpty();

        String id = accounts.consumeSignInLink(hash("new")).orElseThrow();
        User user = accounts.findUser(id).orElseThrow();
        assertThat(user.email()).isEqualTo("newcomer@example.com");
        assertThat(user.role()).isEqualTo(Role.MEMBER);
        assertThat(accounts.consumeSignInLink(hash("new"))).as("single use").isEmpty();
        assertThat(accounts.consumeSignInLink(hash("again"))).as("a later link finds the same member").contains(id);

        clock.advance(Duration.ofMinutes(15));
        assertThat(accounts.consumeSignInLink(hash("never"))).as("expired").isEmpty();
        assertThat(accounts.findUserByEmail("ghost@example.com")).as("an address that never signed in").isEmpty();
    }

    @Test
    void a_login_flow_is_taken_once_and_not_after_it_expires() throws Exception {
        Instant expires = clock.instant().plus(Duration.ofMinutes(10));
        accounts.saveLoginFlow(new Accounts.LoginFlow(hash("s1"), "github", "verifier", "nonce", "/p/x", expires));
        accounts.saveLoginFlow(new Accounts.LoginFlow(hash("s2"), "google", "verifier", "nonce", null, expires));

        Accounts.LoginFlow flow = accounts.takeLoginFlow(hash("s1")).orElseThrow();
        assertThat(flow.provider()).isEqualTo("github");
        assertThat(flow.redirect()).isEqualTo("/p/x");
        assertThat(flow.codeVerifier()).isEqualTo("verifier");
        assertThat(accounts.takeLoginFlow(hash("s1"))).isEmpty();

        clock.advance(Duration.ofMinutes(10));
        assertThat(accounts.takeLoginFlow(hash("s2"))).isEmpty();
    }

    @Test
    void a_token_resolves_to_its_owner_with_the_current_role_until_revoked() throws Exception {
        User user = accounts.ensureUser("ada@example.com", "Ada", Role.ADMIN);
        Actor actor = Actor.of(user.id(), Role.ADMIN);
        ApiToken token = accounts.createToken(actor, " ci ", TokenScope.READ, "rgu_abcd", hash("rgu_abcdsecret"));
        assertThat(token.name()).isEqualTo("ci");
        assertThat(token.lastUsedAt()).isNull();

        Accounts.TokenOwner owner = accounts.useToken(hash("rgu_abcdsecret")).orElseThrow();
        assertThat(owner).isEqualTo(new Accounts.TokenOwner(token.id(), user.id(), Role.ADMIN, TokenScope.READ, "ci"));

        setRole(user.id(), Role.MEMBER);
        assertThat(accounts.useToken(hash("rgu_abcdsecret")).orElseThrow().role()).isEqualTo(Role.MEMBER);

        accounts.revokeToken(Actor.of(user.id(), Role.MEMBER), token.id());
        assertThat(accounts.useToken(hash("rgu_abcdsecret"))).isEmpty();
        assertThat(accounts.useToken(hash("never-issued"))).isEmpty();
    }

    @Test
    void a_token_with_an_expiry_is_refused_from_then_on_and_listed_with_it() throws Exception {
        User user = accounts.ensureUser("ada@example.com", "Ada", Role.MEMBER);
        Actor actor = Actor.of(user.id(), Role.MEMBER);
        Instant expires = clock.peek().plus(Duration.ofHours(12));
        ApiToken token = accounts.createToken(actor, "ci", TokenScope.READ, "rgu_abcd", hash("rgu_exp"), expires);
        assertThat(token.expiresAt()).isEqualTo(expires);
        assertThat(accounts.useToken(hash("rgu_exp"))).isPresent();

        clock.advance(Duration.ofHours(12));
        assertThatThrownBy(() -> accounts.useToken(hash("rgu_exp")))
                .isInstanceOfSatisfying(RunguException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHENTICATED))
                .hasMessageContaining("expired");
        ApiToken listed = accounts.listTokens(actor, null, PageRequest.FIRST).items().get(0);
        assertThat(listed.expiresAt()).isEqualTo(expires);
        assertThat(listed.expiredAt(clock.peek())).isTrue();
        assertThatThrownBy(() -> accounts.createToken(actor, "past", TokenScope.READ, "rgu_efgh", hash("rgu_past"),
                clock.peek().minusSeconds(1))).isInstanceOf(RunguException.class).hasMessageContaining("future");
    }

    @Test
    void revoking_all_tokens_of_a_user_leaves_other_users_tokens() throws Exception {
        User ada = accounts.ensureUser("ada@example.com", "Ada", Role.MEMBER);
        User bob = accounts.ensureUser("bob@example.com", "Bob", Role.MEMBER);
        accounts.createTokenFor(ada.id(), "a", TokenScope.READ, "rgu_aaaa", hash("rgu_a1"));
        accounts.createTokenFor(ada.id(), "b", TokenScope.WRITE, "rgu_aaab", hash("rgu_a2"));
        accounts.createTokenFor(bob.id(), "c", TokenScope.READ, "rgu_bbbb", hash("rgu_b1"));

        assertThat(accounts.revokeAllTokens(ada.id())).isEqualTo(2);

        assertThat(accounts.useToken(hash("rgu_a1"))).isEmpty();
        assertThat(accounts.useToken(hash("rgu_a2"))).isEmpty();
        assertThat(accounts.useToken(hash("rgu_b1"))).isPresent();
    }

    @Test
    void an_address_that_changes_under_unicode_case_mapping_never_links_or_creates_an_account() {
        User kim = accounts.ensureUser("victim.kim@example.com", "Kim", Role.MEMBER);
        assertThatThrownBy(() -> accounts.signIn(new ProviderIdentity("oidc", "attacker", "victim.\u212Aim@example.com",
                true, "Mallory", null), List.of()))
                .isInstanceOfSatisfying(RunguException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID));
        assertThatThrownBy(() -> accounts.ensureUser("victim.\u212Aim@example.com", "", Role.MEMBER))
                .isInstanceOf(RunguException.class);
        assertThat(accounts.findUser(kim.id()).orElseThrow().name()).isEqualTo("Kim");
        assertThat(accounts.findUserByEmail("victim.\u212Aim@example.com")).isEmpty();
        assertThat(accounts.findUserByEmail("Victim.Kim@EXAMPLE.com")).map(User::id).contains(kim.id());
    }

    @Test
    void the_last_use_of_a_token_is_recorded_at_most_once_a_minute() throws Exception {
        User user = accounts.ensureUser("ada@example.com", "Ada", Role.MEMBER);
        Actor actor = Actor.of(user.id(), Role.MEMBER);
        accounts.createToken(actor, "ci", TokenScope.WRITE, "rgu_abcd", hash("s"));
        Instant first = clock.instant();

        accounts.useToken(hash("s"));
        clock.advance(Duration.ofSeconds(30));
        accounts.useToken(hash("s"));
        assertThat(accounts.listTokens(actor, null, PageRequest.FIRST).items().get(0).lastUsedAt()).isEqualTo(first);

        clock.advance(Duration.ofSeconds(30));
        accounts.useToken(hash("s"));
        assertThat(accounts.listTokens(actor, null, PageRequest.FIRST).items().get(0).lastUsedAt())
                .isEqualTo(clock.instant());
    }

    @Test
    void tokens_are_listed_and_revoked_by_their_owner_or_an_admin_only() throws Exception {
        User ada = accounts.ensureUser("ada@example.com", "Ada", Role.MEMBER);
        User bob = accounts.ensureUser("bob@example.com", "Bob", Role.MEMBER);
        User root = accounts.ensureUser("root@example.com", "Root", Role.ADMIN);
        Actor adaActor = Actor.of(ada.id(), Role.MEMBER);
        Actor bobActor = Actor.of(bob.id(), Role.MEMBER);
        Actor admin = Actor.of(root.id(), Role.ADMIN);
        ApiToken first = accounts.createToken(adaActor, "one", TokenScope.WRITE, "rgu_1", hash("1"));
        clock.advance(Duration.ofSeconds(1));
        ApiToken second = accounts.createTokenFor(ada.id(), "two", TokenScope.READ, "rgu_2", hash("2"));

        Page<ApiToken> own = accounts.listTokens(adaActor, null, PageRequest.FIRST);
        assertThat(own.items()).extracting(ApiToken::id).containsExactly(second.id(), first.id());
        assertThat(own.total()).isEqualTo(2);
        assertThat(accounts.listTokens(admin, ada.id(), PageRequest.FIRST).items()).hasSize(2);
        assertThat(accounts.listTokens(bobActor, null, PageRequest.FIRST).items()).isEmpty();

        assertThatThrownBy(() -> accounts.listTokens(bobActor, ada.id(), PageRequest.FIRST))
                .isInstanceOfSatisfying(RunguException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN));
        assertThatThrownBy(() -> accounts.revokeToken(bobActor, first.id()))
                .isInstanceOfSatisfying(RunguException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN));
        assertThatThrownBy(() -> accounts.listTokens(Actor.anonymous(), null, PageRequest.FIRST))
                .isInstanceOfSatisfying(RunguException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHENTICATED));

        accounts.revokeToken(admin, first.id());
        assertThat(accounts.listTokens(adaActor, null, PageRequest.FIRST).items()).extracting(ApiToken::id)
                .containsExactly(second.id());
        assertThatThrownBy(() -> accounts.revokeToken(adaActor, first.id()))
                .isInstanceOfSatisfying(RunguException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @Test
    void a_read_only_actor_cannot_create_or_revoke_tokens() throws Exception {
        User ada = accounts.ensureUser("ada@example.com", "Ada", Role.MEMBER);
        ApiToken token = accounts.createTokenFor(ada.id(), "ci", TokenScope.WRITE, "rgu_1", hash("1"));
        Actor readOnly = new Actor.Account(ada.id(), Role.MEMBER, Actor.Channel.API_TOKEN, TokenScope.READ);

        // the Board's read-only message, word for word
        assertThatThrownBy(() -> accounts.createToken(readOnly, "more", TokenScope.WRITE, "rgu_2", hash("2")))
                .isInstanceOfSatisfying(RunguException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN);
                    assertThat(e).hasMessage(RunguException.READ_ONLY_MESSAGE);
                });
        assertThatThrownBy(() -> accounts.revokeToken(readOnly, token.id()))
                .isInstanceOfSatisfying(RunguException.class, e -> assertThat(e).hasMessage(RunguException.READ_ONLY_MESSAGE));
        // the token scope is the store's rule: no scope is refused with one message, whoever calls
        Actor writer = new Actor.Account(ada.id(), Role.MEMBER, Actor.Channel.SESSION, TokenScope.WRITE);
        assertThatThrownBy(() -> accounts.createToken(writer, "no scope", null, "rgu_4", hash("4")))
                .isInstanceOfSatisfying(RunguException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID);
                    assertThat(e).hasMessage("Choose the token scope: read or write");
                });
        assertThatThrownBy(() -> accounts.createToken(Actor.anonymous(), "x", TokenScope.READ, "rgu_3", hash("3")))
                .isInstanceOfSatisfying(RunguException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHENTICATED));
    }

    @Test
    void token_names_are_required_and_limited_and_each_user_has_a_token_cap() throws Exception {
        User ada = accounts.ensureUser("ada@example.com", "Ada", Role.MEMBER);
        assertThatThrownBy(() -> accounts.createTokenFor(ada.id(), "  ", TokenScope.READ, "rgu_x", hash("x")))
                .isInstanceOfSatisfying(RunguException.class, e -> assertThat(e.fields()).containsKey("name"));
        assertThatThrownBy(() -> accounts.createTokenFor(ada.id(), "n".repeat(101), TokenScope.READ, "rgu_x", hash("x")))
                .isInstanceOfSatisfying(RunguException.class, e -> assertThat(e.fields()).containsKey("name"));
        assertThatThrownBy(() -> accounts.createTokenFor("nobody", "n", TokenScope.READ, "rgu_x", hash("x")))
                .isInstanceOfSatisfying(RunguException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        for (int i = 0; i < 50; i++) {
            accounts.createTokenFor(ada.id(), "t" + i, TokenScope.READ, "rgu_x", hash("t" + i));
        }
        assertThatThrownBy(() -> accounts.createTokenFor(ada.id(), "one more", TokenScope.READ, "rgu_x", hash("y")))
                .isInstanceOfSatisfying(RunguException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));
    }

    @Test
    void secrets_must_arrive_hashed() {
        User ada = accounts.ensureUser("ada@example.com", "Ada", Role.MEMBER);
        assertThatThrownBy(() -> accounts.createSignInLink("plain-secret", ada.id(), clock.instant().plusSeconds(60)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
