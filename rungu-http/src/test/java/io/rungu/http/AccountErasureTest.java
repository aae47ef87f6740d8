package io.rungu.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.rungu.model.Actor;
import io.rungu.model.NewPost;
import io.rungu.model.NewProject;
import io.rungu.model.Role;
import io.rungu.model.TokenScope;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code DELETE <base>/api/me} and {@code DELETE <base>/api/users/{id}}: erasing an account over HTTP. */
class AccountErasureTest {
    @TempDir
    Path dir;
    TestServer s;
    String memberCookie;
    String adminCookie;
    Actor.Account member;
    Actor.Account admin;
    String post;

    @BeforeEach
    void start() {
        s = TestServer.startWithAuth(dir, http -> http.rateLimits.enabled = false);
        memberCookie = s.signIn("mia@example.test", Role.MEMBER);
        adminCookie = s.signIn("ada@example.test", Role.ADMIN);
        member = Actor.of(s.stores.store().accounts().findUserByEmail("mia@example.test").orElseThrow().id(), Role.MEMBER);
        admin = Actor.of(s.stores.store().accounts().findUserByEmail("ada@example.test").orElseThrow().id(), Role.ADMIN);
        s.board().createProject(admin, new NewProject("App", "app", ""));
        post = s.board().createPost(member, "app", new NewPost("Mia's idea", "", null)).post().id();
        s.board().toggleVote(member, post);
    }

    @AfterEach
    void stop() {
        s.close();
    }

    @Test
    void a_member_erases_their_own_account_and_its_session_and_tokens_stop_working() {
        String token = s.auth.createToken(member, "script", TokenScope.WRITE).secret();

        var erased = s.req("DELETE", "/api/me").header("Cookie", memberCookie).send();

        assertThat(erased.status()).as(erased.toString()).isEqualTo(204);
        assertThat(s.req("GET", "/auth/me").header("Cookie", memberCookie).send().status()).isEqualTo(401);
        assertThat(s.req("GET", "/auth/me").header("Authorization", "Bearer " + token).send().status()).isEqualTo(401);
        var kept = s.get("/api/posts/" + post).data();
        assertThat(kept.get("creator").get("name").asText()).isEqualTo("Deleted user");
        assertThat(kept.get("vote_count").asInt()).isZero();
        assertThat(s.req("GET", "/api/users").header("Cookie", adminCookie).send().text()).doesNotContain("mia@example.test");
    }

    @Test
    void an_admin_erases_anyone_once_and_the_last_admin_is_kept() {
        var erased = s.req("DELETE", "/api/users/" + member.userId()).header("Cookie", adminCookie).send();
        assertThat(erased.status()).as(erased.toString()).isEqualTo(204);
        var again = s.req("DELETE", "/api/users/" + member.userId()).header("Cookie", adminCookie).send();
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.json().get("error").asText()).isEqualTo("User not found");

        var last = s.req("DELETE", "/api/me").header("Cookie", adminCookie).send();
        assertThat(last.status()).isEqualTo(409);
        assertThat(last.json().get("error").asText()).isEqualTo("The last admin cannot be deleted; promote another admin first");
    }

    @Test
    void nobody_else_and_no_read_token_may_erase() {
        assertThat(s.req("DELETE", "/api/me").send().status()).isEqualTo(401);
        String readToken = s.auth.createToken(member, "read", TokenScope.READ).secret();
        assertThat(s.req("DELETE", "/api/me").header("Authorization", "Bearer " + readToken).send().status())
                .isEqualTo(403);
        var other = s.req("DELETE", "/api/users/" + admin.userId()).header("Cookie", memberCookie).send();
        assertThat(other.status()).isEqualTo(403);
        assertThat(s.get("/api/posts/" + post).data().get("creator").get("name").asText()).isNotEqualTo("Deleted user");
    }
}
