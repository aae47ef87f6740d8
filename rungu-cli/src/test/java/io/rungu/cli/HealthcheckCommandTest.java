package io.rungu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HealthcheckCommandTest {
    @TempDir
    Path home;

    @Test
    void healthcheck_checks_the_default_database_and_prints_ok() {
        assertThat(CliRun.in(home).run("project", "list").exitCode()).isZero();

        CliRun.Result result = CliRun.in(home).run("healthcheck");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).isEqualTo("OK" + System.lineSeparator());
    }

    @Test
    void healthcheck_on_a_missing_database_fails_and_creates_nothing() {
        Path mistyped = home.resolve("var/lib/rungu/rungo.db");

        CliRun.Result result = CliRun.in(home).run("--db", mistyped.toString(), "healthcheck");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.DATABASE);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).isEqualTo("rungu: no database at " + mistyped
                + "; check --db, RUNGU_DB and RUNGU_DATA_DIR (rungu serve creates it)" + System.lineSeparator());
        assertThat(home.resolve("var")).doesNotExist();
    }

    @Test
    void healthcheck_without_any_database_fails_and_creates_no_data_directory() {
        CliRun.Result result = CliRun.in(home).run("healthcheck");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.DATABASE);
        assertThat(result.err()).contains("no database at " + home.resolve(".rungu/rungu.db"));
        assertThat(home.resolve(".rungu")).doesNotExist();
    }

    @Test
    void healthcheck_checks_the_database_given_by_the_variable() {
        Path db = home.resolve("var/x.db");
        assertThat(CliRun.in(home).env("RUNGU_DB", db.toString()).run("project", "list").exitCode()).isZero();

        CliRun.Result result = CliRun.in(home).env("RUNGU_DB", db.toString()).run("healthcheck");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(home.resolve(".rungu")).doesNotExist();
    }

    @Test
    void the_db_option_is_accepted_after_the_subcommand_too() {
        Path db = home.resolve("after.db");
        assertThat(CliRun.in(home).run("project", "list", "--db", db.toString()).exitCode()).isZero();

        CliRun.Result result = CliRun.in(home).run("healthcheck", "--db", db.toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
    }

    @Test
    void healthcheck_fails_with_one_line_when_the_path_runs_through_a_file() throws Exception {
        Path notADirectory = Files.writeString(home.resolve("plain-file"), "x");

        CliRun.Result result = CliRun.in(home).run("--db", notADirectory.resolve("rungu.db").toString(), "healthcheck");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.DATABASE);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).startsWith("rungu: ").contains(notADirectory + " is a file").doesNotContain("\tat ");
    }

    @Test
    void an_unsupported_url_is_invalid_input() {
        CliRun.Result result = CliRun.in(home).run("--db", "jdbc:mysql://db/rungu", "healthcheck");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(4);
        assertThat(result.err()).contains("jdbc:sqlite:");
    }
}
