package io.rungu.store.internal.board;

import io.rungu.model.Actor;
import io.rungu.model.Attachment;
import io.rungu.model.AttachmentContent;
import io.rungu.model.BoardStats;
import io.rungu.model.ChangelogQuery;
import io.rungu.model.CommentView;
import io.rungu.model.NewAttachment;
import io.rungu.model.NewComment;
import io.rungu.model.NewPost;
import io.rungu.model.NewProject;
import io.rungu.model.Page;
import io.rungu.model.PageRequest;
import io.rungu.model.PostEdit;
import io.rungu.model.PostQuery;
import io.rungu.model.PostView;
import io.rungu.model.Project;
import io.rungu.model.ProjectEdit;
import io.rungu.model.Roadmap;
import io.rungu.model.Role;
import io.rungu.model.TimelineItem;
import io.rungu.model.TrendingQuery;
import io.rungu.model.User;
import io.rungu.model.VoteResult;
import io.rungu.store.Board;
import io.rungu.store.internal.db.Database;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** The Board: each method hands its use case to the part that owns it. */
public final class BoardService implements Board {
    private final Projects projects;
    private final Posts posts;
    private final Votes votes;
    private final Comments comments;
    private final Attachments attachments;
    private final Views views;
    private final Users users;
    private final Subscriptions subscriptions;
    private final Merges merges;
    private final Statuses statuses;
    private final Categories categories;
    private final Tags tags;
    private final Audit audit;
    private final Exports exports;
    private final KeptReads kept;
    private final WebhookService webhooks;

    private BoardService(Context cx, UploadQuotas quotas, io.rungu.model.OutboundAddresses addresses) {
        this.kept = cx.kept();
        this.webhooks = new WebhookService(cx, addresses);
        this.projects = new Projects(cx);
        this.posts = new Posts(cx);
        this.votes = new Votes(cx);
        this.comments = new Comments(cx);
        this.attachments = new Attachments(cx, quotas);
        this.views = new Views(cx);
        this.users = new Users(cx);
        this.subscriptions = new Subscriptions(cx);
        this.merges = new Merges(cx);
        this.statuses = new Statuses(cx);
        this.categories = new Categories(cx);
        this.tags = new Tags(cx);
        this.audit = new Audit(cx);
        this.exports = new Exports(cx);
    }

    /**
     * The Board over {@code database}, taking time from {@code clock} and new ids from {@code ids}, keeping list
     * pages and posts for up to {@code cacheTtl} in about {@code cacheBytes} of heap (zero for either keeps none).
     */
    public static Board create(Database database, Clock clock, Supplier<String> ids, Duration cacheTtl,
            long cacheBytes) {
        return create(database, clock, ids, cacheTtl, cacheBytes, UploadQuotas.NONE);
    }

    /** As above, with upload quotas. */
    public static Board create(Database database, Clock clock, Supplier<String> ids, Duration cacheTtl,
            long cacheBytes, UploadQuotas quotas) {
        return create(database, clock, ids, cacheTtl, cacheBytes, quotas,
                new io.rungu.model.OutboundAddresses(io.rungu.model.OutboundAddresses.SYSTEM, false));
    }

    /** As above, checking webhook URLs with {@code addresses}. */
    public static BoardService create(Database database, Clock clock, Supplier<String> ids, Duration cacheTtl,
            long cacheBytes, UploadQuotas quotas, io.rungu.model.OutboundAddresses addresses) {
        Objects.requireNonNull(database);
        KeptReads kept = new KeptReads(database::writeGeneration, Database.keepReadsFor(database, cacheTtl), cacheBytes,
                System::nanoTime);
        return new BoardService(new Context(database, Objects.requireNonNull(clock), Objects.requireNonNull(ids),
                kept), Objects.requireNonNull(quotas), addresses);
    }

    /** Hits and misses of the kept searches since the store opened (tests). */
    long[] keptSearchCounts() {
        return kept.searches.counts();
    }

