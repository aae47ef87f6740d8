package io.rungu.store.internal.archive;

import java.util.List;

/**
 * What an archive holds, section by section, in the order a reader needs them: every record comes after the
 * records it refers to. New kinds of data are new sections (docs/data-format.md); secrets never are.
 */
final class Sections {
    private Sections() {}

    /** The posts of the exported boards, for sections of things that hang off a post. */
    private static final String POST_IN_SCOPE = "p.project_id IN (<projects>)";

    /** Everyone whose name the exported boards show: authors, voters, commenters, responders, followers. */
    private static final String USERS_OF_BOARDS = "t.id IN ("
            + "SELECT created_by FROM posts WHERE project_id IN (<projects>) "
            + "UNION SELECT response_by FROM posts WHERE project_id IN (<projects>) AND response_by IS NOT NULL "
            + "UNION SELECT v.user_id FROM votes v JOIN posts p ON p.id = v.post_id WHERE " + POST_IN_SCOPE + " "
            + "UNION SELECT c.created_by FROM comments c JOIN posts p ON p.id = c.post_id WHERE " + POST_IN_SCOPE + " "
            + "UNION SELECT s.created_by FROM post_status_changes s JOIN posts p ON p.id = s.post_id WHERE "
            + POST_IN_SCOPE + " "
            + "UNION SELECT a.created_by FROM attachments a JOIN posts p ON p.id = a.post_id WHERE " + POST_IN_SCOPE + " "
            + "UNION SELECT s.user_id FROM post_subscriptions s JOIN posts p ON p.id = s.post_id WHERE "
            + POST_IN_SCOPE + " "
            + "UNION SELECT user_id FROM project_subscriptions WHERE project_id IN (<projects>) "
            + "UNION SELECT m.created_by FROM post_merges m JOIN posts p ON p.id = m.post_id WHERE " + POST_IN_SCOPE + " "
            + "UNION SELECT m.user_id FROM merged_votes m JOIN posts p ON p.id = m.post_id WHERE " + POST_IN_SCOPE + " "
            + "UNION SELECT m.user_id FROM merged_subscriptions m JOIN posts p ON p.id = m.post_id WHERE "
            + POST_IN_SCOPE + " "
            + "UNION SELECT actor_id FROM audit_log WHERE project_id IN (<projects>) AND actor_id IS NOT NULL)";

    /** A merge whose target is exported too (a merge into another board's post is not carried by that board alone). */
    private static final String MERGE_IN_SCOPE = "p.merged_into IN (SELECT id FROM posts WHERE project_id IN (<projects>))";

    /** The duplicate a comment moved from, when that post is exported too. */
    private static final String MERGED_FROM = "CASE WHEN t.merged_from IS NULL THEN NULL WHEN EXISTS (SELECT 1 FROM "
            + "posts m WHERE m.id = t.merged_from AND m.project_id IN (<projects>)) THEN t.merged_from END";

    private static final String[] USER_FIELDS = {"id", "email", "name", "avatar_url", "role", "created_at:TIME",
            "last_login:TIME", "blocked:BOOLEAN"};

    /** Comments in order of depth in their thread, so a reply always follows its parent. */
    private static final String COMMENT_DEPTH = "JOIN (WITH RECURSIVE tree (id, depth) AS ("
            + "SELECT c.id, 0 FROM comments c JOIN posts p ON p.id = c.post_id "
            + "WHERE c.parent_id IS NULL AND " + POST_IN_SCOPE + " UNION ALL "
            + "SELECT c.id, tree.depth + 1 FROM comments c JOIN tree ON c.parent_id = tree.id) "
            + "SELECT id, depth FROM tree) d ON d.id = t.id";

