package io.rungu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.rungu.store.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rungu export} and {@code rungu import}: the portable archive through the CLI, SQLite to PostgreSQL. */
class ExportImportCommandTest {
    @TempDir
    Path home;

    private CliRun cli(String db) {
        return CliRun.in(home).env("RUNGU_DB", db);
    }

    @Test
    void a_seeded_database_goes_to_postgres_and_back_with_the_same_archive_and_listings() throws IOException {
        String sqlite = home.resolve("board.db").toString();
        CliRun.Result seeded = cli(sqlite).run("seed", "--projects", "2", "--posts", "120", "--votes", "300",
                "--comments", "80", "--users", "20");
        assertThat(seeded.exitCode()).as(seeded.toString()).isZero();
        Path first = home.resolve("out/first.json.gz");

        CliRun.Result exported = cli(sqlite).run("export", "--to", first.toString());
        assertThat(exported.exitCode()).as(exported.toString()).isZero();
        assertThat(exported.out()).contains("posts 120", "votes 300", "comments 80");
        assertThat(exported.err()).contains("posts: 120/120 (100%)");

        try (TestDatabase.Fresh pg = TestDatabase.POSTGRES.create(home)) {
            String postgres = MigrateCommandTest.postgresUrl(pg.url());
            CliRun.Result imported = cli(postgres).run("import", "--from", first.toString());
            assertThat(imported.exitCode()).as(imported.toString()).isZero();
            assertThat(imported.out()).contains("posts 120", "votes 300");
            assertThat(imported.err()).contains("votes: 300/300 (100%)");
            Path second = home.resolve("second.json.gz");
            assertThat(cli(postgres).run("export", "--to", second.toString()).exitCode()).isZero();
            String back = home.resolve("back.db").toString();
            assertThat(cli(back).run("import", "--from", second.toString()).exitCode()).isZero();
            Path third = home.resolve("third.json.gz");
            assertThat(cli(back).run("export", "--to", third.toString()).exitCode()).isZero();

            assertThat(withoutTime(second)).isEqualTo(withoutTime(first));
            assertThat(withoutTime(third)).isEqualTo(withoutTime(first));
            String slug = cli(sqlite).run("project", "list", "--json").out().replaceAll("(?s).*?\"slug\"\\s*:\\s*\"([^\"]+)\".*", "$1");
            assertThat(slug).startsWith("demo-");
            assertThat(cli(back).run("post", "list", slug, "--json", "--sort", "most_votes").out())
                    .isEqualTo(cli(sqlite).run("post", "list", slug, "--json", "--sort", "most_votes").out());

            CliRun.Result again = cli(back).run("import", "--from", first.toString());
            assertThat(again.exitCode()).as(again.toString()).isEqualTo(ExitCode.INVALID);
            assertThat(again.err()).contains("already exist", "--rename");
            CliRun.Result renamed = cli(back).run("import", "--from", first.toString(), "--rename");
            assertThat(renamed.exitCode()).as(renamed.toString()).isZero();
            assertThat(renamed.out()).contains(slug + " as " + slug + "-2");
        }
    }

    @Test
    void one_board_is_exported_alone_and_an_existing_file_is_kept() throws IOException {
        String sqlite = home.resolve("board.db").toString();
        cli(sqlite).run("project", "add", "Ideas");
        cli(sqlite).run("project", "add", "Bugs");
        Path file = Files.writeString(home.resolve("ideas.json.gz"), "old");

        CliRun.Result refused = cli(sqlite).run("export", "--to", file.toString(), "--project", "ideas");
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(ExitCode.INVALID);
        assertThat(Files.readString(file)).isEqualTo("old");

        CliRun.Result result = cli(sqlite).run("export", "--to", file.toString(), "--project", "ideas", "--replace");
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(text(file)).contains("\"slug\":\"ideas\"").doesNotContain("\"slug\":\"bugs\"");

        CliRun.Result missing = cli(sqlite).run("export", "--to", home.resolve("x.gz").toString(), "--project", "nope");
        assertThat(missing.exitCode()).as(missing.toString()).isEqualTo(ExitCode.NOT_FOUND);
        CliRun.Result notAnArchive = cli(sqlite).run("import", "--from", home.resolve("board.db").toString());
        assertThat(notAnArchive.exitCode()).as(notAnArchive.toString()).isEqualTo(ExitCode.INVALID);
        assertThat(notAnArchive.err()).contains("Not a Rungu archive");
    }

