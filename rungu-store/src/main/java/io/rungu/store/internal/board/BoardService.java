package io.rungu.store.internal.board;

import io.rungu.store.Board;
import io.rungu.store.internal.db.Database;
import java.time.Clock;
import java.util.function.Supplier;

/** Placeholder until the Board implementation lands; replace this file whole. */
public final class BoardService {
    private BoardService() {}

    public static Board create(Database database, Clock clock, Supplier<String> ids) {
        return null; // replaced by the implementation
    }
}
