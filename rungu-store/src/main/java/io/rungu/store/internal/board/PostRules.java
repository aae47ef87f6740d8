package io.rungu.store.internal.board;

import io.rungu.model.ErrorCode;
import io.rungu.model.Limits;
import io.rungu.model.NewPost;
import io.rungu.model.PostCategory;
import io.rungu.model.PostEdit;
import io.rungu.model.RunguException;

/** Validation of post input. */
final class PostRules {
    private PostRules() {}

    /** A new post after validation; a null category is the board's first (resolved with the board). */
    record ValidPost(String title, String description, PostCategory category) {}

    static ValidPost validate(NewPost input) {
        String description = input.description() == null ? "" : description(input.description());
        return new ValidPost(title(input.title()), description, input.category());
    }

    /** Checks the text fields of an edit; returns it with the title trimmed. */
    static PostEdit validate(PostEdit edit) {
        if (edit == null || edit.isEmpty()) {
            throw new RunguException(ErrorCode.INVALID, "No fields to update");
        }
        String title = edit.title() == null ? null : title(edit.title());
        description(edit.description());
        return new PostEdit(title, edit.description(), edit.category(), edit.status(), response(edit.response()),
                edit.pinned(), edit.locked());
    }

    /** An official response: trimmed, the limits of a comment; blank means none (null). */
    static String response(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        return Text.atMost("response", raw.strip(), Limits.COMMENT_MAX, "Response");
    }

    private static String title(String raw) {
        String title = Text.required("title", raw, "Title is required");
        return Text.atMost("title", title, Limits.TITLE_MAX, "Title");
    }

    private static String description(String raw) {
        return Text.atMost("description", raw, Limits.POST_DESCRIPTION_MAX, "Description");
    }
}
