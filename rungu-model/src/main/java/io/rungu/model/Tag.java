package io.rungu.model;

/**
 * An admin-defined label of a board; a post carries up to {@link Limits#TAGS_PER_POST_MAX} of them.
 *
 * @param slug  what posts, filters and the API name it by; fixed once created ({@link DefinitionSlugs})
 * @param color {@code #rrggbb}
 */
public record Tag(String id, String slug, String name, String color) {}
