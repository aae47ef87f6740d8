package io.rungu.mcp.internal.tools;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.rungu.model.Attachment;
import io.rungu.model.BoardStats;
import io.rungu.model.CommentView;
import io.rungu.model.Page;
import io.rungu.model.PostCategory;
import io.rungu.model.PostStatus;
import io.rungu.model.PostView;
import io.rungu.model.Project;
import io.rungu.model.Roadmap;
import io.rungu.model.UserSummary;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * What tools return, with the REST API's snake_case names and shapes (PostDetail, CommentDetail, Project...).
 * The output schemas are generated from these records, so shape and schema cannot drift apart.
 */
public final class Outputs {
    private Outputs() {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ProjectOut(String id, String slug, String name, String description, Instant createdAt, long postCount) {
        static ProjectOut of(Project p) {
            return new ProjectOut(p.id(), p.slug(), p.name(), p.description(), p.createdAt(), p.postCount());
        }
    }

    /** A user as anyone may see them: never an email. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Creator(String id, @Nullable String name, @Nullable String avatarUrl) {
        static Creator of(UserSummary u) {
            return new Creator(u.id(), u.name(), u.avatarUrl());
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record PostDetail(String id, String projectId, String title, String description, PostStatus status,
                             PostCategory category, long voteCount, long commentCount, String createdBy,
                             Instant createdAt, Instant updatedAt, @Nullable Instant doneAt, Creator creator,
                             boolean userVoted) {
        static PostDetail of(PostView v) {
            var p = v.post();
            return new PostDetail(p.id(), p.projectId(), p.title(), p.description(), p.status(), p.category(),
                    p.voteCount(), p.commentCount(), p.createdBy(), p.createdAt(), p.updatedAt(), p.doneAt(),
                    Creator.of(v.creator()), v.votedByViewer());
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record CommentDetail(String id, String postId, @Nullable String parentId, String content, String createdBy,
                                Instant createdAt, @Nullable Instant editedAt, Creator creator) {
        static CommentDetail of(CommentView v) {
            var c = v.comment();
            return new CommentDetail(c.id(), c.postId(), c.parentId(), c.content(), c.createdBy(), c.createdAt(),
                    c.editedAt(), Creator.of(v.creator()));
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record AttachmentOut(String id, String postId, String filename, String mime, long size, String createdBy,
                                Instant createdAt, String url) {
        static AttachmentOut of(Attachment a, String basePath) {
            return new AttachmentOut(a.id(), a.postId(), a.filename(), a.mime(), a.size(), a.createdBy(), a.createdAt(),
                    basePath + "/api/attachments/" + a.id());
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Pagination(int page, int perPage, long total, int totalPages) {
        static Pagination of(Page<?> page) {
            return new Pagination(page.page(), page.perPage(), page.total(), page.totalPages());
        }
    }

    static <T, R> List<R> map(List<T> items, Function<T, R> f) {
        return items.stream().map(f).toList();
    }

    // --- tool results (always JSON objects) ---

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ProjectList(List<ProjectOut> projects, Pagination pagination) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ProjectResult(ProjectOut project) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record PostList(List<PostDetail> posts, Pagination pagination) {
        static PostList of(Page<PostView> page) {
            return new PostList(map(page.items(), PostDetail::of), Pagination.of(page));
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record PostResult(PostDetail post) {}

    /** A post with, when asked, the first page of its comments. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record PostWithComments(PostDetail post, @Nullable List<CommentDetail> comments,
                                   @Nullable Pagination commentsPagination) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record CommentList(List<CommentDetail> comments, Pagination pagination) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record CommentResult(CommentDetail comment) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record RoadmapOut(List<PostDetail> planned, long plannedTotal, List<PostDetail> inProgress,
                             long inProgressTotal, List<PostDetail> done, long doneTotal, int limit) {
        static RoadmapOut of(Roadmap r) {
            return new RoadmapOut(map(r.planned(), PostDetail::of), r.plannedTotal(), map(r.inProgress(), PostDetail::of),
                    r.inProgressTotal(), map(r.done(), PostDetail::of), r.doneTotal(), r.limit());
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record StatusCounts(long open, long planned, long inProgress, long done, long declined) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record CategoryCounts(long feedback, long bug, long feature, long question) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record StatsOut(String slug, long totalPosts, StatusCounts byStatus, CategoryCounts byCategory,
                           long totalVotes, long totalComments) {
        static StatsOut of(BoardStats s) {
            var st = s.byStatus();
            var ca = s.byCategory();
            return new StatsOut(s.projectSlug(), s.totalPosts(),
                    new StatusCounts(count(st, PostStatus.OPEN), count(st, PostStatus.PLANNED),
                            count(st, PostStatus.IN_PROGRESS), count(st, PostStatus.DONE), count(st, PostStatus.DECLINED)),
                    new CategoryCounts(count(ca, PostCategory.FEEDBACK), count(ca, PostCategory.BUG),
                            count(ca, PostCategory.FEATURE), count(ca, PostCategory.QUESTION)),
                    s.totalVotes(), s.totalComments());
        }

        private static <K> long count(java.util.Map<K, Long> counts, K key) {
            Long n = counts.get(key);
            return n == null ? 0 : n;
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record TrendingOut(List<PostDetail> posts) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record AttachmentList(List<AttachmentOut> attachments, Pagination pagination) {}

    /** The acting account; the email is the caller's own. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record WhoAmI(boolean authenticated, @Nullable String id, @Nullable String name, @Nullable String email,
                         @Nullable String role, @Nullable String channel, boolean canWrite) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record VoteOut(String postId, boolean voted, long voteCount) {}

    /** Whether the agent's account follows the post after the call. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record SubscriptionOut(String postId, boolean subscribed) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Deleted(boolean deleted, String kind, String id) {}
}
