package io.rungu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** rungu project edit/members and rungu post hide/restore/approve/reject/pending: moderation from the shell. */
class ModerationCommandsTest {
    private static final String MEMBER = "mia@example.com";

    @TempDir
    Path home;

    private CliRun.Result rungu(String... args) {
        CliRun.Result result = CliRun.in(home).env("RUNGU_DB", home.resolve("board.db").toString()).run(args);
        assertThat(result.exitCode()).as(String.join(" ", args) + ": " + result).isZero();
        return result;
    }

    private static JsonNode json(CliRun.Result result) throws Exception {
        return new ObjectMapper().readTree(result.out());
    }

    @Test
    void an_admin_makes_a_board_private_moderated_and_works_its_approval_queue() throws Exception {
        rungu("login-link", "admin@example.com", "--admin", "--name", "Ada Admin");
        rungu("login-link", MEMBER, "--name", "Mia Member");
        rungu("project", "add", "Secret", "--slug", "secret");

        assertThat(rungu("project", "edit", "secret", "--visibility", "members", "--moderation", "new_posts").out())
                .contains("visibility members, moderation new_posts");
        assertThat(rungu("project", "members", "secret", "add", MEMBER).out()).contains("Added " + MEMBER);
        assertThat(rungu("project", "members", "secret", "list").out()).contains(MEMBER);

        JsonNode waiting = json(rungu("post", "create", "secret", "--title", "Please review", "--as", MEMBER,
                "--json"));
        assertThat(waiting.get("approval").asText()).isEqualTo("pending");
        String id = waiting.get("id").asText();
        assertThat(rungu("post", "pending", "secret").out()).contains(id);
        assertThat(json(rungu("post", "approve", id, "--json")).get("approval").asText()).isEqualTo("approved");
        assertThat(json(rungu("post", "hide", id, "--json")).get("hidden").asBoolean()).isTrue();
        assertThat(rungu("post", "restore", id).out()).startsWith("Restored post " + id);

        String spam = json(rungu("post", "create", "secret", "--title", "Spam", "--as", MEMBER, "--json"))
                .get("id").asText();
        assertThat(rungu("post", "reject", spam).out()).contains("Rejected post " + spam);
        assertThat(rungu("post", "pending", "secret").out()).contains("No posts waiting for approval.");

        assertThat(rungu("project", "members", "secret", "remove", MEMBER).out()).contains("Removed " + MEMBER);
        assertThat(rungu("project", "members", "secret", "list").out()).contains("No members.");
        assertThat(rungu("project", "list").out()).as("the operator sees private boards").contains("secret");
    }

    @Test
    void members_needs_a_known_action_and_a_user() {
        CliRun.Result unknown = CliRun.in(home).env("RUNGU_DB", home.resolve("board.db").toString())
                .run("project", "members", "secret", "invite", MEMBER);
        assertThat(unknown.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(unknown.err()).contains("use list, add or remove");
    }
}
