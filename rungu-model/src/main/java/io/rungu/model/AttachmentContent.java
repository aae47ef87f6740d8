package io.rungu.model;

/** An attachment's metadata and its bytes. */
public record AttachmentContent(Attachment attachment, byte[] bytes) {}
