package io.rungu.model;

import java.util.Objects;

/**
 * Who is asking. Every {@code Board} method takes one; permission checks compare it with the data.
 * A host application with its own login builds {@link Account} values itself.
 */
public sealed interface Actor permits Actor.Anonymous, Actor.Account {

    /** How an account's request reached Rungu. */
    enum Channel {
        /** A browser session cookie. */
        SESSION,
        /** A personal API token ({@code Authorization: Bearer rgu_...}). */
        API_TOKEN,
        /** An AI agent through the MCP server over stdio ({@code rungu mcp}). */
        AGENT,
        /** An AI agent through the MCP server's Streamable HTTP endpoint. */
        MCP_HTTP,
        /** The operator at the command line ({@code rungu project ...}, {@code rungu user ...}). */
        CLI,
        /** The host application embedding Rungu, acting directly on the store. */
        DIRECT,
        /** The feedback widget on another site, with a short-lived widget token ({@code Bearer rgw_...}). */
        WIDGET
    }

    /** The actor of a request that carries no valid credentials. */
    static Actor anonymous() { return Anonymous.INSTANCE; }

    /** A full-rights actor for a user of the given role, as a host application or the CLI would build it. */
    static Account of(String userId, Role role) { return new Account(userId, role, Channel.DIRECT, TokenScope.WRITE); }

    /**
     * The one rule for a write: the signed-in account, UNAUTHENTICATED when nobody is signed in, FORBIDDEN
     * ({@link RunguException#readOnly()}) when its credentials may only read, FORBIDDEN ({@link #WIDGET_MESSAGE}) for
     * a widget token, which only the board's contributions (posting, voting, commenting) accept.
     */
    static Account writer(Actor actor) {
        if (!(actor instanceof Account account)) {
            throw RunguException.unauthenticated();
        }
        if (account.scope() == TokenScope.WIDGET) {
            throw RunguException.forbidden(WIDGET_MESSAGE);
        }
        if (!account.canWrite()) {
            throw RunguException.readOnly();
        }
        return account;
    }

    /** What a widget token is told when it tries anything but reading, posting, voting and commenting. */
    String WIDGET_MESSAGE = "A widget token may only read, post, vote and comment; sign in on the board for anything else";

    /** The user id, or null when anonymous. */
    String userId();

    /**
     * True for an account acting with the admin role (never through a widget token). A read-only token of an admin
     * is an admin that cannot write, so write checks also need {@link Account#canWrite()}.
     */
    default boolean isAdmin() { return false; }

    /** Nobody signed in. */
    record Anonymous() implements Actor {
        static final Anonymous INSTANCE = new Anonymous();

        @Override public String userId() { return null; }
    }

    /**
     * A signed-in user, agent or token holder.
     *
     * @param userId  the acting user's id (agents act as their own user account)
     * @param role    the user's role at the time of the request
     * @param channel how the request arrived
     * @param scope   {@link TokenScope#READ} when the credentials may only read
     * @param client  the software acting for the user when known: the MCP client's name from its
     *                {@code initialize} request, or the API token's name; null otherwise. Recorded in the audit log;
     *                longer than {@link #CLIENT_MAX} characters is cut
     */
    record Account(String userId, Role role, Channel channel, TokenScope scope, String client) implements Actor {
        /** Most characters of {@link #client} kept. */
        public static final int CLIENT_MAX = 100;

        public Account {
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(channel, "channel");
            Objects.requireNonNull(scope, "scope");
            if (client != null) {
                client = client.strip();
                client = client.isEmpty() ? null
                        : client.length() > CLIENT_MAX ? client.substring(0, CLIENT_MAX) : client;
            }
        }

        /** An account with no known client, as host applications build it. */
        public Account(String userId, Role role, Channel channel, TokenScope scope) {
            this(userId, role, channel, scope, null);
        }

        /** The same account acting through {@code client} (null: none known). */
        public Account withClient(String client) {
            return new Account(userId, role, channel, scope, client);
        }

        /** The same account arriving through {@code channel}. */
        public Account through(Channel channel) {
            return new Account(userId, role, channel, scope, client);
        }

        /**
         * True when these credentials may change data in general. A {@link TokenScope#WIDGET} token may not, but the
         * store lets it post, vote and comment.
         */
        public boolean canWrite() { return scope == TokenScope.WRITE; }

        /** True for an admin; never through a widget token, which acts as a member whatever its user's role. */
        @Override public boolean isAdmin() { return role == Role.ADMIN && scope != TokenScope.WIDGET; }
    }
}
