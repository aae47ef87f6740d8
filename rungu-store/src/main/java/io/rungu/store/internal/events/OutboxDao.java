package io.rungu.store.internal.events;

import io.rungu.model.Actor;
import io.rungu.model.BoardEvent;
import io.rungu.model.PostStatus;
import io.rungu.store.internal.db.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.Define;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The outbox and its consumers' progress, as a declarative Jdbi DAO (attach it to a handle). */
public interface OutboxDao {

    @SqlQuery("SELECT * FROM outbox WHERE seq > :after ORDER BY seq LIMIT :limit")
    @RegisterRowMapper(EventMapper.class)
    List<BoardEvent> after(@Bind("after") long after, @Bind("limit") int limit);

    /**
     * Deletes up to {@code :limit} events older than {@code :cutoff} that no pending notification tells. Oldest first
     * by time, not by sequence: so the index on created_at finds them, where an order by sequence made SQLite scan
     * every event to find none (a store opening prunes, so start-up grew with the outbox). A plain statement rather
     * than a method here: the first attach of a SQL object costs about 50 ms, which a store opening need not wait for.
     */
    String PRUNE = "DELETE FROM outbox WHERE seq IN (SELECT o.seq FROM outbox o WHERE o.created_at < :cutoff "
            + "AND NOT EXISTS (SELECT 1 FROM notification_events ne WHERE ne.seq = o.seq) "
            + "ORDER BY o.created_at, o.seq LIMIT :limit)";

    /** Events the slowest consumer has not handled yet (0 without consumers). */
    @SqlQuery("SELECT count(*) FROM outbox WHERE seq > (SELECT min(last_seq) FROM event_consumers)")
    long backlog();

    @SqlQuery("SELECT coalesce(max(seq), 0) FROM outbox")
    long newest();

    /** Starts a consumer after the newest event, unless it exists. */
    @SqlUpdate("INSERT INTO event_consumers (name, last_seq, updated_at) "
            + "SELECT :name, coalesce(max(seq), 0), :now FROM outbox WHERE 1 = 1 ON CONFLICT (name) DO NOTHING")
    void register(@Bind("name") String name, @Bind("now") Instant now);

    /** The consumer's position; {@code lock} is the dialect's row-lock suffix. Empty when locked elsewhere. */
    @SqlQuery("SELECT last_seq FROM event_consumers WHERE name = :name<lock>")
    Optional<Long> position(@Bind("name") String name, @Define("lock") String lock);

    /** Moves the consumer from {@code expected} to {@code seq}; 0 rows when someone else moved it meanwhile. */
    @SqlUpdate("UPDATE event_consumers SET last_seq = :seq, updated_at = :now WHERE name = :name AND last_seq = :expected")
    int advance(@Bind("name") String name, @Bind("expected") long expected, @Bind("seq") long seq,
            @Bind("now") Instant now);

    /** Reads an outbox row. */
    final class EventMapper implements RowMapper<BoardEvent> {
        @Override
        public BoardEvent map(ResultSet rs, StatementContext ctx) throws SQLException {
            String channel = rs.getString("channel");
            return new BoardEvent(rs.getLong("seq"), BoardEvent.Type.valueOf(rs.getString("type")),
                    Timestamps.read(rs, "created_at"), rs.getString("actor_id"),
                    channel == null ? null : Actor.Channel.valueOf(channel), rs.getString("project_id"),
                    rs.getString("post_id"), rs.getString("comment_id"), status(rs.getString("from_status")),
                    status(rs.getString("to_status")), rs.getString("response"), rs.getString("target_post_id"),
                    rs.getInt("post_unlisted") != 0);
        }

        private static PostStatus status(String wire) {
            return wire == null ? null : new PostStatus(wire);
        }
    }
}
