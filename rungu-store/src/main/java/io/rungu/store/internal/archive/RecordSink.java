package io.rungu.store.internal.archive;

import java.util.Map;

/** Takes the records of one archive section and writes them. */
interface RecordSink {
    /** True when the record completed a written batch. */
    boolean accept(Map<String, Object> record);

    void finish();

    long written();

    /** The field whose string holds base64 bytes, or null. */
    default String binaryField() {
        return null;
    }

    /** The field whose value is an array of objects the sink reads, or null (nested values are skipped). */
    default String listField() {
        return null;
    }
}
