package io.rungu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The post and comment commands through the real CLI on a real SQLite file. */
class PostCommandTest {
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

    private String newPost(String title, String... more) throws Exception {
        String[] args = new String[5 + more.length];
        System.arraycopy(new String[] {"post", "create", "ideas", "--title", title}, 0, args, 0, 5);
        System.arraycopy(more, 0, args, 5, more.length);
        String[] withJson = java.util.Arrays.copyOf(args, args.length + 1);
        withJson[args.length] = "--json";
        return json(withJson).get("id").asText();
    }

    @BeforeEach
    void board() {
        ok("login-link", "admin@example.com", "--admin", "--name", "Ada Admin");
        ok("login-link", "member@example.com", "--name", "Mia Member");
        ok("project", "add", "Ideas", "--slug", "ideas");
    }

    @Test
    void a_post_is_created_as_the_first_admin_and_shows_in_the_list_and_on_its_own() throws Exception {
        ok("login-link", "later@example.com", "--admin", "--name", "Later Admin");
        CliRun.Result created = ok("post", "create", "ideas", "--title", "Dark mode", "--description", "Please",
                "--category", "feature");
        assertThat(created.out()).startsWith("Created post ").endsWith(": Dark mode\n");
        String id = created.out().substring("Created post ".length(), created.out().indexOf(':'));

        CliRun.Result list = ok("post", "list", "ideas");
        assertThat(list.out().lines().findFirst().orElseThrow()).matches("ID +STATUS +CATEGORY +VOTES +COMMENTS +TITLE");
        assertThat(list.out()).contains(id, "open", "feature", "Dark mode").contains("Page 1 of 1, 1 post.");

        JsonNode shown = json("post", "show", id, "--json");
        assertThat(shown.get("title").asText()).isEqualTo("Dark mode");
        assertThat(shown.get("creator").get("name").asText()).isEqualTo("Ada Admin");
        assertThat(shown.has("created_by")).isTrue();
        assertThat(ok("post", "show", id).out()).startsWith("Dark mode\n").contains("author:    Ada Admin", "Please");
    }

    @Test
    void writes_act_as_the_given_user_and_the_board_decides_what_they_may_do() throws Exception {
        String id = newPost("Mine", "--as", "member@example.com");
        assertThat(json("post", "show", id, "--json").get("creator").get("name").asText()).isEqualTo("Mia Member");

        CliRun.Result status = cli().run("post", "status", id, "planned", "--as", "member@example.com");
        assertThat(status.exitCode()).as(status.toString()).isEqualTo(5);
        assertThat(status.err()).isEqualTo("rungu: Only admins can change a post's status\n");

        assertThat(ok("post", "status", id, "planned").out()).isEqualTo("Post " + id + " is now planned: Mine\n");
        assertThat(json("post", "edit", id, "--title", "Mine, edited", "--as", "member@example.com", "--json")
                .get("title").asText()).isEqualTo("Mine, edited");
        assertThat(ok("post", "delete", id, "--as", "member@example.com").out()).isEqualTo("Deleted post " + id + "\n");

        CliRun.Result gone = cli().run("post", "show", id);
        assertThat(gone.exitCode()).isEqualTo(3);
        assertThat(gone.err()).isEqualTo("rungu: Post not found\n");
    }

    @Test
    void without_an_admin_a_write_needs_as() {
        CliRun fresh = CliRun.in(home).env("RUNGU_DATA_DIR", home.resolve("other").toString());
        fresh.run("project", "add", "Empty", "--slug", "empty");

        CliRun.Result r = fresh.run("post", "create", "empty", "--title", "Hello");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
        assertThat(r.err()).startsWith("rungu: No admin account yet: pass --as EMAIL");
    }

    @Test
    void bad_values_get_the_models_messages_and_exit_4() {
        CliRun.Result status = cli().run("post", "list", "ideas", "--status", "finished");
        assertThat(status.exitCode()).isEqualTo(4);
        assertThat(status.err()).isEqualTo(
                "rungu: Unknown status 'finished'; this board's statuses are: open, planned, in_progress, done, "
                        + "declined\n");

        CliRun.Result perPage = cli().run("post", "list", "ideas", "--per-page", "500");
        assertThat(perPage.exitCode()).isEqualTo(4);
        assertThat(perPage.err()).isEqualTo("rungu: per_page must be between 1 and 100\n");

        CliRun.Result title = cli().run("post", "create", "ideas", "--title", " ");
        assertThat(title.exitCode()).as(title.toString()).isEqualTo(4);

        CliRun.Result board = cli().run("post", "list", "nope");
        assertThat(board.exitCode()).isEqualTo(3);
        assertThat(board.err()).isEqualTo("rungu: Project not found\n");

        assertThat(cli().run("post", "list", "ideas", "--json", "--jsonl").exitCode()).as("exclusive formats").isEqualTo(2);
    }

