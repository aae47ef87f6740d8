package io.rungu.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.rungu.model.Approval;
import io.rungu.model.AuditChannel;
import io.rungu.model.BoardStats;
import io.rungu.model.BoardVisibility;
import io.rungu.model.Moderation;
import io.rungu.model.CommentView;
import io.rungu.model.ErrorBody;
import io.rungu.model.ErrorCode;
import io.rungu.model.Page;
import io.rungu.model.StatusKind;
import io.rungu.model.PostView;
import io.rungu.model.Role;
import io.rungu.model.TimelineItem;
import io.rungu.model.TokenScope;
import io.rungu.model.UserSummary;
import io.rungu.model.VoteResult;
import io.rungu.model.WireValue;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The JSON a client sees for each entity, defined once for REST ({@code {"data": ...}}), MCP
 * {@code structuredContent}, the sign-in routes and the CLI's {@code --json}, with the conversions from the model.
 * Rendered by {@link WireJson#newMapper()}; the OpenAPI component schemas, the MCP output schemas and the web app's
 * TypeScript types are generated from these records, so a field added here appears everywhere. A record's simple
 * name is its schema name.
 */
public final class Wire {
    private Wire() {}

    /** The REST envelope of one value: {@code {"data": ...}}. */
    public record Data<T>(T data) {}

    /** The REST envelope of a page: {@code {"data": [...], "pagination": {...}}}. */
    public record Listing<T>(List<T> data, Pagination pagination) {}

    /**
     * Where a page stands in the whole list.
     *
     * @param totalIsEstimate true when {@code total} is an estimate (a search with more than 10,000 matches may
     *                        estimate its total); absent when the total is exact
     */
    public record Pagination(int page, int perPage, long total, int totalPages,
                             @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Boolean totalIsEstimate) {
        /** An exact total. */
        public Pagination(int page, int perPage, long total, int totalPages) {
            this(page, perPage, total, totalPages, null);
        }
    }

    /**
     * A board; {@code post_count} counts its listed posts (not hidden, not waiting for approval). {@code visibility}
     * says who may see it, {@code moderation} whether members' new posts wait for approval.
     */
    public record Project(String id, String slug, String name, @Nullable String description, Instant createdAt,
                          long postCount, BoardVisibility visibility, Moderation moderation) {}

    /** A user an admin added to a private board, as admins see them. */
    public record ProjectMember(String id, String email, @Nullable String name, @Nullable String avatarUrl,
                                Instant addedAt) {}

    /** A user as anyone may see them: never an email. */
    public record Creator(String id, @Nullable String name, @Nullable String avatarUrl) {}

    /**
     * A post as a given viewer sees it ({@code user_voted} is that viewer's vote). {@code status} and
     * {@code category} are slugs of the board's own statuses and categories (the defaults keep the API's original
     * strings), {@code tags} the slugs of its tags; a board's {@link ProjectDetail} names and colours them.
     * {@code merged_into} names the post a duplicate was merged into (it is then read-only); {@code pinned} posts
     * come first in lists; {@code locked} posts take no new comments. {@code hidden} (only admins see such a post)
     * and {@code approval} ({@code pending} while it waits in the approval queue, seen by admins and its author) tell
     * why others may not see it.
     */
    public record PostDetail(String id, String projectId, String title, @Nullable String description, String status,
                             String category, long voteCount, long commentCount, String createdBy,
                             Instant createdAt, Instant updatedAt, @Nullable Instant doneAt, Creator creator,
                             boolean userVoted, @Nullable OfficialResponse response, @Nullable String mergedInto,
                             boolean pinned, boolean locked, boolean hidden, Approval approval, List<String> tags) {}

    /** One status of a board: posts name it by slug; its kind gives it its meaning. */
    public record Status(String id, String slug, String name, String color, StatusKind kind, int position,
                         long postCount) {}

    /** One category of a board. */
    public record Category(String id, String slug, String name, int position, long postCount) {}

    /** One tag of a board. */
    public record Tag(String id, String slug, String name, String color) {}

    /**
     * A board with its statuses and categories in order and its tags by name ({@code GET /api/projects/{slug}}):
     * everything a client needs to name and colour the board's posts, in one request.
     */
    public record ProjectDetail(String id, String slug, String name, @Nullable String description, Instant createdAt,
                                long postCount, BoardVisibility visibility, Moderation moderation,
                                List<Status> statuses, List<Category> categories, List<Tag> tags) {}

    /** A roadmap column: an active status, its most-voted posts and how many posts it has. */
    public record RoadmapColumn(Status status, List<PostDetail> posts, long total) {}

    /** A post's latest official response, given by an administrator with a status change or on its own. */
    public record OfficialResponse(String text, Creator author, Instant createdAt) {}

    /**
     * One entry of a post's status history; a response given without a status change has {@code from} equal to
     * {@code to}, and {@code response} is null for a change without one.
     */
    public record StatusChange(String id, String postId, String from, String to, @Nullable String response,
                               Creator creator, Instant createdAt) {}

    /** What a timeline entry is. */
    public enum TimelineEntryType implements WireValue {
        COMMENT("comment"), STATUS_CHANGE("status_change"), MERGE("merge");

        private final String wire;

        TimelineEntryType(String wire) {
            this.wire = wire;
        }

        @Override
        public String wire() {
            return wire;
        }
    }

    /**
     * What a live event stream sends when something is gone from the viewer's board: a post deleted, rejected or
     * hidden from them ({@code post_id} set), or the board itself deleted ({@code post_id} null). Ids only.
     */
    public record Removal(String projectId, @Nullable String postId) {}

    /**
     * A duplicate ({@code post_id}) merged into another post ({@code into_id}), or that merge undone
     * ({@code undone}), on both posts' timelines.
     */
    public record Merge(String id, String postId, String postTitle, String intoId, String intoTitle, boolean undone,
                        Creator creator, Instant createdAt) {}

    /** One entry of a post's timeline: the key named by {@code type} is set, the others are null. */
    public record TimelineEntry(TimelineEntryType type, @Nullable CommentDetail comment,
                                @Nullable StatusChange statusChange, @Nullable Merge merge) {}

    /** A page of a post's timeline, oldest first (MCP's {@code get_post_timeline}; REST pages it as {@code data}). */
    public record TimelinePage(List<TimelineEntry> entries, Pagination pagination) {}

    /**
     * A comment; replies carry their parent's id. {@code internal} notes are shown to admins only;
     * {@code merged_from} names the duplicate post the comment moved from with a merge; {@code hidden} ones are seen
     * by admins only.
     */
    public record CommentDetail(String id, String postId, @Nullable String parentId, String content, String createdBy,
                                Instant createdAt, @Nullable Instant editedAt, Creator creator, boolean internal,
                                @Nullable String mergedFrom, boolean hidden) {}

    /** An image attached to a post; {@code url} serves its bytes. */
    public record Attachment(String id, String postId, String filename, String mime, long size, String createdBy,
                             Instant createdAt, String url) {}

    /** The caller's vote on a post after a read or change, with the exact count. */
    public record Vote(boolean voted, long voteCount) {}

    /** Whether the caller follows a post or a board after a read or change. */
    public record Subscription(boolean subscribed) {}

    /**
     * Which emails a person gets, one switch per kind; a new account has every kind on. {@code comments}: comments
     * on followed posts (their own included) that are not replies to them; {@code replies}: replies to them;
     * {@code newPosts}: new posts on boards they follow.
     */
    public record NotificationSettings(boolean statusChanges, boolean comments, boolean replies, boolean newPosts) {}

    /** The answer of a sign-in-by-email request: the same whatever the address, so it tells nobody who has an account. */
    public record EmailSignInRequested(String message) {}

    /**
     * A board's roadmap, at most {@code limit} posts per bucket with exact totals: {@code columns} has one column per
     * active status in the board's order; {@code done} holds the posts of its done-kind statuses. {@code planned}
     * and {@code in_progress} repeat the columns of the default statuses of those slugs (empty when absent).
     */
    public record Roadmap(List<PostDetail> planned, long plannedTotal, List<PostDetail> inProgress,
                          long inProgressTotal, List<PostDetail> done, long doneTotal, int limit,
                          List<RoadmapColumn> columns) {}

    /** Exact counts of a board; every status and category of the board is present in its order, zero when none. */
    public record Stats(long totalPosts, Map<String, Long> byStatus, Map<String, Long> byCategory, long totalVotes,
                        long totalComments) {}

    /** A user as an administrator sees them; a {@code blocked} member may read but not write board content. */
    public record User(String id, String email, @Nullable String name, @Nullable String avatarUrl, Role role,
                       Instant createdAt, @Nullable Instant lastLogin, boolean blocked) {}

    /** The signed-in user ({@code /auth/me}); the email is the caller's own. */
    public record Me(String id, String email, @Nullable String name, @Nullable String avatarUrl, Role role) {}

    /** Who is signed in, without failing: {@code user} is null for an anonymous caller (GET /auth/session). */
    public record Session(@Nullable Me user) {}

    /** An API token's metadata; the secret is never shown again after creation. */
    public record ApiToken(String id, String name, String prefix, TokenScope scope, Instant createdAt,
                           @Nullable Instant lastUsedAt, @Nullable Instant expiresAt, boolean expired) {}

    /** A token just created, with its secret (shown this once). */
    public record IssuedToken(ApiToken token, String secret) {}

    /** An app connected to the account through OAuth (an MCP client the person authorized), until revoked. */
    public record ConnectedApp(String id, String clientId, String clientName, List<String> scopes, Instant createdAt,
                               @Nullable Instant lastUsedAt) {}

    /** What the consent page shows before a person lets an app act for them. */
    public record ConsentRequest(String clientId, String clientName, String redirectHost, List<String> scopes,
                                 String resource) {}

    /** Where the browser goes after the person's answer on the consent page (back to the app). */
    public record ConsentRedirect(String redirect) {}

    /** A sign-in provider the web app offers. */
    public record Provider(String name, @Nullable String label, String loginUrl) {}

    /** The enabled sign-in providers. */
    public record Providers(List<Provider> providers) {}

    /** The answer of a sign-out. */
    public record Ok(boolean ok) {}

    /** The answer of "sign out everywhere": how many API tokens were revoked with the sessions (0 unless asked). */
    public record SignedOutEverywhere(boolean ok, int tokensRevoked) {}

    /**
     * A widget token for the feedback widget embedded on {@code origin} (an allowed widget origin): send it as
     * {@code Authorization: Bearer <token>}; it may read, post, vote and comment until {@code expiresAt}.
     */
    public record WidgetToken(String token, Instant expiresAt, String origin) {}

    /** Readiness: the database answers. */
    public record Ready(String status) {}

    /**
     * The error body of every HTTP adapter; {@code request_id} only on internal errors, to find the log entry.
     *
     * @param fields input field name to its problem, in name order; empty when none
     */
    public record Error(String error, ErrorCode code, Map<String, String> fields,
                        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String requestId) {}

    /** Who made an audited write, with the name they have now (an erased account reads "Deleted user"). */
    public record AuditActor(String id, @Nullable String name) {}

    /** What an audited write was done to: {@code type} such as post, comment, project, user, token. */
    public record AuditTarget(String type, @Nullable String id) {}

    /** One field of an audited write before and after, as its wire string (null: no value). */
    public record AuditChange(@Nullable String before, @Nullable String after) {}

    /**
     * One write in the audit log. {@code actor} is null for a system change; {@code channel} is how the actor
     * reached Rungu; {@code client} the MCP client's or API token's name when known; {@code action} is
     * {@code <target type>.<verb>}; {@code changes} maps each changed field to its values before and after.
     */
    public record AuditEntry(long id, Instant at, @Nullable AuditActor actor, @Nullable AuditChannel channel,
                             @Nullable String client, String action, AuditTarget target,
                             Map<String, AuditChange> changes) {}

    /**
     * A webhook endpoint (admins). {@code events} are type names ({@code post.created}); {@code project} is the one
     * board's slug it receives, null for every board; {@code disabled_reason} says why deliveries stopped by
     * themselves (null when an admin paused it or it is enabled).
     */
    public record Webhook(String id, String url, List<String> events, @Nullable String project, boolean enabled,
                          @Nullable String disabledReason, Instant createdAt, Instant updatedAt) {}

    /** A webhook endpoint with its signing secret, answered only when the secret is made: it is never shown again. */
    public record WebhookWithSecret(String id, String url, List<String> events, @Nullable String project,
                                    boolean enabled, @Nullable String disabledReason, Instant createdAt,
                                    Instant updatedAt, String secret) {}

    /**
     * One delivery attempt in an endpoint's log. {@code status_code} is null when there was no answer (then
     * {@code error} says why); {@code response} holds at most 1 KiB of the answer; {@code delivery_id} is what
     * "redeliver" takes.
     */
    public record WebhookAttempt(long id, @Nullable Long deliveryId, String messageId, String type, Instant at,
                                 @Nullable Integer statusCode, @Nullable String error, long durationMs,
                                 @Nullable String response, boolean succeeded) {}

    /** A queued test message: its {@code webhook-id}. */
    public record WebhookTestSent(String messageId) {}

    /** An endpoint as admins see it. */
    public static Webhook webhook(io.rungu.model.Webhook w) {
        return new Webhook(w.id(), w.url(), w.events().stream().map(io.rungu.model.EventTopic::wire).toList(),
                w.projectSlug(), w.enabled(), w.disabledReason(), w.createdAt(), w.updatedAt());
    }

    /** An endpoint with the secret made just now. */
    public static WebhookWithSecret webhookWithSecret(io.rungu.model.WebhookSecret s) {
        Webhook w = webhook(s.webhook());
        return new WebhookWithSecret(w.id(), w.url(), w.events(), w.project(), w.enabled(), w.disabledReason(),
                w.createdAt(), w.updatedAt(), s.secret());
    }

    /** A delivery attempt. */
    public static WebhookAttempt webhookAttempt(io.rungu.model.WebhookAttempt a) {
        return new WebhookAttempt(a.id(), a.deliveryId(), a.messageId(), a.type(), a.at(), a.statusCode(), a.error(),
                a.durationMs(), a.response(), a.succeeded());
    }

    /** The records that make up the wire model, for schema and type generators. */
    public static final List<Class<? extends Record>> ENTITIES = List.of(Pagination.class, Project.class,
            ProjectMember.class,
            Creator.class, PostDetail.class, Status.class, Category.class, Tag.class, ProjectDetail.class,
            RoadmapColumn.class, OfficialResponse.class, CommentDetail.class, StatusChange.class,
            Merge.class, TimelineEntry.class, TimelinePage.class, Attachment.class, Vote.class, Subscription.class,
            NotificationSettings.class, EmailSignInRequested.class, Roadmap.class,
            Stats.class, User.class, Me.class, ApiToken.class, IssuedToken.class, Provider.class, Providers.class,
            Ok.class, ConnectedApp.class, ConsentRequest.class, ConsentRedirect.class, SignedOutEverywhere.class,
            WidgetToken.class, Ready.class, Error.class, AuditActor.class, AuditTarget.class, AuditChange.class,
            AuditEntry.class, Removal.class, Webhook.class, WebhookWithSecret.class, WebhookAttempt.class,
            WebhookTestSent.class, Session.class);

    /** Where {@code page} stands in its list. */
    public static Pagination pagination(Page<?> page) {
        return new Pagination(page.page(), page.perPage(), page.total(), page.totalPages(),
                page.totalIsEstimate() ? Boolean.TRUE : null);
    }

    /** The REST envelope of a page, its items converted by {@code f}. */
    public static <T, R> Listing<R> listing(Page<T> page, Function<? super T, R> f) {
        return new Listing<>(page.items().stream().<R>map(f).toList(), pagination(page));
    }

    /** A board as every adapter shows it. */
    public static Project project(io.rungu.model.Project p) {
        return new Project(p.id(), p.slug(), p.name(), p.description(), p.createdAt(), p.postCount(),
                p.visibility(), p.moderation());
    }

    /** A board member as admins see them. */
    public static ProjectMember projectMember(io.rungu.model.ProjectMember m) {
        return new ProjectMember(m.userId(), m.email(), m.name(), m.avatarUrl(), m.addedAt());
    }

    /** The public view of an author; null stays null. */
    public static Creator creator(UserSummary u) {
        return u == null ? null : new Creator(u.id(), name(u.name()), u.avatarUrl());
    }

    /** A post as its viewer sees it. */
    public static PostDetail post(PostView v) {
        var p = v.post();
        return new PostDetail(p.id(), p.projectId(), p.title(), p.description(), p.status().wire(),
                p.category().wire(), p.voteCount(), p.commentCount(), p.createdBy(), p.createdAt(), p.updatedAt(),
                p.doneAt(), creator(v.creator()), v.votedByViewer(), response(v.response()), p.mergedInto(), p.pinned(),
                p.locked(), p.hidden(), p.approval(), p.tags());
    }

    /** A board's status. */
    public static Status status(io.rungu.model.BoardStatus s) {
        return new Status(s.id(), s.slug(), s.name(), s.color(), s.kind(), s.position(), s.postCount());
    }

    /** A board's category. */
    public static Category category(io.rungu.model.BoardCategory c) {
        return new Category(c.id(), c.slug(), c.name(), c.position(), c.postCount());
    }

    /** A board's tag. */
    public static Tag tag(io.rungu.model.Tag t) {
        return new Tag(t.id(), t.slug(), t.name(), t.color());
    }

    /** A board with its statuses, categories and tags. */
    public static ProjectDetail projectDetail(io.rungu.model.Definitions d) {
        var p = d.project();
        return new ProjectDetail(p.id(), p.slug(), p.name(), p.description(), p.createdAt(), p.postCount(),
                p.visibility(), p.moderation(), d.statuses().stream().map(Wire::status).toList(), d.categories().stream().map(Wire::category).toList(),
                d.tags().stream().map(Wire::tag).toList());
    }

    /** An official response with its author; null stays null. */
    public static OfficialResponse response(io.rungu.model.OfficialResponse r) {
        return r == null ? null : new OfficialResponse(r.text(), creator(r.author()), r.createdAt());
    }

    /** One status change with who made it. */
    public static StatusChange statusChange(io.rungu.model.StatusChange c) {
        return new StatusChange(c.id(), c.postId(), c.from().wire(), c.to().wire(), c.response(), creator(c.actor()),
                c.createdAt());
    }

    /** A comment or a status change of a timeline. */
    public static TimelineEntry timelineEntry(TimelineItem item) {
        if (item instanceof TimelineItem.CommentItem c) {
            return new TimelineEntry(TimelineEntryType.COMMENT, comment(c.comment()), null, null);
        }
        if (item instanceof TimelineItem.MergeItem m) {
            var g = m.merge();
            return new TimelineEntry(TimelineEntryType.MERGE, null, null, new Merge(g.id(), g.postId(), g.postTitle(),
                    g.intoId(), g.intoTitle(), g.undone(), creator(g.actor()), g.createdAt()));
        }
        return new TimelineEntry(TimelineEntryType.STATUS_CHANGE, null,
                statusChange(((TimelineItem.StatusItem) item).change()), null);
    }

    /** A page of a timeline. */
    public static TimelinePage timeline(Page<TimelineItem> page) {
        return new TimelinePage(page.items().stream().map(Wire::timelineEntry).toList(), pagination(page));
    }

    /** {@link #post} of each. */
    public static List<PostDetail> posts(List<PostView> views) {
        return views.stream().map(Wire::post).toList();
    }

    /** A comment with its author. */
    public static CommentDetail comment(CommentView v) {
        var c = v.comment();
        return new CommentDetail(c.id(), c.postId(), c.parentId(), c.content(), c.createdBy(), c.createdAt(),
                c.editedAt(), creator(v.creator()), c.internal(), c.mergedFrom(), c.hidden());
    }

    /** {@link #comment} of each. */
    public static List<CommentDetail> comments(List<CommentView> views) {
        return views.stream().map(Wire::comment).toList();
    }

    /** The conversion of attachments served under {@code apiBase} (the plugin's base path + {@code /api}). */
    public static Function<io.rungu.model.Attachment, Attachment> attachment(String apiBase) {
        return a -> new Attachment(a.id(), a.postId(), a.filename(), a.mime(), a.size(), a.createdBy(), a.createdAt(),
                apiBase + "/attachments/" + a.id());
    }

    /** A vote after a read or change. */
    public static Vote vote(VoteResult r) {
        return new Vote(r.voted(), r.voteCount());
    }

    /** A roadmap with its posts. */
    public static Roadmap roadmap(io.rungu.model.Roadmap r) {
        return new Roadmap(posts(r.planned()), r.plannedTotal(), posts(r.inProgress()), r.inProgressTotal(),
                posts(r.done()), r.doneTotal(), r.limit(), r.columns().stream()
                .map(c -> new RoadmapColumn(status(c.status()), posts(c.posts()), c.total())).toList());
    }

    /** A board's counts, every status and category present in the board's order. */
    public static Stats stats(BoardStats s) {
        Map<String, Long> byStatus = new LinkedHashMap<>();
        s.byStatus().forEach((st, n) -> byStatus.put(st.wire(), n));
        Map<String, Long> byCategory = new LinkedHashMap<>();
        s.byCategory().forEach((c, n) -> byCategory.put(c.wire(), n));
        return new Stats(s.totalPosts(), byStatus, byCategory, s.totalVotes(), s.totalComments());
    }

    /** A person's notification settings. */
    public static NotificationSettings notificationSettings(io.rungu.model.NotificationSettings s) {
        return new NotificationSettings(s.statusChanges(), s.comments(), s.replies(), s.newPosts());
    }

    /** A user as an administrator (or the CLI operator) sees them. */
    public static User user(io.rungu.model.User u) {
        return new User(u.id(), u.email(), name(u.name()), u.avatarUrl(), u.role(), u.createdAt(), u.lastLogin(),
                u.blocked());
    }

    /** The signed-in user, for themselves. */
    public static Me me(io.rungu.model.User u) {
        return new Me(u.id(), u.email(), name(u.name()), u.avatarUrl(), u.role());
    }

    /** A display name, or null when the person has none (an account made by an email sign-in link starts so). */
    private static String name(String name) {
        return name == null || name.isBlank() ? null : name;
    }

    /** A token's metadata, never its secret or hash; {@code expired} as of {@code now}. */
    public static ApiToken token(io.rungu.model.ApiToken t, Instant now) {
        return new ApiToken(t.id(), t.name(), t.prefix(), t.scope(), t.createdAt(), t.lastUsedAt(), t.expiresAt(),
                t.expiredAt(now));
    }

    /** An audit entry as every adapter shows it. */
    public static AuditEntry auditEntry(io.rungu.model.AuditEntry e) {
        Map<String, AuditChange> changes = new LinkedHashMap<>();
        for (io.rungu.model.AuditEntry.Change c : e.changes()) {
            changes.put(c.field(), new AuditChange(c.before(), c.after()));
        }
        return new AuditEntry(e.id(), e.at(), e.actor() == null ? null : new AuditActor(e.actor().id(),
                e.actor().name()), e.channel(), e.client(), e.action(),
                new AuditTarget(e.target().type(), e.target().id()), changes);
    }

    /** The body of a domain failure. */
    public static Error error(ErrorBody body) {
        return new Error(body.error(), ErrorCode.valueOf(body.code().toUpperCase(Locale.ROOT)),
                new TreeMap<>(body.fields()), null);
    }

    /** The body of a bug: a generic message and the reference the operator finds in the log. */
    public static Error internal(String requestId) {
        return new Error("Internal server error", ErrorCode.INTERNAL, Map.of(), requestId);
    }
}
