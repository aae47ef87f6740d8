package io.rungu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeedCommandTest {
    @TempDir
    Path home;

    private CliRun cli() {
        return CliRun.in(home).env("RUNGU_DB", home.resolve("seed.db").toString());
    }

    @Test
    void seed_writes_the_asked_counts_and_reports_progress_on_stderr() throws Exception {
        CliRun.Result result = cli().run("seed", "--projects", "2", "--posts", "50", "--votes", "100",
                "--comments", "30", "--users", "10", "--seed", "7");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("2 boards, 10 users, 50 posts, 100 votes, 30 comments");
        assertThat(result.err()).contains("posts: 50/50 (100%)");

        JsonNode projects = new ObjectMapper().readTree(cli().run("project", "list", "--json").out());
        assertThat(projects).hasSize(2);
        long posts = 0;
        for (JsonNode p : projects) {
            posts += p.get("post_count").asLong();
        }
        assertThat(posts).isEqualTo(50);
    }

    @Test
    void impossible_counts_are_invalid_input() {
        CliRun.Result result = cli().run("seed", "--posts", "2", "--users", "1", "--votes", "5");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(4);
        assertThat(result.err()).startsWith("rungu: votes must be at most");
    }

    @Test
    void demo_adds_a_small_dataset() {
        CliRun.Result result = cli().run("demo");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("3 boards", "300 posts");
    }
}