    /** Hits and misses of the kept list pages and posts since the store opened, for {@code RunguStore.stats()}. */
    public long[] keptReadCounts() {
        return kept.counts();
    }

    private static Actor actor(Actor actor) {
        return actor == null ? Actor.anonymous() : actor;
    }

    private static PageRequest page(PageRequest page) {
        return page == null ? PageRequest.FIRST : page;
    }

    @Override
    public Page<Project> listProjects(Actor actor, PageRequest page) {
        return projects.list(actor(actor), page(page));
    }

    @Override
    public Project getProject(Actor actor, String slug) {
        return projects.get(actor(actor), slug);
    }

    @Override
    public Project createProject(Actor actor, NewProject input) {
        return projects.create(actor(actor), input);
    }

    @Override
    public Project updateProject(Actor actor, String slug, ProjectEdit edit) {
        return projects.update(actor(actor), slug, edit);
    }

    @Override
    public void deleteProject(Actor actor, String slug) {
        projects.delete(actor(actor), slug);
    }

    @Override
    public Page<PostView> listPosts(Actor actor, String projectSlug, PostQuery query) {
        return posts.list(actor(actor), projectSlug, query);
    }

    @Override
    public List<PostView> similarPosts(Actor actor, String projectSlug, String text, int limit) {
        return posts.similar(actor(actor), projectSlug, text, limit);
    }

    @Override
    public void exportPosts(Actor actor, String projectSlug, Consumer<PostView> each) {
        posts.export(actor(actor), projectSlug, each);
    }

    @Override
    public PostView createPost(Actor actor, String projectSlug, NewPost input) {
        return posts.create(actor(actor), projectSlug, input);
    }

    @Override
    public PostView getPost(Actor actor, String postId) {
        return posts.get(actor(actor), postId);
    }

    @Override
    public PostView editPost(Actor actor, String postId, PostEdit edit) {
        return posts.edit(actor(actor), postId, edit);
    }

    @Override
    public Page<TimelineItem> timeline(Actor actor, String postId, PageRequest page) {
        return posts.timeline(actor(actor), postId, page(page));
    }

    @Override
    public void deletePost(Actor actor, String postId) {
        posts.delete(actor(actor), postId);
    }

    @Override
    public VoteResult toggleVote(Actor actor, String postId) {
        return votes.toggle(actor(actor), postId);
    }

    @Override
    public VoteResult setVote(Actor actor, String postId, boolean voted) {
        return votes.set(actor(actor), postId, voted);
    }

    @Override
    public VoteResult voteState(Actor actor, String postId) {
        return votes.state(actor(actor), postId);
    }

    @Override
    public CommentView getComment(Actor actor, String commentId) {
        return comments.get(actor(actor), commentId);
    }

    @Override
    public Page<CommentView> listComments(Actor actor, String postId, PageRequest page) {
        return comments.list(actor(actor), postId, page(page));
    }

    @Override
    public CommentView addComment(Actor actor, String postId, NewComment input) {
        return comments.add(actor(actor), postId, input);
    }

    @Override
    public CommentView editComment(Actor actor, String commentId, String content) {
        return comments.edit(actor(actor), commentId, content);
    }

    @Override
    public void deleteComment(Actor actor, String commentId) {
        comments.delete(actor(actor), commentId);
    }

    @Override
    public Page<Attachment> listAttachments(Actor actor, String postId, PageRequest page) {
        return attachments.list(actor(actor), postId, page(page));
    }

    @Override
    public Attachment addAttachment(Actor actor, String postId, NewAttachment input) {
        return attachments.add(actor(actor), postId, input);
    }

    @Override
    public AttachmentContent getAttachment(Actor actor, String attachmentId) {
        return attachments.get(actor(actor), attachmentId);
    }

    @Override
    public void deleteAttachment(Actor actor, String attachmentId) {
        attachments.delete(actor(actor), attachmentId);
    }

    @Override
    public void subscribe(Actor actor, String postId) {
        subscriptions.subscribe(actor(actor), postId);
    }

