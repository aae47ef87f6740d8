package io.rungu.model;

import java.time.Instant;

/**
 * An image attached to a post. The bytes are stored in the database and read separately.
 *
 * @param filename sanitised display name
 * @param mime     detected from the content: image/png, image/jpeg, image/webp or image/gif
 * @param size     bytes
 */
public record Attachment(String id, String postId, String filename, String mime, long size, String createdBy,
                         Instant createdAt) {}
