package io.rungu.store.internal.board;

import io.rungu.model.Actor;
import io.rungu.model.RunguException;

/** Who may write what. Reads are public, so only writes come here. */
final class Permissions {
    private Permissions() {}

    /** The account behind a write: signed in, and with credentials that may write. */
    static Actor.Account writer(Actor actor) {
        return Actor.writer(actor);
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

    /** The signed-in account for a personal read such as "me". */
    static Actor.Account signedIn(Actor actor) {
        if (!(actor instanceof Actor.Account account)) {
            throw RunguException.unauthenticated();
        }
        return account;
    }
}
