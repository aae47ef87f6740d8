package io.rungu.http.internal;

import io.rungu.model.Attachment;
import io.rungu.model.BoardStats;
import io.rungu.model.CommentView;
import io.rungu.model.Page;
import io.rungu.model.PostCategory;
import io.rungu.model.PostStatus;
import io.rungu.model.PostView;
import io.rungu.model.Project;
import io.rungu.model.Roadmap;
import io.rungu.model.User;
import io.rungu.model.UserSummary;
import io.rungu.model.VoteResult;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The JSON shapes of the REST contract, field for field, and the conversions from the model. */
public final class Wire {
    private Wire() {}

    /** {@code {"data": ...}}. */
    public record Data(Object data) {}

    /** {@code {"data": [...], "pagination": {...}}}. */
    public record Listing(List<?> data, Pagination pagination) {}

    public record Pagination(int page, int perPage, long total, int totalPages) {}

    public record ProjectJson(String id, String slug, String name, String description, Instant createdAt, long postCount) {}

    public record Creator(String id, String name, String avatarUrl) {}

    public record PostDetail(String id, String projectId, String title, String description, String status, String category,
                             long voteCount, long commentCount, String createdBy, Instant createdAt, Instant updatedAt,
                             Instant doneAt, Creator creator, boolean userVoted) {}

    public record CommentDetail(String id, String postId, String parentId, String content, String createdBy,
                                Instant createdAt, Instant editedAt, Creator creator) {}

    public record AttachmentJson(String id, String postId, String filename, String mime, long size, String createdBy,
                                 Instant createdAt, String url) {}

    public record Vote(boolean voted, long voteCount) {}

    public record Subscription(boolean subscribed) {}

    public record NotificationSettingsJson(boolean statusChanges, boolean comments) {}

    public static NotificationSettingsJson notificationSettings(io.rungu.model.NotificationSettings s) {
        return new NotificationSettingsJson(s.statusChanges(), s.comments());
    }

    public record RoadmapJson(List<PostDetail> planned, long plannedTotal, List<PostDetail> inProgress,
                              long inProgressTotal, List<PostDetail> done, long doneTotal, int limit) {}

    public record Stats(long totalPosts, Map<String, Long> byStatus, Map<String, Long> byCategory, long totalVotes,
                        long totalComments) {}

    public record UserJson(String id, String email, String name, String avatarUrl, String role, Instant createdAt,
                           Instant lastLogin) {}

    /** {@code /auth/me}: the signed-in user. */
    public record Me(String id, String email, String name, String avatarUrl, String role) {}

    public static <T> Listing listing(Page<T> page, Function<? super T, ?> f) {
        return new Listing(page.items().stream().map(f).toList(),
                new Pagination(page.page(), page.perPage(), page.total(), page.totalPages()));
    }

    public static ProjectJson project(Project p) {
        return new ProjectJson(p.id(), p.slug(), p.name(), p.description(), p.createdAt(), p.postCount());
    }

    public static Creator creator(UserSummary u) {
        return u == null ? null : new Creator(u.id(), u.name(), u.avatarUrl());
    }

    public static PostDetail post(PostView v) {
        var p = v.post();
        return new PostDetail(p.id(), p.projectId(), p.title(), p.description(), p.status().wire(), p.category().wire(),
                p.voteCount(), p.commentCount(), p.createdBy(), p.createdAt(), p.updatedAt(), p.doneAt(),
                creator(v.creator()), v.votedByViewer());
    }

    public static List<PostDetail> posts(List<PostView> views) {
        return views.stream().map(Wire::post).toList();
    }

    public static CommentDetail comment(CommentView v) {
        var c = v.comment();
        return new CommentDetail(c.id(), c.postId(), c.parentId(), c.content(), c.createdBy(), c.createdAt(), c.editedAt(),
                creator(v.creator()));
    }

    public static Function<Attachment, AttachmentJson> attachment(String apiBase) {
        return a -> new AttachmentJson(a.id(), a.postId(), a.filename(), a.mime(), a.size(), a.createdBy(), a.createdAt(),
                apiBase + "/attachments/" + a.id());
    }

    public static Vote vote(VoteResult r) {
        return new Vote(r.voted(), r.voteCount());
    }

    public static RoadmapJson roadmap(Roadmap r) {
        return new RoadmapJson(posts(r.planned()), r.plannedTotal(), posts(r.inProgress()), r.inProgressTotal(),
                posts(r.done()), r.doneTotal(), r.limit());
    }

    public static Stats stats(BoardStats s) {
        Map<String, Long> byStatus = new LinkedHashMap<>();
        for (PostStatus st : PostStatus.values()) {
            byStatus.put(st.wire(), s.byStatus().getOrDefault(st, 0L));
        }
        Map<String, Long> byCategory = new LinkedHashMap<>();
        for (PostCategory c : PostCategory.values()) {
            byCategory.put(c.wire(), s.byCategory().getOrDefault(c, 0L));
        }
        return new Stats(s.totalPosts(), byStatus, byCategory, s.totalVotes(), s.totalComments());
    }

    public static UserJson user(User u) {
        return new UserJson(u.id(), u.email(), u.name(), u.avatarUrl(), u.role().wire(), u.createdAt(), u.lastLogin());
    }
}
