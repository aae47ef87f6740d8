package io.rungu.cli;

import io.rungu.model.Actor;
import io.rungu.model.Role;
import io.rungu.model.TokenScope;
import io.rungu.model.User;
import io.rungu.store.RunguStore;

/** The accounts the command line acts as. */
final class CliAccounts {
    static final String OPERATOR_EMAIL = "cli@rungu.local";
    static final String AGENT_EMAIL = "agent@rungu.local";

    private CliAccounts() {}

    /**
     * The operator at the server's machine, who administers the board. Its user row stays a member on purpose:
     * "an admin exists" must mean a person can sign in as one (the server offers a first-admin link until then),
     * while the actor itself carries the admin role, as the Board reads roles from the actor.
     */
    static Actor.Account operator(RunguStore store) {
        User user = store.accounts().ensureUser(OPERATOR_EMAIL, "Rungu CLI", Role.MEMBER);
        return new Actor.Account(user.id(), Role.ADMIN, Actor.Channel.CLI, TokenScope.WRITE);
    }

    /** The default identity of an MCP agent: its own member account, read-only when asked. */
    static Actor.Account agent(RunguStore store, boolean readOnly) {
        User user = store.accounts().ensureUser(AGENT_EMAIL, "Rungu agent", Role.MEMBER);
        return new Actor.Account(user.id(), user.role(), Actor.Channel.AGENT, readOnly ? TokenScope.READ : TokenScope.WRITE);
    }

    /** An existing user, acting through the given channel with that user's current role. */
    static Actor.Account existing(RunguStore store, String email, Actor.Channel channel, boolean readOnly) {
        User user = store.accounts().findUserByEmail(email)
                .orElseThrow(() -> new CliException(ExitCode.NOT_FOUND, "No user with email " + email));
        return new Actor.Account(user.id(), user.role(), channel, readOnly ? TokenScope.READ : TokenScope.WRITE);
    }

    /**
     * Who a listing or show command reads as: an anonymous visitor, or with {@code --as} that user with their role,
     * so the answer equals the REST API's for the same viewer.
     */
    static Actor viewer(RunguStore store, String asEmail) {
        return asEmail == null ? Actor.anonymous() : existing(store, asEmail, Actor.Channel.CLI, true);
    }

    /**
     * Who a write acts as: the user of {@code --as} with their role, else the first admin. The Board decides what
     * this account may do.
     */
    static Actor.Account actingAs(RunguStore store, String asEmail) {
        if (asEmail != null) {
            return existing(store, asEmail, Actor.Channel.CLI, false);
        }
        User admin = store.accounts().firstAdmin().orElseThrow(() -> new CliException(ExitCode.NOT_FOUND,
                "No admin account yet: pass --as EMAIL, or make one with 'rungu login-link EMAIL --admin'"));
        return new Actor.Account(admin.id(), admin.role(), Actor.Channel.CLI, TokenScope.WRITE);
    }

    static User userByEmail(RunguStore store, String email) {
        return store.accounts().findUserByEmail(email)
                .orElseThrow(() -> new CliException(ExitCode.NOT_FOUND, "No user with email " + email));
    }
}
