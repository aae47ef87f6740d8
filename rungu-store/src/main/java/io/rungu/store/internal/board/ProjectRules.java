package io.rungu.store.internal.board;

import io.rungu.model.Limits;
import io.rungu.model.NewProject;
import io.rungu.model.ProjectEdit;
import io.rungu.model.RunguException;
import io.rungu.model.Slugs;

/** Validation of board input. */
final class ProjectRules {
    private ProjectRules() {}

    /** A new board after validation: trimmed name, final slug, description. */
    record ValidProject(String name, String slug, String description) {}

    /** A board change after validation; null fields stay as they are. */
    record ValidEdit(String name, String description, io.rungu.model.BoardVisibility visibility,
                     io.rungu.model.Moderation moderation) {}

    static ValidProject validate(NewProject input) {
        String name = name(input.name());
        String description = description(input.description());
        String slug;
        if (input.slug() != null) {
            slug = input.slug().strip();
            if (slug.isEmpty()) {
                throw RunguException.invalid("slug", "Slug cannot be empty if provided");
            }
            if (!Slugs.isValid(slug)) {
                throw RunguException.invalid("slug", "Slug must be 1-" + Limits.SLUG_MAX
                        + " lowercase letters, numbers, and inner hyphens");
            }
        } else {
            slug = Slugs.slugify(name);
            if (slug.isEmpty()) {
                throw RunguException.invalid("slug", "Cannot derive a slug from this name; give a slug explicitly");
            }
        }
        return new ValidProject(name, slug, description == null ? "" : description);
    }

    static ValidEdit validate(ProjectEdit edit) {
        if (edit == null || edit.isEmpty()) {
            throw new RunguException(io.rungu.model.ErrorCode.INVALID, "No fields to update");
        }
        String name = null;
        if (edit.name() != null) {
            name = edit.name().strip();
            if (name.isEmpty()) {
                throw RunguException.invalid("name", "Project name cannot be empty");
            }
            Text.atMost("name", name, Limits.PROJECT_NAME_MAX, "Project name");
        }
        return new ValidEdit(name, description(edit.description()), edit.visibility(), edit.moderation());
    }

    private static String name(String raw) {
        String name = Text.required("name", raw, "Project name is required");
        return Text.atMost("name", name, Limits.PROJECT_NAME_MAX, "Project name");
    }

    private static String description(String raw) {
        return Text.atMost("description", raw, Limits.PROJECT_DESCRIPTION_MAX, "Project description");
    }
}
