package io.rungu.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseLocationTest {
    @TempDir
    Path home;

    private final Map<String, String> env = new HashMap<>();

    private DatabaseLocation resolve(String dbOption) {
        return DatabaseLocation.resolve(dbOption, Environment.of(env, home));
    }

    @Test
    void without_any_setting_the_database_is_rungu_db_under_dot_rungu_in_the_home_directory() {
        DatabaseLocation location = resolve(null);

        assertThat(location.jdbcUrl()).isEqualTo("jdbc:sqlite:" + home.resolve(".rungu/rungu.db"));
        assertThat(location.dataDir()).isEqualTo(home.resolve(".rungu"));
    }

    @Test
    void the_data_directory_variable_moves_the_default_database() {
        env.put("RUNGU_DATA_DIR", home.resolve("data").toString());

        assertThat(resolve(null).jdbcUrl()).isEqualTo("jdbc:sqlite:" + home.resolve("data/rungu.db"));
    }

    @Test
    void rungu_db_wins_over_the_data_directory_and_database_url() {
        env.put("RUNGU_DATA_DIR", home.resolve("data").toString());
        env.put("DATABASE_URL", "postgres://x@db/rungu");
        env.put("RUNGU_DB", home.resolve("env.db").toString());

        DatabaseLocation location = resolve(null);

        assertThat(location.jdbcUrl()).isEqualTo("jdbc:sqlite:" + home.resolve("env.db"));
        assertThat(location.dataDir()).as("an explicit data directory still holds the secret").isEqualTo(home.resolve("data"));
    }

    @Test
    void the_db_option_wins_over_every_variable() {
        env.put("RUNGU_DB", home.resolve("env.db").toString());
        env.put("DATABASE_URL", "postgres://x@db/rungu");

        assertThat(resolve(home.resolve("flag.db").toString()).jdbcUrl()).isEqualTo("jdbc:sqlite:" + home.resolve("flag.db"));
    }

    @Test
    void an_explicit_rungu_db_path_is_used_as_given_unlike_the_original() {
        Path explicit = Path.of("rungu.db").toAbsolutePath();

        DatabaseLocation location = resolve("rungu.db");

        assertThat(location.jdbcUrl()).isEqualTo("jdbc:sqlite:" + explicit);
        assertThat(location.dataDir()).as("the secret sits beside an explicit database").isEqualTo(explicit.getParent());
    }

    @Test
    void a_blank_variable_counts_as_unset() {
        env.put("RUNGU_DB", "  ");

        assertThat(resolve(null).jdbcUrl()).isEqualTo("jdbc:sqlite:" + home.resolve(".rungu/rungu.db"));
    }

    @Test
    void jdbc_urls_are_used_as_given() {
        assertThat(resolve("jdbc:postgresql://db:5432/rungu?user=r").jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/rungu?user=r");
        assertThat(resolve("jdbc:sqlite:/tmp/x.db").jdbcUrl()).isEqualTo("jdbc:sqlite:/tmp/x.db");
    }

    @Test
    void postgres_urls_become_jdbc_urls_with_user_and_password_parameters() {
        assertThat(resolve("postgres://rungu:s%40cret@db.example:6543/feedback").jdbcUrl())
                .isEqualTo("jdbc:postgresql://db.example:6543/feedback?user=rungu&password=s%40cret");
        assertThat(resolve("postgresql://db/feedback?sslmode=require").jdbcUrl())
                .isEqualTo("jdbc:postgresql://db/feedback?sslmode=require");
    }

    @Test
    void the_original_sqlite_urls_are_accepted() {
        assertThat(resolve("sqlite:///var/lib/rungu/rungu.db?mode=rwc").jdbcUrl()).isEqualTo("jdbc:sqlite:/var/lib/rungu/rungu.db");
        assertThat(resolve("sqlite:/data/rungu.db").jdbcUrl()).isEqualTo("jdbc:sqlite:/data/rungu.db");
    }

    @Test
    void passwords_never_appear_in_the_display_name() {
        assertThat(resolve("postgres://rungu:topsecret@db/feedback").displayName()).doesNotContain("topsecret");
        assertThat(resolve("jdbc:postgresql://db/feedback?user=r&password=topsecret").displayName()).doesNotContain("topsecret");
    }

    @Test
    void a_postgres_url_without_host_is_invalid_input() {
        assertThatThrownBy(() -> resolve("postgres:///feedback"))
                .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID));
    }
}
