package io.rungu.examples;

import io.rungu.model.Actor;
import io.rungu.model.NewPost;
import io.rungu.model.NewProject;
import io.rungu.model.Role;
import io.rungu.store.Board;
import io.rungu.store.BoardArchive;
import io.rungu.store.RunguStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Exports a board to the portable archive (docs/data-format.md) and imports it into another database, as a host
 * application does for its own backup or migration screens. Both directions stream, in bounded memory.
 *
 * <p>Run: {@code java -cp ... io.rungu.examples.ArchiveExample [work/dir]}
 */
public final class ArchiveExample {
    private ArchiveExample() {}

    public static void main(String[] args) throws IOException {
        Path dir = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("rungu-example");
        System.out.println("Imported: " + run(dir));
    }

    /** Fills one database, exports it, imports the archive into a second one and returns what was imported. */
    static Map<String, Long> run(Path dir) throws IOException {
        Path archive = dir.resolve("rungu-export.json.gz");
        try (RunguStore store = RunguStore.open(db -> db.url = "jdbc:sqlite:" + dir.resolve("old.db"))) {
            Board board = store.board();
            Actor admin = Actor.of(store.accounts().ensureUser("owner@example.com", "Owner", Role.ADMIN).id(), Role.ADMIN);
            board.createProject(admin, new NewProject("Mobile app", "mobile-app", ""));
            board.createPost(admin, "mobile-app", new NewPost("Dark mode", "", null));

            BoardArchive.ExportOptions options = new BoardArchive.ExportOptions();
            options.projects.add("mobile-app");                          // empty: every board and account
            try (OutputStream out = Files.newOutputStream(archive)) {
                BoardArchive.export(store, out, options);
            }
        }
        try (RunguStore store = RunguStore.open(db -> db.url = "jdbc:sqlite:" + dir.resolve("new.db"));
             InputStream in = Files.newInputStream(archive)) {
            BoardArchive.ImportOptions options = new BoardArchive.ImportOptions();
            options.rename = true;                                       // a taken slug becomes mobile-app-2
            options.progress = (section, done, total) -> { };            // e.g. drive a progress bar
            return BoardArchive.importFrom(store, in, options).records();
        }
    }
}