    @Test
    void filters_sort_search_and_pages_are_the_boards() throws Exception {
        String bug = newPost("Crash on save", "--category", "bug");
        newPost("Export to PDF", "--category", "feature");
        newPost("Offline mode", "--category", "feature");

        assertThat(json("post", "list", "ideas", "--category", "bug", "--json")).hasSize(1);
        assertThat(json("post", "list", "ideas", "--search", "cras", "--json").get(0).get("id").asText()).isEqualTo(bug);
        assertThat(json("post", "list", "ideas", "--sort", "oldest", "--json").get(0).get("id").asText()).isEqualTo(bug);
        assertThat(json("post", "list", "ideas", "--per-page", "2", "--page", "2", "--json")).hasSize(1);
        assertThat(ok("post", "list", "ideas", "--per-page", "2").out()).contains("Page 1 of 2, 3 posts. Next: --page 2");
        assertThat(ok("post", "list", "ideas", "--status", "done").out()).isEqualTo("No posts found.\n");

        CliRun.Result stream = ok("post", "list", "ideas", "--jsonl", "--per-page", "2");
        assertThat(stream.out().lines().map(l -> {
            try {
                return JSON.readTree(l).get("title").asText();
            } catch (Exception e) {
                throw new AssertionError(l, e);
            }
        }).toList()).containsExactly("Offline mode", "Export to PDF", "Crash on save");
        assertThat(cli().run("post", "list", "ideas", "--jsonl", "--page", "2").exitCode()).isEqualTo(2);
    }

    @Test
    void csv_lists_every_post_with_links_to_the_public_url() throws Exception {
        String id = newPost("=cmd|' /C calc'!A0", "--description", "a, b");
        newPost("Second");

        CliRun.Result csv = ok("post", "list", "ideas", "--csv", "--sort", "oldest");
        assertThat(csv.out()).startsWith("id,title,description,category,status,votes,comments,author,created,updated,url\r\n"
                + id + ",'=cmd|' /C calc'!A0,\"a, b\",feedback,open,0,0,Ada Admin,")
                .contains(",http://localhost:3000/board/ideas/post/" + id + "\r\n")
                .endsWith("\r\n");
        assertThat(csv.out().split("\r\n")).hasSize(3);
        assertThat(cli().env("RUNGU_BASE_URL", "https://feedback.example.com/fb").run("post", "list", "ideas", "--csv").out())
                .contains(",https://feedback.example.com/fb/board/ideas/post/" + id + "\r\n");

        CliRun.Result missing = cli().run("post", "list", "nope", "--csv");
        assertThat(missing.exitCode()).isEqualTo(3);
        assertThat(missing.out()).isEmpty();
        assertThat(cli().run("post", "list", "ideas", "--csv", "--json").exitCode()).isEqualTo(2);
    }

    @Test
    void a_vote_is_a_users_and_reads_show_it_only_to_them() throws Exception {
        String id = newPost("Vote me");
        assertThat(ok("post", "vote", id, "--as", "member@example.com").out())
                .isEqualTo("Voted for post " + id + "; it has 1 vote.\n");
        assertThat(json("post", "vote", id, "--as", "member@example.com", "--json").toString())
                .as("voting again changes nothing").isEqualTo("{\"voted\":true,\"vote_count\":1}");

        assertThat(json("post", "show", id, "--json", "--as", "member@example.com").get("user_voted").asBoolean()).isTrue();
        assertThat(json("post", "show", id, "--json").get("user_voted").asBoolean()).as("anonymous").isFalse();
        assertThat(json("post", "list", "ideas", "--json", "--as", "member@example.com").get(0).get("user_voted")
                .asBoolean()).isTrue();

        assertThat(ok("post", "vote", id, "--as", "member@example.com", "--remove").out())
                .isEqualTo("No vote on post " + id + "; it has 0 votes.\n");
        CliRun.Result noVoter = cli().run("post", "vote", id);
        assertThat(noVoter.exitCode()).as("--as is required").isEqualTo(2);
        CliRun.Result unknown = cli().run("post", "vote", id, "--as", "nobody@example.com");
        assertThat(unknown.exitCode()).isEqualTo(3);
        assertThat(unknown.err()).isEqualTo("rungu: No user with email nobody@example.com\n");
    }

    @Test
    void comments_and_replies_are_added_as_a_user_and_listed_as_a_thread() throws Exception {
        String id = newPost("Talk about it");
        JsonNode first = json("comment", "add", id, "First!", "--as", "member@example.com", "--json");
        ok("comment", "add", id, "A reply", "--as", "admin@example.com", "--parent", first.get("id").asText());

        CliRun.Result thread = ok("comment", "list", id);
        assertThat(thread.out()).containsPattern("(?m)^Mia Member  \\S+  " + first.get("id").asText() + "\n  First!\n"
                + "  Ada Admin  \\S+  \\S+\n    A reply\n").endsWith("Page 1 of 1, 2 comments.\n");
        JsonNode listed = json("comment", "list", id, "--json");
        assertThat(listed).hasSize(2);
        assertThat(listed.get(1).get("parent_id").asText()).isEqualTo(first.get("id").asText());
        assertThat(json("post", "show", id, "--json").get("comment_count").asInt()).isEqualTo(2);
        assertThat(ok("comment", "list", id, "--jsonl", "--per-page", "1").out().lines()
                .map(l -> l.substring(0, l.indexOf(',')))).as("every page, one record per line")
                .containsExactly("{\"id\":\"" + first.get("id").asText() + "\"", "{\"id\":\"" + listed.get(1).get("id").asText() + "\"");

        CliRun.Result empty = cli().run("comment", "add", id, "", "--as", "member@example.com");
        assertThat(empty.exitCode()).as(empty.toString()).isEqualTo(4);
        assertThat(cli().run("comment", "list", "no-such-post").exitCode()).isEqualTo(3);
    }
}
