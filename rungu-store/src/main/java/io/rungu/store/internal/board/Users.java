package io.rungu.store.internal.board;

import io.rungu.model.Actor;
import io.rungu.model.Limits;
import io.rungu.model.Page;
import io.rungu.model.PageRequest;
import io.rungu.model.Role;
import io.rungu.model.RunguException;
import io.rungu.model.User;
import io.rungu.store.Board;
import io.rungu.store.internal.audit.Changes;
import java.util.List;
import java.util.Locale;
import org.jdbi.v3.core.Handle;

/** The actor's own account and the admin's user list and roles. */
final class Users {
    private final Context cx;

    Users(Context cx) {
        this.cx = cx;
    }

    User me(Actor actor) {
        Actor.Account account = Permissions.signedIn(actor);
        return cx.db().read(h -> byId(h, account.userId()));
    }

    Page<User> list(Actor actor, String query, PageRequest page) {
        Permissions.adminReader(actor);
        String q = query == null ? "" : query.strip();
        if (q.codePointCount(0, q.length()) > Limits.USER_QUERY_MAX) {
            throw RunguException.invalid("q", "The user search is at most " + Limits.USER_QUERY_MAX + " characters");
        }
        // lower() on both sides: SQLite folds ASCII letters only, so non-ASCII matching is exact there.
        // '!' escapes LIKE wildcards: a backslash would be taken by the SQL statement parser.
        String where = "u.email IS NOT NULL" + (q.isEmpty() ? ""
                : " AND (lower(u.name) LIKE :pattern ESCAPE '!' OR lower(u.email) LIKE :pattern ESCAPE '!')");
        String pattern = "%" + q.toLowerCase(Locale.ROOT).replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
        return cx.db().read(h -> {
            var select = h.createQuery("SELECT " + Rows.USER_COLUMNS + " FROM users u WHERE " + where
                            + " ORDER BY u.created_at DESC, u.id DESC LIMIT :limit OFFSET :offset")
                    .bind("limit", page.perPage()).bind("offset", page.offset());
            var count = h.createQuery("SELECT count(*) FROM users u WHERE " + where);
            if (!q.isEmpty()) {
                select.bind("pattern", pattern);
                count.bind("pattern", pattern);
            }
            var items = select.map(Rows.USER).list();
            long total = count.mapTo(Long.class).one();
            return new Page<>(items, page.page(), page.perPage(), total);
        });
    }

    User setRole(Actor actor, String userId, Role role) {
        Actor.Account admin = Permissions.admin(actor);
        if (role == null) {
            throw RunguException.invalid("role", "Role is required");
        }
        return cx.db().write(h -> {
            User user = live(h, userId);
            if (user.role() == Role.ADMIN && role != Role.ADMIN) {
                long admins = h.createQuery("SELECT count(*) FROM (SELECT id FROM users WHERE role = 'admin'"
                                + cx.db().dialect().lockRows() + ") admins")
                        .mapTo(Long.class).one();
                if (admins <= 1) {
                    throw RunguException.conflict("The last admin cannot be demoted; promote another admin first");
                }
            }
            h.createUpdate("UPDATE users SET role = :role" + (role == Role.ADMIN ? ", blocked = 0" : "")
                    + " WHERE id = :id").bind("role", role.wire()).bind("id", userId).execute();
            cx.audit(h, admin, "user.role_changed", "user", userId, null,
                    Changes.of().field("role", user.role(), role));
            return byId(h, userId);
        });
    }

