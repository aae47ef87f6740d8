package io.rungu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.rungu.store.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A pipeline migrates with {@code rungu migrate-schema}; servers started with RUNGU_MIGRATE=false then only check. */
class MigrateSchemaCommandTest {
    @TempDir
    Path home;

    @Test
    void migrate_schema_applies_what_servers_without_automatic_migration_refuse_to_do() {
        String db = home.resolve("board.db").toString();
        CliRun.Result refused = CliRun.in(home).env("RUNGU_DB", db).env("RUNGU_MIGRATE", "false").run("project", "list");
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(ExitCode.DATABASE);
        assertThat(refused.err()).contains("rungu migrate-schema");

        CliRun.Result migrated = CliRun.in(home).env("RUNGU_DB", db).run("migrate-schema");
        assertThat(migrated.exitCode()).as(migrated.toString()).isZero();
        assertThat(migrated.out()).contains("Applied", "V001__initial.sql");
        CliRun.Result again = CliRun.in(home).env("RUNGU_DB", db).run("migrate-schema");
        assertThat(again.out()).contains("up to date");

        CliRun.Result listed = CliRun.in(home).env("RUNGU_DB", db).env("RUNGU_MIGRATE", "false").run("project", "list");
        assertThat(listed.exitCode()).as(listed.toString()).isZero();
    }

    @Test
    void the_schema_setting_puts_rungu_in_its_own_postgres_schema() throws Exception {
        try (TestDatabase.Fresh pg = TestDatabase.POSTGRES.create(home)) {
            CliRun.Result migrated = CliRun.in(home).env("RUNGU_DB", pg.url()).env("RUNGU_DB_SCHEMA", "feedback")
                    .run("migrate-schema");
            assertThat(migrated.exitCode()).as(migrated.toString()).isZero();
            try (Connection c = DriverManager.getConnection(pg.url()); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'feedback' "
                         + "AND table_name IN ('users', 'posts', 'rungu_schema_migrations')")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(3);
            }
        }
    }
}
