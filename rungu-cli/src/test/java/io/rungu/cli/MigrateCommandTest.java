package io.rungu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.rungu.store.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrateCommandTest {
    @TempDir
    Path home;

    private CliRun cli(String db) {
        return CliRun.in(home).env("RUNGU_DB", db);
    }

    /** {@code jdbc:postgresql://host:port/db?user=u} as the {@code postgres://u@host:port/db} form users paste. */
    static String postgresUrl(String jdbcUrl) {
        String rest = jdbcUrl.substring("jdbc:postgresql://".length());
        String user = rest.substring(rest.indexOf("user=") + "user=".length());
        return "postgres://" + user + "@" + rest.substring(0, rest.indexOf('?'));
    }

    @Test
    void a_board_moves_from_sqlite_to_postgres_and_back_with_a_progress_bar() {
        String sqlite = home.resolve("board.db").toString();
        String back = home.resolve("back.db").toString();
        CliRun.Result seeded = cli(sqlite).run("seed", "--projects", "2", "--posts", "120", "--votes", "300",
                "--comments", "80", "--users", "20");
        assertThat(seeded.exitCode()).as(seeded.toString()).isZero();
        String projects = cli(sqlite).run("project", "list", "--json").out();

        try (TestDatabase.Fresh pg = TestDatabase.POSTGRES.create(home)) {
            String postgres = postgresUrl(pg.url());
            CliRun.Result there = cli(sqlite).run("migrate", "--from", sqlite, "--to", postgres);
            assertThat(there.exitCode()).as(there.toString()).isZero();
            assertThat(there.out()).contains("posts 120", "votes 300", "comments 80");
            assertThat(there.err()).contains("posts: 120/120 (100%)");
            assertThat(cli(postgres).run("project", "list", "--json").out()).isEqualTo(projects);

            CliRun.Result again = cli(sqlite).run("migrate", "--from", sqlite, "--to", postgres);
            assertThat(again.exitCode()).as(again.toString()).isEqualTo(ExitCode.INVALID);
            assertThat(again.err()).contains("not empty", "--replace");
            assertThat(cli(sqlite).run("migrate", "--from", sqlite, "--to", postgres, "--replace").exitCode()).isZero();

            CliRun.Result home = cli(sqlite).run("migrate", "--from", postgres, "--to", back);
            assertThat(home.exitCode()).as(home.toString()).isZero();
            assertThat(cli(back).run("project", "list", "--json").out()).isEqualTo(projects);
        }
    }

    @Test
    void the_same_database_on_both_sides_is_refused() {
        String sqlite = home.resolve("board.db").toString();
        CliRun.Result result = cli(sqlite).run("migrate", "--from", sqlite, "--to", "jdbc:sqlite:" + sqlite);

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.INVALID);
        assertThat(result.err()).contains("same database");
    }

    @Test
    void backup_copies_a_sqlite_board_and_refuses_to_overwrite() {
        String sqlite = home.resolve("board.db").toString();
        cli(sqlite).run("demo");
        Path file = home.resolve("backups").resolve("board-copy.db");

        CliRun.Result result = cli(sqlite).run("backup", "--to", file.toString());
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(Files.exists(file)).isTrue();
        assertThat(cli(file.toString()).run("project", "list", "--json").out())
                .isEqualTo(cli(sqlite).run("project", "list", "--json").out());

        CliRun.Result twice = cli(sqlite).run("backup", "--to", file.toString());
        assertThat(twice.exitCode()).as(twice.toString()).isEqualTo(ExitCode.INVALID);
        assertThat(twice.err()).contains("already exists");
        assertThat(cli(sqlite).run("backup", "--to", file.toString(), "--replace").exitCode()).isZero();
    }

    @Test
    void backup_of_postgres_points_to_pg_dump() {
        try (TestDatabase.Fresh pg = TestDatabase.POSTGRES.create(home)) {
            CliRun.Result result = cli(pg.url()).run("backup", "--to", home.resolve("x.db").toString());

            assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.INVALID);
            assertThat(result.err()).contains("pg_dump");
        }
    }
}
