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
    void healthcheck_creates_and_checks_the_default_database_and_prints_ok() {
        CliRun.Result result = CliRun.in(home).run("healthcheck");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).isEqualTo("OK" + System.lineSeparator());
        assertThat(home.resolve(".rungu/rungu.db")).exists();
    }

    @Test
    void healthcheck_checks_the_database_given_by_the_variable() {
        Path db = home.resolve("var/x.db");

        CliRun.Result result = CliRun.in(home).env("RUNGU_DB", db.toString()).run("healthcheck");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(db).exists();
        assertThat(home.resolve(".rungu")).doesNotExist();
    }

    @Test
    void the_db_option_is_accepted_after_the_subcommand_too() {
        Path db = home.resolve("after.db");

        CliRun.Result result = CliRun.in(home).run("healthcheck", "--db", db.toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(db).exists();
    }

    @Test
    void healthcheck_fails_with_one_line_and_exit_1_when_the_database_cannot_be_created() throws Exception {
        Path notADirectory = Files.writeString(home.resolve("plain-file"), "x");

        CliRun.Result result = CliRun.in(home).run("--db", notADirectory.resolve("rungu.db").toString(), "healthcheck");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).startsWith("rungu: ").doesNotContain("\tat ");
    }

    @Test
    void an_unsupported_url_is_invalid_input() {
        CliRun.Result result = CliRun.in(home).run("--db", "jdbc:mysql://db/rungu", "healthcheck");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(4);
        assertThat(result.err()).contains("jdbc:sqlite:");
    }
}