    @Test
    void a_csv_with_a_column_mapping_and_a_fider_backup_move_in() throws IOException {
        String sqlite = home.resolve("board.db").toString();
        Path csv = Files.writeString(home.resolve("posts.csv"), "Headline,Details,State,Email\r\n"
                + "Dark mode,\"Please, a dark theme\",Completed,ada@example.com\r\nExport,,Planned,\r\n");

        CliRun.Result imported = cli(sqlite).run("import", "--from", csv.toString(), "--format", "csv",
                "--map", "title=Headline,description=Details,status=State,author_email=Email", "--into-project", "ideas");
        assertThat(imported.exitCode()).as(imported.toString()).isZero();
        assertThat(imported.out()).contains("posts 2");
        String list = cli(sqlite).run("post", "list", "ideas", "--sort", "oldest").out();
        assertThat(list).containsPattern("done\\s+feedback\\s+0\\s+0\\s+Dark mode").containsPattern("planned.*Export");

        CliRun.Result noBoard = cli(sqlite).run("import", "--from", csv.toString(), "--format", "csv");
        assertThat(noBoard.exitCode()).as(noBoard.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(noBoard.err()).contains("--into-project");

        Path zip = home.resolve("backup.zip");
        try (java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
            for (String table : java.util.List.of("tenants", "users", "posts", "post_votes", "comments")) {
                out.putNextEntry(new java.util.zip.ZipEntry(table + ".json"));
                try (InputStream in = getClass().getClassLoader().getResourceAsStream("import/fider/" + table + ".json")) {
                    in.transferTo(out);
                }
                out.closeEntry();
            }
        }
        CliRun.Result fider = cli(sqlite).run("import", "--from", zip.toString(), "--format", "fider",
                "--into-project", "acme");
        assertThat(fider.exitCode()).as(fider.toString()).isZero();
        assertThat(fider.out()).contains("posts 4", "votes 4", "comments 3");
        assertThat(cli(sqlite).run("post", "list", "acme", "--sort", "most_votes").out())
                .containsPattern("planned\\s+feedback\\s+3\\s+2\\s+Dark mode");

        Path canny = home.resolve("canny");
        Files.createDirectories(canny);
        for (String answer : java.util.List.of("boards", "posts-1", "posts-2", "votes", "comments", "status_changes")) {
            try (InputStream in = getClass().getClassLoader().getResourceAsStream("import/canny/" + answer + ".json")) {
                Files.copy(in, canny.resolve(answer + ".json"));
            }
        }
        CliRun.Result fromCanny = cli(sqlite).run("import", "--from", canny.toString(), "--format", "canny",
                "--into-project", "from-canny");
        assertThat(fromCanny.exitCode()).as(fromCanny.toString()).isZero();
        assertThat(fromCanny.out()).contains("posts 5", "votes 5", "comments 3", "status_changes 3");
        assertThat(cli(sqlite).run("post", "list", "from-canny", "--sort", "oldest").out())
                .containsPattern("planned\\s+appearance\\s+3\\s+2\\s+Dark mode")
                .containsPattern("under_review\\s+feedback\\s+0\\s+0\\s+Crash on login");
        CliRun.Result audit = cli(sqlite).run("audit", "--project", "from-canny", "--action", "project.imported");
        assertThat(audit.out()).containsPattern("\\(system\\)\\s+cli\\s+-\\s+project\\.imported")
                .contains("source: - -> canny");
        assertThat(cli(sqlite).run("audit", "--project", "from-canny", "--json").out())
                .containsPattern("\"posts\"\\s*:\\s*\\{\\s*\"before\"\\s*:\\s*null\\s*,\\s*\"after\"\\s*:\\s*\"5\"");
    }

    static String text(Path archive) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(archive))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static String withoutTime(Path archive) throws IOException {
        try (InputStream in = Files.newInputStream(archive)) {
            return io.rungu.store.ComparableArchive.text(in);
        }
    }
}
