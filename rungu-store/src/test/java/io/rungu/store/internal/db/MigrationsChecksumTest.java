package io.rungu.store.internal.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Pins the SHA-256 of every shipped migration. A shipped migration must never change, because databases that
 * already applied it would refuse to open: if this test fails, revert the edit and add a new migration instead.
 * Add a line here for each new migration file; never change an existing line.
 */
class MigrationsChecksumTest {
    static final Map<String, String> SHIPPED = new LinkedHashMap<>();

    static {
        SHIPPED.put("sqlite/V001__initial.sql", "8480e80e5fc57217edea7b3c1a170b6428fb43dd87974237cba85197c79da65a");
        SHIPPED.put("postgres/V001__initial.sql", "6fe914ddd143e788a0d00186f59aeb8425baaf95bd04183443c7810622eb1347");
        SHIPPED.put("sqlite/V004__events_and_notifications.sql", "83f74e05a3b5d5da6c3494f3ceef374911c70a7fd8055442498fb525a1f80bf5");
        SHIPPED.put("postgres/V004__events_and_notifications.sql", "a40447611dbf845ad4c05726dbf3907dc3170ae0e00e839d819b05e63cf11675");
    }

    @Test
    void shipped_migrations_are_never_edited() {
        Map<String, String> actual = new LinkedHashMap<>();
        for (String dialect : new String[] {"sqlite", "postgres"}) {
            for (Migrations.Migration m : Migrations.shipped(dialect)) {
                actual.put(dialect + "/" + m.file(), m.checksum());
            }
        }
        assertThat(actual).as("every shipped migration is pinned and unchanged").isEqualTo(SHIPPED);
    }
}
