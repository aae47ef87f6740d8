package io.rungu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectCommandTest {
    @TempDir
    Path home;

    private String db;

    @BeforeEach
    void database() {
        db = home.resolve("board.db").toString();
    }

    private CliRun.Result rungu(String... args) {
        return CliRun.in(home).env("RUNGU_DB", db).run(args);
    }

    @Test
    void a_fresh_database_has_no_projects() {
        CliRun.Result result = rungu("project", "list");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).isEqualTo("No projects found." + System.lineSeparator());
    }

    @Test
    void add_creates_a_project_with_a_slug_derived_from_the_name() {
        CliRun.Result added = rungu("project", "add", "Mobile App", "--description", "The iOS and Android app");

        assertThat(added.exitCode()).as(added.toString()).isZero();
        assertThat(added.out()).isEqualTo("Created project: Mobile App (mobile-app)" + System.lineSeparator());
        assertThat(rungu("project", "list").out()).contains("Mobile App (mobile-app), 0 posts");
    }

    @Test
    void list_json_is_an_array_with_the_api_field_names() throws Exception {
        rungu("project", "add", "Web", "-s", "web", "--description", "Site");
        rungu("project", "add", "API", "--slug", "api");

        CliRun.Result result = rungu("project", "list", "--json");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        JsonNode json = new ObjectMapper().readTree(result.out());
        assertThat(json.isArray()).isTrue();
        assertThat(json).hasSize(2);
        assertThat(json.findValuesAsText("slug")).containsExactlyInAnyOrder("web", "api");
        JsonNode web = json.get(0).get("slug").asText().equals("web") ? json.get(0) : json.get(1);
        assertThat(web.get("description").asText()).isEqualTo("Site");
        assertThat(web.get("post_count").asLong()).isZero();
        assertThat(web.get("created_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        java.util.List<String> fields = new java.util.ArrayList<>();
        web.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).as("the REST and MCP project record").containsExactly("id", "slug", "name", "description",
                "created_at", "post_count", "visibility", "moderation");
    }

    @Test
    void a_taken_slug_is_a_conflict_with_exit_4() {
        rungu("project", "add", "Web", "--slug", "web");

        CliRun.Result again = rungu("project", "add", "Website", "--slug", "web");

        assertThat(again.exitCode()).as(again.toString()).isEqualTo(4);
        assertThat(again.err()).startsWith("rungu: ").doesNotContain("\tat ");
        assertThat(again.err().lines()).hasSize(1);
    }

    @Test
    void an_invalid_slug_is_invalid_input_with_exit_4() {
        CliRun.Result result = rungu("project", "add", "Web", "--slug", "Not A Slug!");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(4);
        assertThat(result.err()).startsWith("rungu: ");
    }

    @Test
    void delete_with_yes_removes_the_project() {
        rungu("project", "add", "Web", "--slug", "web");

        CliRun.Result deleted = rungu("project", "delete", "web", "--yes");

        assertThat(deleted.exitCode()).as(deleted.toString()).isZero();
        assertThat(deleted.out()).contains("Deleted project: Web (web)");
        assertThat(rungu("project", "list").out()).contains("No projects found.");
    }

    @Test
    void delete_asks_first_and_keeps_the_project_unless_the_answer_is_yes() {
        rungu("project", "add", "Web", "--slug", "web");

        CliRun.Result refused = CliRun.in(home).env("RUNGU_DB", db).stdin("n\n").run("project", "delete", "web");
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
        assertThat(refused.err()).contains("Delete project web with 0 posts? [y/N]", "Not deleted");
        assertThat(rungu("project", "list").out()).contains("(web)");

        CliRun.Result confirmed = CliRun.in(home).env("RUNGU_DB", db).stdin("y\n").run("project", "delete", "web");
        assertThat(confirmed.exitCode()).as(confirmed.toString()).isZero();
        assertThat(rungu("project", "list").out()).contains("No projects found.");
    }

    @Test
    void deleting_a_missing_project_is_not_found_with_exit_3() {
        CliRun.Result result = rungu("project", "delete", "nope", "--yes");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
        assertThat(result.err()).isEqualTo("rungu: Project not found" + System.lineSeparator());
    }

    @Test
    void a_missing_name_is_a_usage_error_with_exit_2() {
        CliRun.Result result = rungu("project", "add");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("Missing required parameter: 'NAME'");
    }

    @Test
    void the_cache_setting_is_checked_before_the_database_opens() {
        CliRun.Result tooLong = CliRun.in(home).env("RUNGU_DB", db).env("RUNGU_CACHE_TTL", "2h").run("project", "list");
        CliRun.Result notADuration = CliRun.in(home).env("RUNGU_DB", db).env("RUNGU_CACHE_TTL", "soon")
                .run("project", "list");
        CliRun.Result off = CliRun.in(home).env("RUNGU_DB", db).env("RUNGU_CACHE_TTL", "0s").run("project", "list");
        CliRun.Result millis = CliRun.in(home).env("RUNGU_DB", db).env("RUNGU_CACHE_TTL", "250ms").run("project", "list");

        assertThat(tooLong.exitCode()).as(tooLong.toString()).isEqualTo(4);
        assertThat(tooLong.err()).isEqualTo("rungu: RUNGU_CACHE_TTL must be between 0s (no caching) and 1h, got 2h"
                + System.lineSeparator());
        assertThat(notADuration.exitCode()).as(notADuration.toString()).isEqualTo(4);
        assertThat(notADuration.err()).contains("RUNGU_CACHE_TTL: expected a duration such as 30s");
        assertThat(off.exitCode()).as(off.toString()).isZero();
        assertThat(millis.exitCode()).as(millis.toString()).isZero();
    }
}
