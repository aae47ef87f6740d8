package io.rungu.store.internal.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jdbi.v3.core.statement.DefaultStatementBuilder;
import org.jdbi.v3.core.statement.StatementBuilder;
import org.jdbi.v3.core.statement.StatementBuilderFactory;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Keeps each pooled connection's prepared statements for the next call with the same SQL. sqlite-jdbc compiles
 * every statement again on every call, and for a list page the compiling costs about as much CPU as running it.
 * A statement is taken out of the cache while in use, so a query nested inside another with the same SQL gets
 * a statement of its own; when a connection closes, SQLite finalizes its statements with it.
 */
final class StatementCache implements StatementBuilderFactory {
    /** Distinct statements kept per connection; {@code IN} lists of varying length each count as one. */
    static final int PER_CONNECTION = 128;

    private final Map<Connection, Statements> byConnection = new IdentityHashMap<>();

    @Override
    public StatementBuilder createStatementBuilder(Connection connection) {
        synchronized (byConnection) {
            Statements statements = byConnection.get(connection);
            if (statements == null) {
                // A new connection replaces one found closed: forget the statements of closed ones.
                byConnection.keySet().removeIf(StatementCache::isClosed);
                statements = new Statements();
                byConnection.put(connection, statements);
            }
            return statements;
        }
    }

    private static boolean isClosed(Connection connection) {
        try {
            return connection.isClosed();
        } catch (SQLException e) {
            return true;
        }
    }

    /** One connection's statements, least recently used first; a pooled connection serves one caller at a time. */
    private static final class Statements extends DefaultStatementBuilder {
        private final Map<String, PreparedStatement> idle = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, PreparedStatement> eldest) {
                if (size() <= PER_CONNECTION) {
                    return false;
                }
                closeQuietly(eldest.getValue());
                return true;
            }
        };

        /** The statements handed out, with the SQL they were prepared from (Jdbi closes them by their raw SQL). */
        private final Map<Statement, String> inUse = new IdentityHashMap<>();

        @Override
        public synchronized PreparedStatement create(Connection conn, String sql, StatementContext ctx)
                throws SQLException {
            if (ctx.isReturningGeneratedKeys() || ctx.isConcurrentUpdatable()) {
                return super.create(conn, sql, ctx);
            }
            PreparedStatement statement = idle.remove(sql);
            if (statement == null || statement.isClosed()) {
                statement = super.create(conn, sql, ctx);
            }
            inUse.put(statement, sql);
            return statement;
        }

        @Override
        public synchronized void close(Connection conn, String sql, Statement stmt) throws SQLException {
            String preparedFrom = inUse.remove(stmt);
            if (preparedFrom == null || stmt.isClosed() || idle.containsKey(preparedFrom)) {
                super.close(conn, sql, stmt);
                return;
            }
            // A kept statement must not hold a read snapshot: closing its result resets it. Jdbi has normally
            // closed the result already; this covers a caller that did not.
            ResultSet open = stmt.getResultSet();
            if (open != null) {
                open.close();
            }
            ((PreparedStatement) stmt).clearParameters();
            idle.put(preparedFrom, (PreparedStatement) stmt);
        }

        private static void closeQuietly(Statement stmt) {
            try {
                stmt.close();
            } catch (SQLException ignored) {
                // an evicted statement: closing it only frees memory, nothing depends on it
            }
        }
    }
}