    /** The sections of a board archive; {@code everyone} exports every account rather than the boards' people. */
    static List<Section> board(boolean everyone) {
        String users = everyone ? "1 = 1" : USERS_OF_BOARDS;
        String ofUsers = everyone ? "1 = 1" : "t.user_id IN (SELECT t.id FROM users t WHERE " + USERS_OF_BOARDS + ")";
        return List.of(
                Section.of("projects", "projects t", "t.id IN (<projects>)", "t.id",
                        "id", "slug", "name", "description", "created_at:TIME", "visibility", "moderation"),
                Section.of("users", "users t", users, "t.id", USER_FIELDS),
                Section.of("project_members", "project_members t", "t.project_id IN (<projects>)",
                        "t.project_id, t.user_id", "project_id", "user_id", "created_at:TIME"),
                Section.of("statuses", "statuses t", "t.project_id IN (<projects>)", "t.project_id, t.position, t.id",
                        "id", "project_id", "slug", "name", "color", "kind", "position:INTEGER"),
                Section.of("categories", "categories t", "t.project_id IN (<projects>)",
                        "t.project_id, t.position, t.id", "id", "project_id", "slug", "name", "position:INTEGER"),
                Section.of("tags", "tags t", "t.project_id IN (<projects>)", "t.project_id, t.slug, t.id",
                        "id", "project_id", "slug", "name", "color"),
                Section.of("identities", "user_identities t", ofUsers, "t.id",
                        "id", "user_id", "provider", "subject", "email", "created_at:TIME"),
                Section.of("notification_settings", "notification_settings t", ofUsers, "t.user_id",
                        "user_id", "status_changes:BOOLEAN", "comments:BOOLEAN", "replies:BOOLEAN",
                        "new_posts:BOOLEAN", "updated_at:TIME"),
                Section.of("project_subscriptions", "project_subscriptions t", "t.project_id IN (<projects>)",
                        "t.project_id, t.user_id", "project_id", "user_id", "created_at:TIME"),
                Section.of("posts", "posts t", "t.project_id IN (<projects>)", "t.seq",
                        "id", "project_id", "title", "description", "status", "category", "created_by",
                        "created_at:TIME", "updated_at:TIME", "done_at:TIME", "response_text", "response_by",
                        "response_at:TIME", "state", "pinned:BOOLEAN", "locked:BOOLEAN", "tags"),
                Section.of("merges", "posts p", POST_IN_SCOPE + " AND " + MERGE_IN_SCOPE, "p.seq",
                        "post_id:TEXT:p.id", "into_id:TEXT:p.merged_into"),
                Section.of("post_tags", "post_tags t JOIN posts p ON p.id = t.post_id", POST_IN_SCOPE,
                        "t.post_id, t.tag_id", "post_id", "tag_id"),
                Section.of("votes", "votes t JOIN posts p ON p.id = t.post_id", POST_IN_SCOPE, "t.user_id, t.post_id",
                        "post_id", "user_id", "created_at:TIME"),
                Section.of("post_subscriptions", "post_subscriptions t JOIN posts p ON p.id = t.post_id", POST_IN_SCOPE,
                        "t.post_id, t.user_id", "post_id", "user_id", "created_at:TIME"),
                Section.of("comments", "comments t JOIN posts p ON p.id = t.post_id", POST_IN_SCOPE, "d.depth, t.id",
                        "id", "post_id", "parent_id", "content", "created_by", "created_at:TIME", "edited_at:TIME",
                        "internal:BOOLEAN", "hidden:BOOLEAN", "merged_from:TEXT:" + MERGED_FROM)
                        .orderedThrough(COMMENT_DEPTH),
                Section.of("status_changes", "post_status_changes t JOIN posts p ON p.id = t.post_id", POST_IN_SCOPE,
                        "t.id", "id", "post_id", "from_status", "to_status", "response", "created_by",
                        "created_at:TIME"),
                Section.of("post_merges", "post_merges t JOIN posts p ON p.id = t.post_id "
                                + "JOIN posts i ON i.id = t.into_id", POST_IN_SCOPE + " AND i.project_id IN (<projects>)",
                        "t.created_at, t.id", "id", "post_id", "into_id", "undone:BOOLEAN", "created_by",
                        "created_at:TIME"),
                Section.of("merged_votes", "merged_votes t JOIN posts p ON p.id = t.post_id",
                        POST_IN_SCOPE + " AND " + MERGE_IN_SCOPE, "t.post_id, t.user_id",
                        "post_id", "user_id", "created_at:TIME", "on_target:BOOLEAN"),
                Section.of("merged_subscriptions", "merged_subscriptions t JOIN posts p ON p.id = t.post_id",
                        POST_IN_SCOPE + " AND " + MERGE_IN_SCOPE, "t.post_id, t.user_id", "post_id", "user_id"),
                Section.of("attachments", "attachments t JOIN posts p ON p.id = t.post_id "
                                + "JOIN attachment_blobs b ON b.attachment_id = t.id", POST_IN_SCOPE, "t.id",
                        "id", "post_id", "filename", "mime", "size:INTEGER", "created_by", "created_at:TIME",
                        "content:BYTES:b.bytes"));
    }

