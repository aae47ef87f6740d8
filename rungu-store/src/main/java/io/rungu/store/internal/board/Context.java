package io.rungu.store.internal.board;

import io.rungu.store.internal.db.Database;
import io.rungu.store.internal.db.Timestamps;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Supplier;

/** What every part of the Board needs: the database, the clock, the id source and what is kept between requests. */
record Context(Database db, Clock clock, Supplier<String> ids, KeptReads kept) {
    /** The current time at the precision the database keeps. */
    Instant now() {
        return Timestamps.truncate(clock.instant());
    }

    String newId() {
        return ids.get();
    }
}