    /**
     * Blocks or unblocks a member (admin). Admins cannot be blocked (demote first), and nobody blocks themself;
     * promoting a member to admin lifts a block.
     */
    User setBlocked(Actor actor, String userId, boolean blocked) {
        Actor.Account account = Permissions.admin(actor);
        if (blocked && account.userId().equals(userId)) {
            throw RunguException.conflict("You cannot block yourself");
        }
        return cx.db().write(h -> {
            User user = live(h, userId);
            if (blocked && user.role() == Role.ADMIN) {
                throw RunguException.conflict("Admins cannot be blocked; demote them to member first");
            }
            h.createUpdate("UPDATE users SET blocked = :blocked WHERE id = :id")
                    .bind("blocked", blocked ? 1 : 0).bind("id", userId).execute();
            if (user.blocked() != blocked) {
                cx.audit(h, account, blocked ? "user.blocked" : "user.unblocked", "user", userId, null,
                        Changes.of().field("blocked", user.blocked(), blocked));
            }
            return byId(h, userId);
        });
    }

    User updateProfile(Actor actor, String name) {
        Actor.Account account = Permissions.writer(actor);
        String clean = Text.atMost("name", Text.required("name", name, "Name is required"),
                Limits.USER_NAME_MAX, "Name");
        return cx.db().write(h -> {
            h.createUpdate("UPDATE users SET name = :name WHERE id = :id")
                    .bind("name", clean).bind("id", account.userId()).execute();
            // The name itself stays out of the log: erasing an account must erase its name everywhere.
            cx.audit(h, account, "user.profile_edited", "user", account.userId(), null, Changes.of());
            return byId(h, account.userId());
        });
    }

    /** Tables whose rows belong to a user and go with an erased account (votes first: their triggers fix counts). */
    private static final List<String> OWNED = List.of("votes", "sessions", "sign_in_links", "api_tokens",
            "oauth_grants", "oauth_codes",
            "user_identities", "post_subscriptions", "project_subscriptions", "notification_settings",
            "merged_votes", "merged_subscriptions");

    void delete(Actor actor, String userId) {
        Actor.Account account = Permissions.writer(actor);
        if (!account.userId().equals(userId)) {
            Permissions.admin(actor);
        }
        cx.db().writeVoid(h -> {
            User user = live(h, userId);
            if (user.role() == Role.ADMIN) {
                long admins = h.createQuery("SELECT count(*) FROM (SELECT id FROM users WHERE role = 'admin'"
                                + cx.db().dialect().lockRows() + ") admins")
                        .mapTo(Long.class).one();
                if (admins <= 1) {
                    throw RunguException.conflict("The last admin cannot be deleted; promote another admin first");
                }
            }
            for (String table : OWNED) {
                h.createUpdate("DELETE FROM " + table + " WHERE user_id = :id").bind("id", userId).execute();
            }
            // Sign-in links mailed to the address go too: one used later would make a new account for it.
            h.createUpdate("DELETE FROM email_sign_in_links WHERE email = :email").bind("email", user.email())
                    .execute();
            // Pending emails to the account go (their event links first), and events no longer name it.
            h.createUpdate("DELETE FROM notification_events WHERE notification_id IN "
                    + "(SELECT id FROM notifications WHERE user_id = :id)").bind("id", userId).execute();
            h.createUpdate("DELETE FROM notifications WHERE user_id = :id").bind("id", userId).execute();
            h.createUpdate("UPDATE outbox SET actor_id = NULL WHERE actor_id = :id").bind("id", userId).execute();
            h.createUpdate("UPDATE users SET email = NULL, name = :name, avatar_url = '', role = 'member' "
                    + "WHERE id = :id").bind("name", Board.DELETED_USER_NAME).bind("id", userId)
                    .execute();
            cx.audit(h, account, "user.deleted", "user", userId, null, Changes.of().removed("role", user.role()));
        });
        cx.db().eraseFreedData();
    }

    /** A user whose account was not erased (an erased account has no email); NOT_FOUND otherwise. */
    private static User live(Handle h, String userId) {
        User user = byId(h, userId);
        if (user.email() == null) {
            throw RunguException.notFound("User not found");
        }
        return user;
    }

    private static User byId(Handle h, String userId) {
        return h.createQuery("SELECT " + Rows.USER_COLUMNS + " FROM users u WHERE u.id = :id").bind("id", userId)
                .map(Rows.USER).findOne()
                .orElseThrow(() -> RunguException.notFound("User not found"));
    }
}
