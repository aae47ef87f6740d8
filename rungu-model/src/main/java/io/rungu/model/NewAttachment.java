package io.rungu.model;

/**
 * An uploaded image. Its type is detected from the bytes; a declared type must agree.
 *
 * @param filename     client-supplied name, sanitised before it is stored
 * @param declaredMime the Content-Type the client sent, or null
 */
public record NewAttachment(String filename, String declaredMime, byte[] bytes) {}
