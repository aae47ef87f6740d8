package io.rungu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rungu status|category|tag} and custom statuses in {@code post status}, through the real CLI on SQLite. */
class StatusCommandTest {
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
        ok("project", "add", "Ideas", "--slug", "ideas");
    }

    @Test
    void statuses_are_added_used_by_post_status_and_deleted_moving_their_posts() throws Exception {
        assertThat(ok("status", "list", "ideas").out()).contains("1. open (Open, open, #6b7280), 0 posts",
                "5. declined (Declined, closed, #ef4444)");
        JsonNode beta = json("status", "add", "ideas", "Shipped (beta)", "--slug", "shipped-beta", "--kind", "active",
                "--color", "#8b5cf6", "--position", "3", "--json");
        assertThat(beta.get("position").asInt()).isEqualTo(3);
        String id = json("post", "create", "ideas", "--title", "Dark mode", "--json").get("id").asText();

        assertThat(ok("post", "status", id, "shipped-beta").out()).startsWith("Post " + id + " is now shipped-beta");
        assertThat(json("status", "edit", "ideas", "shipped-beta", "--name", "Beta", "--json").get("name").asText())
                .isEqualTo("Beta");

        CliRun.Result refused = cli().run("status", "delete", "ideas", "shipped-beta");
        assertThat(refused.exitCode()).isEqualTo(4);
        assertThat(refused.err()).contains("give move_to");
        assertThat(ok("status", "delete", "ideas", "shipped-beta", "--move-to", "planned").out())
                .isEqualTo("Deleted status: shipped-beta; its posts are now planned\n");
        assertThat(json("post", "show", id, "--json").get("status").asText()).isEqualTo("planned");
        assertThat(json("status", "list", "ideas", "--json")).hasSize(5);
    }

    @Test
    void categories_and_tags_are_managed_and_tags_filter_the_post_list() throws Exception {
        assertThat(json("category", "add", "ideas", "Idea", "--json").get("slug").asText()).isEqualTo("idea");
        assertThat(ok("category", "list", "ideas").out()).contains("5. idea (Idea), 0 posts");
        String id = json("post", "create", "ideas", "--title", "Dark mode", "--category", "idea", "--json")
                .get("id").asText();
        ok("category", "delete", "ideas", "idea", "--move-to", "feature");
        assertThat(json("post", "show", id, "--json").get("category").asText()).isEqualTo("feature");

        ok("tag", "add", "ideas", "Mobile", "--color", "#123456");
        assertThat(ok("tag", "list", "ideas").out()).isEqualTo("  mobile (Mobile, #123456)\n");
        assertThat(ok("tag", "set", id, "mobile").out()).isEqualTo("Post " + id + " has tags: mobile\n");
        assertThat(json("post", "list", "ideas", "--tag", "mobile", "--json")).hasSize(1);
        ok("tag", "edit", "ideas", "mobile", "--name", "Mobile apps");
        ok("tag", "delete", "ideas", "mobile");
        assertThat(json("post", "show", id, "--json").get("tags")).isEmpty();
    }
}
