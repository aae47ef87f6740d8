package io.rungu.store.internal.board;

import io.rungu.model.Actor;
import io.rungu.model.RunguException;
import io.rungu.store.DataExport;
import io.rungu.store.internal.archive.ArchiveWriter;
import java.io.OutputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** Downloads of the Board: the portable archive for admins, and a person's own data. */
final class Exports {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);
    private final Context cx;

    Exports(Context cx) {
        this.cx = cx;
    }

    DataExport archive(Actor actor, List<String> slugs) {
        Permissions.adminReader(actor);
        List<String> wanted = slugs == null ? List.of() : slugs.stream().distinct().toList();
        List<String> ids = wanted.isEmpty() ? null : cx.db().read(h -> wanted.stream()
                .map(slug -> h.createQuery("SELECT id FROM projects WHERE slug = ?").bind(0, slug)
                        .mapTo(String.class).findOne().orElseThrow(() -> RunguException.notFound("Project not found")))
                .toList());
        Instant at = cx.now();
        String name = "rungu-" + (wanted.size() == 1 ? wanted.get(0) + "-" : "export-") + STAMP.format(at) + ".json.gz";
        return export(name, "application/gzip",
                out -> new ArchiveWriter(cx.db()).writeBoards(ids, at, ArchiveWriter.generator(), out, null));
    }

    DataExport personal(Actor actor) {
        Actor.Account account = Permissions.personal(actor);
        Instant at = cx.now();
        return export("rungu-my-data-" + STAMP.format(at) + ".json", "application/json",
                out -> new ArchiveWriter(cx.db()).writePersonal(account.userId(), at, ArchiveWriter.generator(), out));
    }

    private static DataExport export(String name, String type, java.util.function.Consumer<OutputStream> write) {
        return new DataExport() {
            @Override
            public String fileName() {
                return name;
            }

            @Override
            public String contentType() {
                return type;
            }

            @Override
            public void writeTo(OutputStream out) {
                write.accept(out);
            }
        };
    }
}
