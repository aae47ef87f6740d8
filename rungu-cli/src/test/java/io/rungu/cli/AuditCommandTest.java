package io.rungu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rungu audit}: writes made at the command line are in the audit log on the cli channel. */
class AuditCommandTest {
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
    void cli_writes_are_listed_with_actor_channel_and_changes_as_json_and_as_a_table() throws Exception {
        ok("login-link", "ada@example.com", "--admin", "--name", "Ada Lovelace");
        ok("project", "add", "Ideas", "--slug", "ideas");
        String post = JSON.readTree(ok("post", "create", "ideas", "--title", "Dark mode", "--json").out())
                .path("id").asText();
        ok("post", "status", post, "planned");
        ok("project", "add", "Other", "--slug", "other");

        JsonNode entries = JSON.readTree(ok("audit", "--json", "--project", "ideas", "--since", "1h").out());
        assertThat(entries).hasSize(3);
        JsonNode status = entries.get(0);
        assertThat(status.path("action").asText()).isEqualTo("post.status_changed");
        assertThat(status.path("channel").asText()).isEqualTo("cli");
        assertThat(status.path("actor").path("name").asText()).isEqualTo("Ada Lovelace");
        assertThat(status.path("changes").path("status").path("before").asText()).isEqualTo("open");
        assertThat(status.path("changes").path("status").path("after").asText()).isEqualTo("planned");
        assertThat(entries.get(1).path("action").asText()).isEqualTo("post.created");
        assertThat(entries.get(2).path("action").asText()).isEqualTo("project.created");

        String byEmail = ok("audit", "--json", "--actor", "ada@example.com", "--action", "post").out();
        assertThat(JSON.readTree(byEmail)).hasSize(2);
        // Administrative commands act as the operator account, also on the cli channel.
        JsonNode boards = JSON.readTree(ok("audit", "--json", "--action", "project.created").out());
        assertThat(boards).hasSize(2).allSatisfy(e -> {
            assertThat(e.path("channel").asText()).isEqualTo("cli");
            assertThat(e.path("actor").path("name").asText()).isEqualTo("Rungu CLI");
        });

        String table = ok("audit", "--project", "ideas").out();
        assertThat(table).startsWith("AT").contains("ACTOR", "CHANNEL", "post.status_changed", "Ada Lovelace", "cli",
                "status: open -> planned").contains("Page 1 of 1, 3 entries.");
    }

    @Test
    void bad_filters_and_settings_are_refused_with_the_rule() {
        CliRun.Result bad = cli().run("audit", "--since", "yesterday");
        assertThat(bad.exitCode()).isEqualTo(ExitCode.INVALID);
        assertThat(bad.err()).contains("since");
        CliRun.Result days = cli().env("RUNGU_AUDIT_DAYS", "forever").run("audit");
        assertThat(days.exitCode()).isEqualTo(ExitCode.INVALID);
        assertThat(days.err()).contains("RUNGU_AUDIT_DAYS");
        assertThat(cli().env("RUNGU_AUDIT_DAYS", "365").run("audit").out()).isEqualTo("No audit entries found.\n");
    }

    @Test
    void an_actor_without_a_name_is_shown_by_the_start_of_their_id_and_no_actor_as_the_system() {
        io.rungu.model.AuditEntry.Target target = new io.rungu.model.AuditEntry.Target("post", "p1");
        java.time.Instant at = java.time.Instant.parse("2026-01-01T00:00:00Z");
        assertThat(AuditCommand.actor(new io.rungu.model.AuditEntry(1, at,
                new io.rungu.model.UserSummary("0123456789abcdef", "", null), null, null, "post.edited", target,
                java.util.List.of()))).isEqualTo("user 01234567");
        assertThat(AuditCommand.actor(new io.rungu.model.AuditEntry(2, at,
                new io.rungu.model.UserSummary("0123456789abcdef", "Ada", null), null, null, "post.edited", target,
                java.util.List.of()))).isEqualTo("Ada");
        assertThat(AuditCommand.actor(new io.rungu.model.AuditEntry(3, at, null, null, null, "project.imported", target,
                java.util.List.of()))).isEqualTo("(system)");
    }
}
