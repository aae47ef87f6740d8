package io.rungu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar runs on its own: manifest, merged service files, logging backend, trimmed SQLite natives. */
class FatJarIT {
    @TempDir
    Path dir;

    @Test
    void the_jar_prints_its_version() throws Exception {
        CliRun.Result result = FatJar.run(Map.of(), "--version");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).startsWith("rungu " + Version.current());
    }

    @Test
    void the_jar_checks_a_database_and_logs_only_to_stderr() throws Exception {
        assertThat(FatJar.run(Map.of("RUNGU_DATA_DIR", dir.toString()), "project", "list").exitCode()).isZero();

        CliRun.Result result = FatJar.run(Map.of("RUNGU_DATA_DIR", dir.toString()), "healthcheck");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).isEqualTo("OK" + System.lineSeparator());
        assertThat(dir.resolve("rungu.db")).exists();
    }

    @Test
    void the_jar_keeps_only_the_common_sqlite_native_libraries() throws Exception {
        java.util.List<String> natives = new java.util.ArrayList<>();
        try (java.util.jar.JarFile jar = new java.util.jar.JarFile(FatJar.jar().toFile())) {
            jar.stream().map(java.util.jar.JarEntry::getName)
                    .filter(n -> n.startsWith("org/sqlite/native/") && !n.endsWith("/")).forEach(natives::add);
        }
        assertThat(natives).containsExactlyInAnyOrder(
                "org/sqlite/native/Linux/x86_64/libsqlitejdbc.so", "org/sqlite/native/Linux/aarch64/libsqlitejdbc.so",
                "org/sqlite/native/Linux-Musl/x86_64/libsqlitejdbc.so", "org/sqlite/native/Linux-Musl/aarch64/libsqlitejdbc.so",
                "org/sqlite/native/Mac/x86_64/libsqlitejdbc.dylib", "org/sqlite/native/Mac/aarch64/libsqlitejdbc.dylib",
                "org/sqlite/native/Windows/x86_64/sqlitejdbc.dll");
    }

    @Test
    void the_jar_reports_an_unusable_database_in_one_line_with_its_exit_code() throws Exception {
        java.nio.file.Files.writeString(dir.resolve("file"), "x");

        CliRun.Result result = FatJar.run(Map.of(), "--db", dir.resolve("file/rungu.db").toString(), "healthcheck");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.DATABASE);
        assertThat(result.err()).contains("rungu: ").doesNotContain("\tat ");
    }
}
