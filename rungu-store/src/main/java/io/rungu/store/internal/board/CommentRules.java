package io.rungu.store.internal.board;

import io.rungu.model.Limits;

/** Validation of comment text: required, trimmed, limited. */
final class CommentRules {
    private CommentRules() {}

    static String content(String raw) {
        String content = Text.required("content", raw, "Comment content is required");
        Text.atMost("content", content, Limits.COMMENT_MAX, "Comment");
        return content;
    }
}
