package io.rungu.store.internal.board;

import io.rungu.model.Actor;
import io.rungu.model.RunguException;
import io.rungu.model.TokenScope;
import org.jdbi.v3.core.Handle;

/** Who may write what. Reads are public, so only writes come here. */
final class Permissions {
    private Permissions() {}

    /** The account behind a write: signed in, and with credentials that may write. */
    static Actor.Account writer(Actor actor) {
        return Actor.writer(actor);
    }

    /**
     * The account behind a contribution to a board (a new post, a vote, a comment): a writer, or a widget token,
     * which may contribute but do nothing else.
     */
    static Actor.Account contributor(Actor actor) {
        if (actor instanceof Actor.Account account && account.scope() == TokenScope.WIDGET) {
            return account;
        }
        return writer(actor);
    }

    /** A writing admin. */
    static Actor.Account admin(Actor actor) {
        return requireAdmin(writer(actor));
    }

    /** An admin reading admin-only data; read-only credentials suffice. */
    static Actor.Account adminReader(Actor actor) {
        return requireAdmin(signedIn(actor));
    }

    private static Actor.Account requireAdmin(Actor.Account account) {
        if (!account.isAdmin()) {
            throw RunguException.forbidden("Admin access required");
        }
        return account;
    }

    /** Passes for the owner of a thing or an admin; otherwise FORBIDDEN with {@code message}. */
    static void ownerOrAdmin(Actor.Account account, String ownerId, String message) {
        if (!account.isAdmin() && !account.userId().equals(ownerId)) {
            throw RunguException.forbidden(message);
        }
    }

    /** What a blocked member is told when they try to write board content. */
    static final String BLOCKED_MESSAGE = "Your account is blocked from posting on this board";

    /**
     * The rule for writing board content (posts, comments, votes, attachments), inside the write's transaction:
     * an admin has not blocked the acting account (FORBIDDEN). Following posts, notification settings, signing
     * out, exporting and erasing one's own account do not come here, so a blocked member can still do them. (A
     * write that adds a row also checks that the account still exists, {@link Lookups#requireAccount}.)
     */
    static void notBlocked(Handle h, Actor.Account account) {
        boolean blocked = h.createQuery("SELECT blocked FROM users WHERE id = :id").bind("id", account.userId())
                .mapTo(Integer.class).findOne().orElse(0) != 0;
        if (blocked) {
            throw RunguException.forbidden(BLOCKED_MESSAGE);
        }
    }

    /**
     * The signed-in account for a read of personal data (the data export, notification settings): never through a
     * widget token, whose holder is the site embedding the widget as much as the person.
     */
    static Actor.Account personal(Actor actor) {
        Actor.Account account = signedIn(actor);
        if (account.scope() == TokenScope.WIDGET) {
            throw RunguException.forbidden(Actor.WIDGET_MESSAGE);
        }
        return account;
    }

    /** The signed-in account for a personal read such as "me". */
    static Actor.Account signedIn(Actor actor) {
        if (!(actor instanceof Actor.Account account)) {
            throw RunguException.unauthenticated();
        }
        return account;
    }
}
