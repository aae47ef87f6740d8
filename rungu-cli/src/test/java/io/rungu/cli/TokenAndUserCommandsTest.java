package io.rungu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenAndUserCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    private CliRun cli() {
        return CliRun.in(home).env("RUNGU_DATA_DIR", home.resolve("data").toString());
    }

    private CliRun.Result ok(String... args) {
        CliRun.Result r = cli().run(args);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        return r;
    }

    @Test
    void tokens_are_listed_without_secrets_and_revoked_by_id() throws Exception {
        String secret = ok("token", "create", "--user", "ada@example.com", "--name", "triage agent").out().strip();
        ok("token", "create", "--user", "bob@example.com", "--name", "ci", "--scope", "write", "--expires", "90d");

        JsonNode ada = JSON.readTree(ok("token", "list", "--user", "ada@example.com", "--json").out());
        assertThat(ada).hasSize(1);
        assertThat(ada.get(0).get("name").asText()).isEqualTo("triage agent");
        assertThat(ada.get(0).get("scope").asText()).isEqualTo("read");
        assertThat(ada.get(0).get("expired").asBoolean()).isFalse();
        assertThat(secret).startsWith(ada.get(0).get("prefix").asText());
        assertThat(ada.toString()).doesNotContain(secret);

        CliRun.Result all = ok("token", "list");
        assertThat(all.out()).contains("ada@example.com", "triage agent", "never", "bob@example.com", "ci", "write")
                .doesNotContain(secret);

        String id = ada.get(0).get("id").asText();
        assertThat(ok("token", "revoke", id).out()).isEqualTo("Revoked token " + id + "\n");
        assertThat(ok("token", "list", "--user", "ada@example.com").out()).isEqualTo("No tokens found.\n");
        CliRun.Result again = cli().run("token", "revoke", id);
        assertThat(again.exitCode()).isEqualTo(3);
        assertThat(again.err()).isEqualTo("rungu: Token not found\n");
        assertThat(cli().run("token", "list", "--user", "nobody@example.com").exitCode()).isEqualTo(3);
    }

    @Test
    void user_show_prints_the_admin_view_of_one_user() throws Exception {
        ok("login-link", "ada@example.com", "--admin", "--name", "Ada Lovelace");

        JsonNode user = JSON.readTree(ok("user", "show", "Ada@Example.com", "--json").out());
        assertThat(user.get("email").asText()).isEqualTo("ada@example.com");
        assertThat(user.get("role").asText()).isEqualTo("admin");
        assertThat(user.has("last_login")).isTrue();
        assertThat(ok("user", "show", "ada@example.com").out()).startsWith("ada@example.com\n")
                .contains("name:        Ada Lovelace", "role:        admin")
                .containsPattern("created: +\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z\n");

        CliRun.Result missing = cli().run("user", "show", "nobody@example.com");
        assertThat(missing.exitCode()).isEqualTo(3);
        assertThat(missing.err()).isEqualTo("rungu: No user with email nobody@example.com\n");
    }

    @Test
    void user_delete_erases_an_account_after_asking() throws Exception {
        ok("login-link", "ada@example.com", "--admin", "--name", "Ada Admin");
        ok("login-link", "mia@example.com", "--name", "Mia Member");
        ok("project", "add", "Ideas", "--slug", "ideas");
        String post = JSON.readTree(ok("post", "create", "ideas", "--title", "Mine", "--as", "mia@example.com", "--json")
                .out()).get("id").asText();
        ok("post", "vote", post, "--as", "mia@example.com");
        ok("token", "create", "--user", "mia@example.com", "--name", "script");

        CliRun.Result refused = cli().stdin("n\n").run("user", "delete", "mia@example.com");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("Erase the account of mia@example.com? [y/N]");

        CliRun.Result deleted = cli().stdin("yes\n").run("user", "delete", "mia@example.com");
        assertThat(deleted.exitCode()).as(deleted.toString()).isZero();
        assertThat(deleted.out()).isEqualTo("Deleted user mia@example.com; their posts and comments now show \"Deleted user\"\n");
        JsonNode kept = JSON.readTree(ok("post", "show", post, "--json").out());
        assertThat(kept.get("creator").get("name").asText()).isEqualTo("Deleted user");
        assertThat(kept.get("vote_count").asInt()).isZero();
        assertThat(ok("user", "list").out()).doesNotContain("mia@example.com");
        assertThat(ok("token", "list").out()).doesNotContain("script");
        assertThat(cli().run("user", "show", "mia@example.com").exitCode()).isEqualTo(3);
        assertThat(cli().run("user", "delete", "mia@example.com", "--yes").exitCode()).isEqualTo(3);

        CliRun.Result lastAdmin = cli().run("user", "delete", "ada@example.com", "--yes");
        assertThat(lastAdmin.exitCode()).isEqualTo(4);
        assertThat(lastAdmin.err()).isEqualTo("rungu: The last admin cannot be deleted; promote another admin first\n");
    }

    @Test
    void user_list_searches_names_and_emails_and_pages_on_request() throws Exception {
        ok("login-link", "ada@example.com", "--name", "Ada Lovelace");
        ok("login-link", "bob@example.com", "--name", "Bob Adams");
        ok("login-link", "mia@sample.org", "--name", "Mia");

        String ada = ok("user", "list", "--query", "ADA").out();
        assertThat(ada).contains("ada@example.com  member  Ada Lovelace", "bob@example.com  member  Bob Adams")
                .doesNotContain("mia@sample.org");
        assertThat(ok("user", "list", "-q", "sample.org").out()).isEqualTo("  mia@sample.org  member  Mia\n");
        assertThat(ok("user", "list", "-q", "nobody").out()).isEqualTo("No users found.\n");
        JsonNode json = JSON.readTree(ok("user", "list", "-q", "example.com", "--json").out());
        assertThat(json).extracting(u -> u.get("email").asText()).containsExactly("bob@example.com", "ada@example.com");

        // Newest first, one page at a time when asked for one.
        assertThat(ok("user", "list", "-q", "example.com", "--per-page", "1").out())
                .isEqualTo("  bob@example.com  member  Bob Adams\nPage 1 of 2, 2 users. Next: --page 2\n");
        assertThat(ok("user", "list", "-q", "example.com", "--per-page", "1", "--page", "2").out())
                .isEqualTo("  ada@example.com  member  Ada Lovelace\nPage 2 of 2, 2 users.\n");
        assertThat(ok("user", "list", "-q", "example.com", "--page", "3").out())
                .isEqualTo("No users on page 3; there are 1 pages.\n");

        CliRun.Result tooLong = cli().run("user", "list", "-q", "x".repeat(101));
        assertThat(tooLong.exitCode()).isEqualTo(4);
        assertThat(tooLong.err()).contains("at most 100 characters");
        assertThat(cli().run("user", "list", "--per-page", "0").exitCode()).isEqualTo(4);
    }
}
