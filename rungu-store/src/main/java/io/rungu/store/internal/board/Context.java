package io.rungu.store.internal.board;

import io.rungu.store.internal.db.Database;
import io.rungu.store.internal.db.Timestamps;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Supplier;

/** What every part of the Board needs: the database, the clock, the id source and the kept list pages. */
record Context(Database db, Clock clock, Supplier<String> ids, ListCache listCache) {
    /** The current time at the precision the database keeps. */
    Instant now() {
        return Timestamps.truncate(clock.instant());
    }

    String newId() {
        return ids.get();
    }
}