    @Override
    public void unsubscribe(Actor actor, String postId) {
        subscriptions.unsubscribe(actor(actor), postId);
    }

    @Override
    public void subscribeProject(Actor actor, String projectSlug) {
        subscriptions.subscribeProject(actor(actor), projectSlug);
    }

    @Override
    public void unsubscribeProject(Actor actor, String projectSlug) {
        subscriptions.unsubscribeProject(actor(actor), projectSlug);
    }

    @Override
    public boolean isSubscribedToProject(Actor actor, String projectSlug) {
        return subscriptions.isSubscribedToProject(actor(actor), projectSlug);
    }

    @Override
    public boolean isSubscribed(Actor actor, String postId) {
        return subscriptions.isSubscribed(actor(actor), postId);
    }

    @Override
    public boolean unsubscribeByToken(Actor actor, String token) {
        return subscriptions.unsubscribeByToken(token);
    }

    @Override
    public io.rungu.model.NotificationSettings notificationSettings(Actor actor) {
        return subscriptions.settings(actor(actor));
    }

    @Override
    public io.rungu.model.NotificationSettings updateNotificationSettings(Actor actor,
            io.rungu.model.NotificationSettingsEdit edit) {
        return subscriptions.updateSettings(actor(actor), edit);
    }

    @Override
    public java.util.Optional<io.rungu.model.UnsubscribeLink> unsubscribeLink(String token) {
        return subscriptions.unsubscribeLink(token);
    }

    @Override
    public Roadmap roadmap(Actor actor, String projectSlug, int limit) {
        return views.roadmap(actor(actor), projectSlug, limit);
    }

    @Override
    public Page<PostView> changelog(Actor actor, String projectSlug, ChangelogQuery query) {
        return views.changelog(actor(actor), projectSlug, query);
    }

    @Override
    public BoardStats stats(Actor actor, String projectSlug) {
        return views.stats(actor(actor), projectSlug);
    }

    @Override
    public List<PostView> trending(Actor actor, String projectSlug, TrendingQuery query) {
        return views.trending(actor(actor), projectSlug, query);
    }

    @Override
    public io.rungu.model.Definitions definitions(Actor actor, String projectSlug) {
        return projects.definitions(actor, projectSlug);
    }

    @Override
    public List<io.rungu.model.BoardStatus> listStatuses(Actor actor, String projectSlug) {
        return statuses.list(actor, projectSlug);
    }

    @Override
    public io.rungu.model.BoardStatus createStatus(Actor actor, String projectSlug, io.rungu.model.NewStatus input) {
        return statuses.create(actor(actor), projectSlug, input);
    }

    @Override
    public io.rungu.model.BoardStatus updateStatus(Actor actor, String projectSlug, String statusSlug,
            io.rungu.model.StatusEdit edit) {
        return statuses.update(actor(actor), projectSlug, statusSlug, edit);
    }

    @Override
    public void deleteStatus(Actor actor, String projectSlug, String statusSlug, String moveTo) {
        statuses.delete(actor(actor), projectSlug, statusSlug, moveTo);
    }

    @Override
    public List<io.rungu.model.BoardCategory> listCategories(Actor actor, String projectSlug) {
        return categories.list(actor, projectSlug);
    }

    @Override
    public io.rungu.model.BoardCategory createCategory(Actor actor, String projectSlug,
            io.rungu.model.NewCategory input) {
        return categories.create(actor(actor), projectSlug, input);
    }

    @Override
    public io.rungu.model.BoardCategory updateCategory(Actor actor, String projectSlug, String categorySlug,
            io.rungu.model.CategoryEdit edit) {
        return categories.update(actor(actor), projectSlug, categorySlug, edit);
    }

    @Override
    public void deleteCategory(Actor actor, String projectSlug, String categorySlug, String moveTo) {
        categories.delete(actor(actor), projectSlug, categorySlug, moveTo);
    }

    @Override
    public List<io.rungu.model.Tag> listTags(Actor actor, String projectSlug) {
        return tags.list(actor, projectSlug);
    }

