package io.rungu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserAndAuthCommandsTest {
    @TempDir
    Path home;

    private CliRun cli() {
        return CliRun.in(home).env("RUNGU_DATA_DIR", home.resolve("data").toString());
    }

    @Test
    void login_link_creates_the_user_and_prints_a_link_under_the_default_public_url() {
        CliRun.Result result = cli().run("login-link", "Ada@Example.com", "--admin");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out().trim()).matches("http://localhost:3000/auth/link/\\S+");
        assertThat(result.err()).contains("within 15 minutes");
        CliRun.Result users = cli().run("user", "list");
        assertThat(users.out()).contains("ada@example.com  admin");
    }

    @Test
    void login_link_names_a_user_that_has_no_name() {
        assertThat(cli().run("login-link", "ada@example.com", "--name", "Ada Lovelace").exitCode()).isZero();

        assertThat(cli().run("user", "list").out()).contains("ada@example.com  member  Ada Lovelace");
    }

    @Test
    void login_link_follows_the_public_url_settings() {
        CliRun.Result result = cli().env("RUNGU_PORT", "8080").env("RUNGU_BASE_PATH", "feedback/")
                .run("login-link", "bob@example.com", "--ttl", "2h");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).startsWith("http://localhost:8080/feedback/auth/link/");
        assertThat(result.err()).contains("within 2 hours");
    }

    @Test
    void the_generated_secret_is_kept_in_the_data_directory_for_the_owner_only() throws Exception {
        cli().run("login-link", "ada@example.com");

        Path secret = home.resolve("data/secret");
        assertThat(secret).exists();
        assertThat(Files.readString(secret).trim()).hasSize(64);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret))).isEqualTo("rw-------");
        String first = Files.readString(secret);
        cli().run("login-link", "bob@example.com");
        assertThat(Files.readString(secret)).as("generated once").isEqualTo(first);
    }

    @Test
    void a_short_secret_is_refused_with_a_one_line_reason() {
        CliRun.Result result = cli().env("RUNGU_SECRET", "short").run("login-link", "ada@example.com");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(4);
        assertThat(result.err()).contains("secret is 5 bytes but must be at least 32");
        assertThat(result.err().lines()).hasSize(1);
        assertThat(home.resolve("data/secret")).doesNotExist();
    }

    @Test
    void a_bad_ttl_is_a_usage_error() {
        CliRun.Result result = cli().run("login-link", "ada@example.com", "--ttl", "soon");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("expected a duration such as 30s, 15m, 2h or 7d");
    }

    @Test
    void token_create_prints_the_secret_once_and_defaults_to_read_scope() {
        CliRun.Result result = cli().run("token", "create", "--user", "ada@example.com", "--name", "triage agent");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out().trim()).startsWith("rgu_");
        assertThat(result.err()).contains("'triage agent' (read) for ada@example.com", "shown this once");
    }

    @Test
    void token_create_takes_an_expiry_and_says_when_the_token_expires() {
        for (String[] c : new String[][] {{"90d", "in 90 days"}, {"12h", "in 12 hours"}, {"30m", "in 30 minutes"},
                {"1s", "in 1 second"}}) {
            CliRun.Result result = cli().run("token", "create", "--user", "ada@example.com", "--name", "ci " + c[0],
                    "--expires", c[0]);
            assertThat(result.exitCode()).as(result.toString()).isZero();
            assertThat(result.err()).contains("expires at ", c[1]);
        }
        assertThat(cli().run("token", "create", "--user", "ada@example.com", "--name", "x").err())
                .contains("never expires");
        CliRun.Result bad = cli().run("token", "create", "--user", "ada@example.com", "--name", "x", "--expires", "soon");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("expected a duration");
    }

    @Test
    void token_create_needs_a_user_and_a_name() {
        CliRun.Result result = cli().run("token", "create", "--name", "x");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--user");
    }

    @Test
    void user_role_promotes_and_demotes_and_list_json_shows_it() throws Exception {
        cli().run("login-link", "ada@example.com");

        CliRun.Result promoted = cli().run("user", "role", "ada@example.com", "ADMIN");
        assertThat(promoted.exitCode()).as(promoted.toString()).isZero();
        assertThat(promoted.out()).contains("ada@example.com is now admin");

        JsonNode users = new ObjectMapper().readTree(cli().run("user", "list", "--json").out());
        JsonNode ada = null;
        for (JsonNode u : users) {
            if (u.get("email").asText().equals("ada@example.com")) {
                ada = u;
            }
        }
        assertThat(ada).isNotNull();
        assertThat(ada.get("role").asText()).isEqualTo("admin");

        CliRun.Result lastAdmin = cli().run("user", "role", "ada@example.com", "member");
        assertThat(lastAdmin.exitCode()).as("the last admin stays").isEqualTo(4);
        assertThat(lastAdmin.err()).contains("The last admin cannot be demoted");

        cli().run("login-link", "bob@example.com", "--admin");
        assertThat(cli().run("user", "role", "ada@example.com", "member").out()).contains("is now member");
    }

    @Test
    void user_rename_changes_the_display_name_under_the_board_rules() {
        cli().run("login-link", "ada@example.com", "--name", "Ada");

        CliRun.Result renamed = cli().run("user", "rename", "ada@example.com", "  Ada Lovelace  ");
        assertThat(renamed.exitCode()).as(renamed.toString()).isZero();
        assertThat(renamed.out()).isEqualTo("ada@example.com is now named Ada Lovelace" + System.lineSeparator());
        assertThat(cli().run("user", "list").out()).contains("ada@example.com  member  Ada Lovelace");

        CliRun.Result blank = cli().run("user", "rename", "ada@example.com", "   ");
        assertThat(blank.exitCode()).as(blank.toString()).isEqualTo(4);
        assertThat(blank.err()).isEqualTo("rungu: Name is required" + System.lineSeparator());

        CliRun.Result tooLong = cli().run("user", "rename", "ada@example.com", "x".repeat(101));
        assertThat(tooLong.exitCode()).as(tooLong.toString()).isEqualTo(4);

        CliRun.Result unknown = cli().run("user", "rename", "nobody@example.com", "Nobody");
        assertThat(unknown.exitCode()).as(unknown.toString()).isEqualTo(3);
        assertThat(unknown.err()).isEqualTo("rungu: No user with email nobody@example.com" + System.lineSeparator());
    }

    @Test
    void user_role_of_an_unknown_email_is_not_found() {
        CliRun.Result result = cli().run("user", "role", "nobody@example.com", "admin");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
        assertThat(result.err()).isEqualTo("rungu: No user with email nobody@example.com" + System.lineSeparator());
    }

    @Test
    void an_invalid_boolean_setting_is_named_in_the_error() {
        CliRun.Result result = cli().env("RUNGU_SECURE_COOKIES", "maybe").run("login-link", "ada@example.com");

        assertThat(result.exitCode()).isEqualTo(4);
        assertThat(result.err()).contains("RUNGU_SECURE_COOKIES must be true or false, got 'maybe'");
    }
}
