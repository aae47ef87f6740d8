package io.rungu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** post merge | unmerge | pin | lock, user block | unblock and comment add --internal through the real CLI. */
class CurationCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    private CliRun cli() {
        return CliRun.in(home).env("RUNGU_DATA_DIR", home.resolve("data").toString()).env("RUNGU_CACHE_TTL", "0s");
    }

    private CliRun.Result ok(String... args) {
        CliRun.Result r = cli().run(args);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        return r;
    }

    private JsonNode json(String... args) throws Exception {
        return JSON.readTree(ok(args).out());
    }

    @BeforeEach
    void board() {
        ok("login-link", "admin@example.com", "--admin", "--name", "Ada Admin");
        ok("login-link", "member@example.com", "--name", "Mia Member");
        ok("project", "add", "Ideas", "--slug", "ideas");
    }

    @Test
    void merge_moves_the_votes_and_unmerge_restores_them() throws Exception {
        String a = json("post", "create", "ideas", "--title", "Dark mode", "--json").get("id").asText();
        String b = json("post", "create", "ideas", "--title", "Night theme", "--json").get("id").asText();
        ok("post", "vote", a, "--as", "member@example.com");

        CliRun.Result merged = ok("post", "merge", a, "--into", b);
        assertThat(merged.out()).isEqualTo("Merged post " + a + " into " + b + ": Night theme (1 vote)\n");
        assertThat(json("post", "show", a, "--json").get("merged_into").asText()).isEqualTo(b);
        CliRun.Result vote = cli().run("post", "vote", a, "--as", "member@example.com", "--remove");
        assertThat(vote.exitCode()).isEqualTo(4);
        assertThat(vote.err()).contains("merged into another post");

        assertThat(ok("post", "unmerge", a).out()).isEqualTo("Unmerged post " + a + ": Dark mode (1 vote)\n");
        assertThat(json("post", "show", b, "--json").get("vote_count").asInt()).isZero();
    }

    @Test
    void pin_and_lock_are_for_admins_and_a_locked_post_refuses_comments() throws Exception {
        String a = json("post", "create", "ideas", "--title", "Read me", "--json").get("id").asText();
        assertThat(ok("post", "pin", a).out()).isEqualTo("Pinned post " + a + "\n");
        assertThat(json("post", "lock", a, "--json").get("locked").asBoolean()).isTrue();
        CliRun.Result byMember = cli().run("post", "pin", a, "--off", "--as", "member@example.com");
        assertThat(byMember.exitCode()).isEqualTo(5);
        assertThat(byMember.err()).isEqualTo("rungu: Only admins can pin or lock a post\n");

        CliRun.Result comment = cli().run("comment", "add", a, "Hi", "--as", "member@example.com");
        assertThat(comment.exitCode()).isEqualTo(4);
        assertThat(comment.err()).isEqualTo("rungu: This post is locked: it takes no new comments\n");
        JsonNode note = json("comment", "add", a, "Known issue", "--as", "admin@example.com", "--internal", "--json");
        assertThat(note.get("internal").asBoolean()).isTrue();
        assertThat(ok("comment", "list", a, "--json", "--as", "member@example.com").out()).doesNotContain("Known issue");
    }

    @Test
    void a_blocked_member_cannot_post_until_unblocked() {
        assertThat(ok("user", "block", "member@example.com").out()).isEqualTo("member@example.com is blocked from posting\n");
        CliRun.Result post = cli().run("post", "create", "ideas", "--title", "Spam", "--as", "member@example.com");
        assertThat(post.exitCode()).isEqualTo(5);
        assertThat(post.err()).isEqualTo("rungu: Your account is blocked from posting on this board\n");
        CliRun.Result admin = cli().run("user", "block", "admin@example.com");
        assertThat(admin.exitCode()).isEqualTo(4);

        ok("user", "unblock", "member@example.com");
        ok("post", "create", "ideas", "--title", "Hello", "--as", "member@example.com");
    }
}
