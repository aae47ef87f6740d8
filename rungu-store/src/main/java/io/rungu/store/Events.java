package io.rungu.store;

import io.rungu.model.BoardEvent;
import java.util.List;

/**
 * The board's events: every write records one or more {@link BoardEvent}s in the same transaction (the outbox),
 * so an event exists exactly when its change committed. Consumers read them in order, each under a name whose
 * position is kept in the database.
 *
 * <pre>{@code
 * try (EventSubscription s = store.events().subscribe("audit", event -> log.info("{}", event))) {
 *     ... // events arrive on the store's event thread while the subscription is open
 * }
 * }</pre>
 *
 * <p>Delivery: in order, each event once per consumer name, across restarts (the position survives them) and
 * across servers sharing one PostgreSQL database (one server at a time holds a name's position). If the process
 * dies while a listener handles an event, before its position is saved, that event is offered again: make a
 * listener's side effects idempotent where a rare repeat matters. On SQLite only one server may consume.
 */
public interface Events {

    /**
     * Delivers every event after the consumer's position to {@code listener}, in order, then each new one as it
     * commits. The first subscription of a name starts after the newest event at that moment; later ones
     * (after a restart) continue where the name stopped.
     *
     * @param consumer a stable name, 1..100 characters, unique among this store's open subscriptions
     * @throws IllegalStateException when the name is subscribed already in this store
     */
    EventSubscription subscribe(String consumer, EventListener listener);

    /**
     * Delivers every event committed from now on to {@code listener}, in order, in this process only: no name, no
     * position kept, nothing offered again. Every server sharing a PostgreSQL database tails all events, whichever
     * server wrote them (it is woken by LISTEN/NOTIFY, else at the poll interval), so a tail suits fan-out to
     * something held in memory, such as live streams to browsers. A listener that throws misses that event.
     *
     * @return closing it stops the deliveries
     */
    EventSubscription tail(EventListener listener);

    /** Up to {@code limit} (1..1000) events after {@code sequence}, oldest first; for inspection, tests and catching up. */
    List<BoardEvent> after(long sequence, int limit);
}
