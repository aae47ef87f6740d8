package io.rungu.store.internal.board;

import io.rungu.model.Approval;
import io.rungu.model.Attachment;
import io.rungu.model.Comment;
import io.rungu.model.CommentView;
import io.rungu.model.OfficialResponse;
import io.rungu.model.Post;
import io.rungu.model.PostCategory;
import io.rungu.model.PostStatus;
import io.rungu.model.PostView;
import io.rungu.model.Role;
import io.rungu.model.User;
import io.rungu.model.UserSummary;
import io.rungu.store.internal.db.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.mapper.RowMapper;

/** Column lists and row mappers shared by every query that reads the same shape. */
final class Rows {
    private Rows() {}

    /**
     * A post with its author and the viewer's vote, in one row: bind {@code :viewer} (null when anonymous).
     * Add the WHERE clause after it.
     */
    static final String POST_VIEW_SELECT = "SELECT p.seq, p.id, p.project_id, p.title, p.description, p.status, "
            + "p.category, p.vote_count, p.comment_count, p.created_by, p.created_at, p.updated_at, p.done_at, "
            + "p.state, p.tags, "
            + "u.name AS creator_name, u.avatar_url AS creator_avatar, (v.user_id IS NOT NULL) AS voted, "
            + "p.response_text, p.response_by, p.response_at, ru.name AS response_name, "
            + "p.merged_into, p.pinned, p.locked, "
            + "ru.avatar_url AS response_avatar "
            + "FROM posts p JOIN users u ON u.id = p.created_by "
            + "LEFT JOIN votes v ON v.user_id = :viewer AND v.post_id = p.id "
            + "LEFT JOIN users ru ON ru.id = p.response_by ";

    static final String COMMENT_VIEW_SELECT = "SELECT c.id, c.post_id, c.parent_id, c.content, c.created_by, "
            + "c.created_at, c.edited_at, c.internal, c.merged_from, c.hidden, u.name AS creator_name, "
            + "u.avatar_url AS creator_avatar "
            + "FROM comments c JOIN users u ON u.id = c.created_by ";

    static final String ATTACHMENT_COLUMNS = "a.id, a.post_id, a.filename, a.mime, a.size, a.created_by, a.created_at";

    static final String USER_COLUMNS = "u.id, u.email, u.name, u.avatar_url, u.role, u.created_at, u.last_login, u.blocked";

    static final RowMapper<PostView> POST_VIEW = (rs, ctx) -> new PostView(post(rs),
            new UserSummary(rs.getString("created_by"), rs.getString("creator_name"), rs.getString("creator_avatar")),
            rs.getBoolean("voted"), response(rs));

    static final RowMapper<CommentView> COMMENT_VIEW = (rs, ctx) -> new CommentView(
            new Comment(rs.getString("id"), rs.getString("post_id"), rs.getString("parent_id"),
                    rs.getString("content"), rs.getString("created_by"), instant(rs, "created_at"),
                    instant(rs, "edited_at"), rs.getInt("internal") != 0, rs.getString("merged_from"),
                    rs.getInt("hidden") != 0),
            new UserSummary(rs.getString("created_by"), rs.getString("creator_name"), rs.getString("creator_avatar")));

    static final RowMapper<Attachment> ATTACHMENT = (rs, ctx) -> new Attachment(rs.getString("id"),
            rs.getString("post_id"), rs.getString("filename"), rs.getString("mime"), rs.getLong("size"),
            rs.getString("created_by"), instant(rs, "created_at"));

    static final RowMapper<User> USER = (rs, ctx) -> new User(rs.getString("id"), rs.getString("email"),
            rs.getString("name"), rs.getString("avatar_url"), Role.parse(rs.getString("role")),
            instant(rs, "created_at"), instant(rs, "last_login"), rs.getInt("blocked") != 0);

    static Post post(ResultSet rs) throws SQLException {
        return new Post(rs.getString("id"), rs.getString("project_id"), rs.getString("title"),
                rs.getString("description"), new PostStatus(rs.getString("status")),
                new PostCategory(rs.getString("category")), rs.getLong("vote_count"), rs.getLong("comment_count"),
                rs.getString("created_by"), instant(rs, "created_at"), instant(rs, "updated_at"),
                instant(rs, "done_at"), rs.getString("merged_into"), rs.getInt("pinned") != 0,
                rs.getInt("locked") != 0, "hidden".equals(rs.getString("state")),
                "pending".equals(rs.getString("state")) ? Approval.PENDING : Approval.APPROVED,
                tags(rs.getString("tags")));
    }

    /** The tag slugs kept on a post row, space-separated. */
    static List<String> tags(String column) {
        return column == null || column.isEmpty() ? List.of() : List.of(column.split(" "));
    }

    /** The latest official response kept on a post row (see POST_VIEW_SELECT); null when none. */
    static OfficialResponse response(ResultSet rs) throws SQLException {
        String text = rs.getString("response_text");
        if (text == null) {
            return null;
        }
        return new OfficialResponse(text, new UserSummary(rs.getString("response_by"), rs.getString("response_name"),
                rs.getString("response_avatar")), instant(rs, "response_at"));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        return Timestamps.read(rs, column);
    }
}
