package io.rungu.store.internal.archive;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/** The {@code users} section: people are matched by email, else created (with their id when it is free). */
final class UserSink implements RecordSink {
    private static final Set<String> ROLES = Set.of("member", "admin");

    private final ImportContext cx;
    private final Batch<Map<String, Object>> batch;

    UserSink(ImportContext cx) {
        this.cx = cx;
        this.batch = new Batch<>(cx.db, (h, rows) -> rows.forEach(r -> match(h, r)));
    }

    @Override
    public boolean accept(Map<String, Object> record) {
        return batch.add(record, 0);
    }

    private void match(Handle h, Map<String, Object> user) {
        String id = Values.text(user, "id");
        String email = Values.text(user, "email");
        email = email == null || email.isBlank() ? null : email.trim().toLowerCase(Locale.ROOT);
        if (email != null) {
            String existing = h.createQuery("SELECT id FROM users WHERE email = ?").bind(0, email)
                    .mapTo(String.class).findOne().orElse(null);
            if (existing != null) {
                cx.users.put(id, existing);
                return;
            }
        }
        boolean taken = h.createQuery("SELECT count(*) FROM users WHERE id = ?").bind(0, id)
                .mapTo(Long.class).one() > 0;
        if (taken && email == null) {
            cx.users.put(id, id);
            return;
        }
        String newId = taken ? cx.ids.get() : id;
        String role = Values.text(user, "role");
        Instant created = cx.time(user, "created_at");
        h.createUpdate("INSERT INTO users (id, email, name, avatar_url, role, created_at, last_login, blocked) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .bind(0, newId).bind(1, email).bind(2, Values.orElse(Values.text(user, "name"), ""))
                .bind(3, Values.orElse(Values.text(user, "avatar_url"), ""))
                .bind(4, ROLES.contains(role) ? role : "member")
                .bind(5, created).bind(6, Values.orElse(ImportContext.optionalTime(user, "last_login"), created))
                .bind(7, Values.set(user, "blocked")).execute();
        cx.users.put(id, newId);
    }

    @Override
    public void finish() {
        batch.flush();
    }

    @Override
    public long written() {
        return batch.written();
    }
}
