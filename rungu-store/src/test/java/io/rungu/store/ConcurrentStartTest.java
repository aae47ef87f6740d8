package io.rungu.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Servers started together against one new database migrate it once and all come up. */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class ConcurrentStartTest {
    @Parameter
    TestDatabase database;
    @TempDir
    Path dir;

    @Test
    void stores_opened_at_once_on_a_new_database_all_open_and_migrate_it_once() throws Exception {
        try (TestDatabase.Fresh db = database.create(dir)) {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Callable<RunguStore>> opens = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                opens.add(() -> RunguStore.open(c -> c.url = db.url()));
            }
            List<RunguStore> stores = new ArrayList<>();
            try {
                for (Future<RunguStore> f : pool.invokeAll(opens)) {
                    stores.add(f.get());
                }
                long applied = stores.get(0).database().read(h -> h.createQuery(
                        "SELECT count(*) FROM rungu_schema_migrations").mapTo(Long.class).one());
                assertThat(applied).isEqualTo(io.rungu.store.internal.db.Migrations.shipped(
                        stores.get(0).database().dialect().name()).size());
                stores.forEach(RunguStore::checkHealth);
            } finally {
                stores.forEach(RunguStore::close);
                pool.shutdown();
            }
        }
    }
}
