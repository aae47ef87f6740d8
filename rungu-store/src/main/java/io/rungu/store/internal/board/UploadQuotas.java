package io.rungu.store.internal.board;

/**
 * Most bytes of attachments that one user, and the whole installation, may hold; 0 means no limit.
 *
 * @param perUser bytes per uploader, all their attachments together
 * @param total   bytes for every attachment in the database
 */
public record UploadQuotas(long perUser, long total) {
    /** No quota at all. */
    public static final UploadQuotas NONE = new UploadQuotas(0, 0);
}