    @Override
    public io.rungu.model.Tag createTag(Actor actor, String projectSlug, io.rungu.model.NewTag input) {
        return tags.create(actor(actor), projectSlug, input);
    }

    @Override
    public io.rungu.model.Tag updateTag(Actor actor, String projectSlug, String tagSlug, io.rungu.model.TagEdit edit) {
        return tags.update(actor(actor), projectSlug, tagSlug, edit);
    }

    @Override
    public void deleteTag(Actor actor, String projectSlug, String tagSlug) {
        tags.delete(actor(actor), projectSlug, tagSlug);
    }

    @Override
    public PostView setPostTags(Actor actor, String postId, List<String> tagSlugs) {
        return tags.setOnPost(actor(actor), postId, tagSlugs);
    }

    @Override
    public User me(Actor actor) {
        return users.me(actor(actor));
    }

    @Override
    public Page<User> listUsers(Actor actor, String query, PageRequest page) {
        return users.list(actor(actor), query, page(page));
    }

    @Override
    public User setRole(Actor actor, String userId, Role role) {
        return users.setRole(actor(actor), userId, role);
    }

    @Override
    public User updateProfile(Actor actor, String name) {
        return users.updateProfile(actor(actor), name);
    }

    @Override
    public void deleteUser(Actor actor, String userId) {
        users.delete(actor(actor), userId);
    }

    @Override
    public PostView mergePost(Actor actor, String postId, String intoId) {
        return merges.merge(actor(actor), postId, intoId);
    }

    @Override
    public PostView unmergePost(Actor actor, String postId) {
        return merges.unmerge(actor(actor), postId);
    }

    @Override
    public User setBlocked(Actor actor, String userId, boolean blocked) {
        return users.setBlocked(actor(actor), userId, blocked);
    }

    @Override
    public Page<io.rungu.model.ProjectMember> listProjectMembers(Actor actor, String slug, PageRequest page) {
        return projects.members(actor(actor), slug, page(page));
    }

    @Override
    public io.rungu.model.ProjectMember addProjectMember(Actor actor, String slug, String user) {
        return projects.addMember(actor(actor), slug, user);
    }

    @Override
    public void removeProjectMember(Actor actor, String slug, String user) {
        projects.removeMember(actor(actor), slug, user);
    }

    @Override
    public PostView hidePost(Actor actor, String postId) {
        return posts.hide(actor(actor), postId);
    }

    @Override
    public PostView restorePost(Actor actor, String postId) {
        return posts.restore(actor(actor), postId);
    }

    @Override
    public CommentView hideComment(Actor actor, String commentId) {
        return comments.hide(actor(actor), commentId);
    }

    @Override
    public CommentView restoreComment(Actor actor, String commentId) {
        return comments.restore(actor(actor), commentId);
    }

    @Override
    public Page<PostView> approvalQueue(Actor actor, String projectSlug, PageRequest page) {
        return posts.pending(actor(actor), projectSlug, page(page));
    }

    @Override
    public PostView approvePost(Actor actor, String postId) {
        return posts.approve(actor(actor), postId);
    }

    @Override
    public void rejectPost(Actor actor, String postId) {
        posts.reject(actor(actor), postId);
    }

    @Override
    public Page<io.rungu.model.AuditEntry> auditLog(Actor actor, io.rungu.model.AuditQuery query) {
        return audit.read(actor(actor), query == null ? io.rungu.model.AuditQuery.ALL : query);
    }

    @Override
    public io.rungu.store.DataExport exportArchive(Actor actor, List<String> projectSlugs) {
        return exports.archive(actor(actor), projectSlugs);
    }

    @Override
    public io.rungu.store.DataExport exportPersonalData(Actor actor) {
        return exports.personal(actor(actor));
    }

    @Override
    public io.rungu.store.Webhooks webhooks() {
        return webhooks;
    }

    /** The queue of webhook messages, for a sender. */
    public io.rungu.store.WebhookQueue webhookQueue() {
        return webhooks;
    }
}
