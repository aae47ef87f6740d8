package io.rungu.store.internal.archive;

import io.rungu.store.internal.db.Database;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/** Writes each record of a section as the parameters of one statement, in batches. */
final class RowSink implements RecordSink {
    private final Batch<Object[]> batch;
    private final Function<Map<String, Object>, Object[]> row;

    /** {@code row} gives a record's values as the statement's parameters, in order. */
    RowSink(Database db, String sql, Function<Map<String, Object>, Object[]> row) {
        this.batch = new Batch<>(db, (h, rows) -> execute(h, sql, rows));
        this.row = row;
    }

    @Override
    public boolean accept(Map<String, Object> record) {
        return batch.add(row.apply(record), 0);
    }

    @Override
    public void finish() {
        batch.flush();
    }

    @Override
    public long written() {
        return batch.written();
    }

    static void execute(Handle h, String sql, List<Object[]> rows) {
        PreparedBatch batch = h.prepareBatch(sql);
        for (Object[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                Object value = row[i];
                if (value == null) {
                    batch.bindNull(i, java.sql.Types.NULL);
                } else {
                    batch.bind(i, value);
                }
            }
            batch.add();
        }
        batch.execute();
    }
}