    /** What Rungu holds about one person (GDPR): their account, what they wrote and did, never a secret. */
    static List<Section> personal() {
        String board = "(SELECT slug FROM projects WHERE id = p.project_id)";
        return List.of(
                Section.of("identities", "user_identities t", "t.user_id = :user", "t.id",
                        "provider", "subject", "email", "created_at:TIME"),
                Section.of("notification_settings", "notification_settings t", "t.user_id = :user", "t.user_id",
                        "status_changes:BOOLEAN", "comments:BOOLEAN", "updated_at:TIME"),
                Section.of("api_tokens", "api_tokens t", "t.user_id = :user", "t.created_at, t.id",
                        "id", "name", "prefix", "scope", "created_at:TIME", "last_used_at:TIME", "expires_at:TIME",
                        "revoked_at:TIME"),
                Section.of("sessions", "sessions t", "t.user_id = :user", "t.created_at",
                        "created_at:TIME", "expires_at:TIME", "revoked_at:TIME"),
                Section.of("posts", "posts t JOIN projects p ON p.id = t.project_id", "t.created_by = :user", "t.seq",
                        "id", "project:TEXT:p.slug", "title", "description", "status", "category", "created_at:TIME",
                        "updated_at:TIME"),
                Section.of("comments", "comments t JOIN posts p ON p.id = t.post_id", "t.created_by = :user",
                        "t.created_at, t.id", "id", "post_id", "project:TEXT:" + board, "parent_id", "content",
                        "created_at:TIME", "edited_at:TIME"),
                Section.of("votes", "votes t JOIN posts p ON p.id = t.post_id", "t.user_id = :user",
                        "t.created_at, t.post_id", "post_id", "project:TEXT:" + board, "post_title:TEXT:p.title",
                        "created_at:TIME"),
                Section.of("post_subscriptions", "post_subscriptions t JOIN posts p ON p.id = t.post_id",
                        "t.user_id = :user", "t.created_at, t.post_id", "post_id", "project:TEXT:" + board,
                        "post_title:TEXT:p.title", "created_at:TIME"),
                Section.of("project_subscriptions", "project_subscriptions t JOIN projects p ON p.id = t.project_id",
                        "t.user_id = :user", "t.created_at, t.project_id", "project:TEXT:p.slug", "created_at:TIME"),
                Section.of("status_changes", "post_status_changes t JOIN posts p ON p.id = t.post_id",
                        "t.created_by = :user", "t.created_at, t.id", "post_id", "project:TEXT:" + board,
                        "from_status", "to_status", "response", "created_at:TIME"),
                Section.of("post_merges", "post_merges t JOIN posts p ON p.id = t.post_id "
                                + "JOIN posts i ON i.id = t.into_id", POST_IN_SCOPE + " AND i.project_id IN (<projects>)",
                        "t.created_at, t.id", "id", "post_id", "into_id", "undone:BOOLEAN", "created_by",
                        "created_at:TIME"),
                Section.of("merged_votes", "merged_votes t JOIN posts p ON p.id = t.post_id",
                        POST_IN_SCOPE + " AND " + MERGE_IN_SCOPE, "t.post_id, t.user_id",
                        "post_id", "user_id", "created_at:TIME", "on_target:BOOLEAN"),
                Section.of("merged_subscriptions", "merged_subscriptions t JOIN posts p ON p.id = t.post_id",
                        POST_IN_SCOPE + " AND " + MERGE_IN_SCOPE, "t.post_id, t.user_id", "post_id", "user_id"),
                Section.of("attachments", "attachments t JOIN posts p ON p.id = t.post_id", "t.created_by = :user",
                        "t.created_at, t.id", "id", "post_id", "project:TEXT:" + board, "filename", "mime",
                        "size:INTEGER", "created_at:TIME"));
    }

    static final String[] PROFILE_FIELDS = USER_FIELDS;
}
