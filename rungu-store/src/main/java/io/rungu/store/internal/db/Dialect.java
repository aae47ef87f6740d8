package io.rungu.store.internal.db;

/**
 * What differs between SQLite and PostgreSQL, in one place per dialect: the migration folder and the
 * statements whose syntax differs. Queries that are the same in both live beside the code that runs them.
 */
public interface Dialect {

    /** Name of the migration folder under {@code io/rungu/store/migrations/}. */
    String name();

    /** True when a SQL error means a unique constraint was violated. */
    boolean isUniqueViolation(Exception e);
}
