package io.rungu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every database mistake a user can make with --db is one line naming the path, with its own exit code. */
class DatabaseErrorsTest {
    @TempDir
    Path home;

    @Test
    void a_directory_is_named_as_such_with_a_file_to_use_instead() {
        CliRun.Result result = CliRun.in(home).run("--db", home.toString(), "project", "list");

        assertOneLine(result, home + " is a directory, not a database file; give a file such as "
                + home.resolve("rungu.db"));
        assertThat(home.resolve("rungu.db")).doesNotExist();
    }

    @Test
    void a_file_that_is_not_a_database_is_named_and_left_alone() throws Exception {
        Path notes = Files.writeString(home.resolve("notes.txt"), "shopping list: milk, eggs, bread and more text "
                + "than the sixteen bytes of a header");

        CliRun.Result result = CliRun.in(home).run("--db", notes.toString(), "project", "list");

        assertOneLine(result, notes + " is not a database file (SQLite cannot read it); check --db and RUNGU_DB");
        assertThat(Files.readString(notes)).startsWith("shopping list");
    }

    @Test
    void a_place_where_no_file_can_be_created_is_named() {
        // Even root cannot create files in /proc, so this holds whoever runs the tests.
        Path unwritable = Path.of("/proc/rungu-test.db");

        CliRun.Result result = CliRun.in(home).run("--db", unwritable.toString(), "project", "list");

        assertOneLine(result, "cannot open or create database " + unwritable
                + ": check that its directory exists and is writable by this user");
    }

    @Test
    void a_missing_migrate_source_is_refused_instead_of_copied_from_an_empty_new_database() {
        Path missing = home.resolve("old.db");

        CliRun.Result result = CliRun.in(home).run("migrate", "--from", missing.toString(),
                "--to", home.resolve("new.db").toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.DATABASE);
        assertThat(result.err()).contains("no database at " + missing);
        assertThat(missing).doesNotExist();
    }

    @Test
    void a_backup_of_a_missing_database_creates_nothing_and_keeps_the_old_backup() throws Exception {
        Path old = Files.writeString(home.resolve("backup.db"), "yesterday's backup");

        CliRun.Result result = CliRun.in(home).run("--db", home.resolve("typo.db").toString(), "backup",
                "--to", old.toString(), "--replace");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.DATABASE);
        assertThat(home.resolve("typo.db")).doesNotExist();
        assertThat(Files.readString(old)).isEqualTo("yesterday's backup");
    }

    private static void assertOneLine(CliRun.Result result, String message) {
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.DATABASE);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).isEqualTo("rungu: " + message + System.lineSeparator());
    }
}
