package io.rungu.model;

/**
 * An attachment's metadata and its bytes.
 *
 * @param shared true when anyone may see it (a listed post on a public board), so shared caches may keep it;
 *               false for an attachment of a private board or of a hidden or pending post
 */
public record AttachmentContent(Attachment attachment, byte[] bytes, boolean shared) {
    /** An attachment anyone may see. */
    public AttachmentContent(Attachment attachment, byte[] bytes) {
        this(attachment, bytes, true);
    }
}
