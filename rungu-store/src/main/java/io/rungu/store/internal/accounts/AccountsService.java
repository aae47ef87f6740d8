package io.rungu.store.internal.accounts;

import io.rungu.store.Accounts;
import io.rungu.store.internal.db.Database;
import java.time.Clock;
import java.util.function.Supplier;

/** Placeholder until the Accounts implementation lands; replace this file whole. */
public final class AccountsService {
    private AccountsService() {}

    public static Accounts create(Database database, Clock clock, Supplier<String> ids) {
        return null; // replaced by the implementation
    }
}
