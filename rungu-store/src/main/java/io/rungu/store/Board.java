package io.rungu.store;

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
import io.rungu.model.Role;
import io.rungu.model.Roadmap;
import io.rungu.model.TimelineItem;
import io.rungu.model.TrendingQuery;
import io.rungu.model.User;
import io.rungu.model.VoteResult;
import java.util.List;
import java.util.function.Consumer;

/**
 * Every use case of a feedback board. Each method takes the acting {@link Actor} and enforces permissions,
 * validation and limits itself, so the REST API, the MCP server, the CLI and a host application all meet the
 * same rules and messages. Failures are {@link io.rungu.model.RunguException}s.
 *
 * <p>Reads are public, except what a board's visibility, a hidden post or comment, or the approval queue keeps from
 * the actor: that is NOT_FOUND, exactly as if it did not exist (docs/administration.md). Writes need an account
 * whose credentials may write. Posts, comments and attachments are changed by their author or an admin; boards,
 * statuses, roles, members, hiding and approval only by admins.
 */
public interface Board {

    // --- boards (projects) ---

    /** The boards the actor may see, newest first. */
    Page<Project> listProjects(Actor actor, PageRequest page);

    /** One board by slug; NOT_FOUND "Project not found". */
    Project getProject(Actor actor, String slug);

    /** Creates a board (admin). A taken slug is CONFLICT. */
    Project createProject(Actor actor, NewProject input);

    /** Renames or re-describes a board, or changes its visibility or moderation (admin). */
    Project updateProject(Actor actor, String slug, ProjectEdit edit);

    /** Deletes a board with all its posts, votes, comments and attachments (admin). */
    void deleteProject(Actor actor, String slug);

    // --- posts ---

    /** Posts of a board, filtered, searched and sorted, with the viewer's voted-state. */
    Page<PostView> listPosts(Actor actor, String projectSlug, PostQuery query);

    /**
     * The posts of a board most like {@code text}, best first, for spotting a duplicate before posting: a post
     * matches when it shares any content word with the text (common words such as "the", "please" or "add" are
     * ignored; the last word matches by prefix, as it may still be typed), and posts sharing more and rarer words,
     * in the title rather than the description, rank higher. Empty when the text has no content words.
     *
     * @param limit at most this many posts, 1..{@link io.rungu.model.Limits#SIMILAR_LIMIT_MAX} (INVALID outside)
     * @throws io.rungu.model.RunguException NOT_FOUND for an unknown board; INVALID when the text is longer than
     *                                       {@link io.rungu.model.Limits#SEARCH_QUERY_MAX}
     */
    List<PostView> similarPosts(Actor actor, String projectSlug, String text, int limit);

    /** Creates an open post as the actor. */
    PostView createPost(Actor actor, String projectSlug, NewPost input);

    /** One post with the viewer's voted-state; NOT_FOUND "Post not found". */
    PostView getPost(Actor actor, String postId);

    /**
     * Changes a post. Title, description and category: author or admin. Status and the official response: admin
     * only. The whole edit is validated before anything is written. A status change, and an official response given
     * with or without one, is recorded in the post's status history in the same transaction; a response (Markdown,
     * the limits of a comment; blank means none) becomes the post's latest {@link PostView#response()}.
     */
    PostView editPost(Actor actor, String postId, PostEdit edit);

    /**
     * A post's timeline: its comments (replies included) and status changes with their official responses, oldest
     * first (ties by id), paged like every list; the total counts both. NOT_FOUND "Post not found".
     */
    Page<TimelineItem> timeline(Actor actor, String postId, PageRequest page);

    /** Deletes a post with its votes, comments and attachments (author or admin). */
    void deletePost(Actor actor, String postId);

    /**
     * Every post of a board, oldest first, handed to {@code each} a page at a time, for exports (admin; read-only
     * credentials suffice). Each page is its own short read resumed after the last post, so a board of any size
     * streams in bounded memory and the database is not held while {@code each} writes; a post created or deleted
     * meanwhile may or may not appear. {@code votedByViewer} is always false. The permission and the board are
     * checked before {@code each} is first called.
     */
    void exportPosts(Actor actor, String projectSlug, Consumer<PostView> each);

    // --- votes ---

    /** Adds the actor's vote, or removes it when present. */
    VoteResult toggleVote(Actor actor, String postId);

    /** Sets the actor's vote to {@code voted}; repeating it changes nothing. */
    VoteResult setVote(Actor actor, String postId, boolean voted);

    /** Whether the actor votes for the post (false for anonymous actors). */
    VoteResult voteState(Actor actor, String postId);

    // --- comments ---

    /** Comments of a post, oldest first, with authors; replies carry their parent's id. */
    Page<CommentView> listComments(Actor actor, String postId, PageRequest page);

    /** Adds a comment or a reply; bumps the post's comment count and updated time. */
    CommentView addComment(Actor actor, String postId, NewComment input);

    /**
     * One comment, if the actor may see it (internal notes and hidden comments: admins only) on a post they may see;
     * else NOT_FOUND.
     */
    CommentView getComment(Actor actor, String commentId);

    /** Changes a comment's text (its author only). */
    CommentView editComment(Actor actor, String commentId, String content);

    /** Deletes a comment and all replies under it (author or admin); the post's count drops by all of them. */
    void deleteComment(Actor actor, String commentId);

    // --- attachments ---

    /** Attachments of a post, oldest first. */
    Page<Attachment> listAttachments(Actor actor, String postId, PageRequest page);

    /** Attaches an image to a post (post author or admin); the type is checked by content. */
    Attachment addAttachment(Actor actor, String postId, NewAttachment input);

    /** One attachment with its bytes; NOT_FOUND "Attachment not found". */
    AttachmentContent getAttachment(Actor actor, String attachmentId);

    /** Deletes an attachment (uploader or admin). */
    void deleteAttachment(Actor actor, String attachmentId);

    // --- subscriptions ---

    /**
     * Follows a post: the actor is then told of its status changes and new comments (docs/notifications.md).
     * Authors, voters and commenters follow a post automatically. Doing it twice changes nothing.
     */
    void subscribe(Actor actor, String postId);

    /** Stops following a post; doing it when not following changes nothing. */
    void unsubscribe(Actor actor, String postId);

    /**
     * Follows a whole board (admins): the actor is then told of every new post on it. Doing it twice changes
     * nothing.
     */
    void subscribeProject(Actor actor, String projectSlug);

    /** Stops following a board; doing it when not following changes nothing. */
    void unsubscribeProject(Actor actor, String projectSlug);

    /** True when the signed-in actor follows the board (UNAUTHENTICATED when anonymous). */
    boolean isSubscribedToProject(Actor actor, String projectSlug);

    /** True when the signed-in actor follows the post (UNAUTHENTICATED when anonymous). */
    boolean isSubscribed(Actor actor, String postId);

    /**
     * The one-click unsubscribe of a notification email: removes the one subscription the link's token belongs
     * to, whoever asks (the token is the credential). False when the token is unknown or was used already.
     */
    boolean unsubscribeByToken(Actor actor, String token);

    /** The actor's own email settings; everything is on until changed (UNAUTHENTICATED when anonymous). */
    io.rungu.model.NotificationSettings notificationSettings(Actor actor);

    /**
     * Changes the actor's own email settings; a null value keeps the current one. Needs credentials that may
     * write. Returns the settings now in force.
     */
    default io.rungu.model.NotificationSettings updateNotificationSettings(Actor actor, Boolean statusChanges,
            Boolean comments) {
        return updateNotificationSettings(actor, new io.rungu.model.NotificationSettingsEdit(statusChanges, comments,
                null, null));
    }

    /**
     * Changes the actor's own email settings, one switch per kind (status changes, comments, replies to them, new
     * posts on followed boards); a null value keeps the current one. Needs credentials that may write. Returns the
     * settings now in force.
     */
    io.rungu.model.NotificationSettings updateNotificationSettings(Actor actor,
            io.rungu.model.NotificationSettingsEdit edit);

    /**
     * What the one-click unsubscribe link with {@code token} would stop (for the page that confirms it), without
     * changing anything; empty when the token is unknown or was used already.
     */
    java.util.Optional<io.rungu.model.UnsubscribeLink> unsubscribeLink(String token);

    // --- derived views ---

    /**
     * Planned, in-progress and done posts, most-voted first, {@code limit} per bucket; a limit outside
     * 1..{@link io.rungu.model.Limits#ROADMAP_LIMIT_MAX} is INVALID ({@link io.rungu.model.Range#ROADMAP_LIMIT}).
     */
    Roadmap roadmap(Actor actor, String projectSlug, int limit);

    /** Done posts, most recently shipped first (by the time they became done). */
    Page<PostView> changelog(Actor actor, String projectSlug, ChangelogQuery query);

    /** Exact counts of a board at any size. */
    BoardStats stats(Actor actor, String projectSlug);

    /**
     * The most-voted posts created in the last {@code query.days()} days, at most {@code query.limit()}; null means
     * {@link TrendingQuery#DEFAULT}. The query's values are checked when it is built (refused, never clamped).
     */
    List<PostView> trending(Actor actor, String projectSlug, TrendingQuery query);

    // --- statuses, categories and tags ---

    /**
     * A board with its statuses and categories in order and its tags by name: what a client needs to show the
     * board's posts, in one read. NOT_FOUND "Project not found".
     */
    io.rungu.model.Definitions definitions(Actor actor, String projectSlug);

    /** The board's statuses in order, with their post counts. */
    List<io.rungu.model.BoardStatus> listStatuses(Actor actor, String projectSlug);

    /**
     * Adds a status (admin): a name (1..{@link io.rungu.model.Limits#DEFINITION_NAME_MAX}), a slug (given or derived
     * from the name, {@link io.rungu.model.DefinitionSlugs}), a colour {@code #rrggbb}, a kind (active when null)
     * and a place (last when null). CONFLICT for a taken slug or past
     * {@link io.rungu.model.Limits#STATUSES_PER_BOARD_MAX} statuses.
     */
    io.rungu.model.BoardStatus createStatus(Actor actor, String projectSlug, io.rungu.model.NewStatus input);

    /**
     * Renames, recolours, re-kinds or moves a status (admin); the slug never changes. Making a status done-kind
     * puts its posts in the changelog as of now; making it another kind takes them out. CONFLICT when it would
     * leave the board without an open-kind status.
     */
    io.rungu.model.BoardStatus updateStatus(Actor actor, String projectSlug, String statusSlug,
            io.rungu.model.StatusEdit edit);

    /**
     * Deletes a status (admin). When posts have it, {@code moveTo} (another status of the board) is required and
     * they move there in the same transaction, each with a status change in its history and an event. CONFLICT
     * for the board's last open-kind status.
     */
    void deleteStatus(Actor actor, String projectSlug, String statusSlug, String moveTo);

    /** The board's categories in order, with their post counts. */
    List<io.rungu.model.BoardCategory> listCategories(Actor actor, String projectSlug);

    /** Adds a category (admin); the rules of {@link #createStatus} without colour and kind. */
    io.rungu.model.BoardCategory createCategory(Actor actor, String projectSlug, io.rungu.model.NewCategory input);

    /** Renames or moves a category (admin); the slug never changes. */
    io.rungu.model.BoardCategory updateCategory(Actor actor, String projectSlug, String categorySlug,
            io.rungu.model.CategoryEdit edit);

    /**
     * Deletes a category (admin); its posts move to {@code moveTo}, required when it has any. CONFLICT for the
     * board's last category.
     */
    void deleteCategory(Actor actor, String projectSlug, String categorySlug, String moveTo);

    /** The board's tags by name. */
    List<io.rungu.model.Tag> listTags(Actor actor, String projectSlug);

    /** Adds a tag (admin); CONFLICT for a taken slug or past {@link io.rungu.model.Limits#TAGS_PER_BOARD_MAX}. */
    io.rungu.model.Tag createTag(Actor actor, String projectSlug, io.rungu.model.NewTag input);

    /** Renames or recolours a tag (admin); the slug never changes. */
    io.rungu.model.Tag updateTag(Actor actor, String projectSlug, String tagSlug, io.rungu.model.TagEdit edit);

    /** Deletes a tag (admin), taking it off every post that has it. */
    void deleteTag(Actor actor, String projectSlug, String tagSlug);

    /**
     * Sets a post's tags to exactly these slugs (admin), each a tag of the post's board, at most
     * {@link io.rungu.model.Limits#TAGS_PER_POST_MAX}; an empty list removes them all.
     */
    PostView setPostTags(Actor actor, String postId, List<String> tagSlugs);

    // --- users ---

    /** The actor's own account (UNAUTHENTICATED when anonymous). */
    User me(Actor actor);

    /** All users, newest first (admin). */
    default Page<User> listUsers(Actor actor, PageRequest page) {
        return listUsers(actor, null, page);
    }

    /**
     * Users whose name or email contains {@code query} (case-insensitive), newest first (admin); a null or blank
     * query lists them all. The query has at most {@link io.rungu.model.Limits#USER_QUERY_MAX} characters.
     */
    Page<User> listUsers(Actor actor, String query, PageRequest page);

    /** Promotes or demotes a user (admin). The last admin cannot demote themself. */
    User setRole(Actor actor, String userId, Role role);

    /**
     * Sets the actor's own display name (trimmed, 1..{@link io.rungu.model.Limits#USER_NAME_MAX} characters) and
     * returns the updated account. Needs credentials that may write.
     */
    User updateProfile(Actor actor, String name);

    /**
     * Erases an account (the user themself, or an admin for anyone): their posts, comments and attachments stay,
     * shown as {@value #DELETED_USER_NAME}; their votes are removed, so every count stays exact; their sessions,
     * sign-in links, API tokens and provider identities are deleted; their email, name and avatar are scrubbed and
     * the account is left out of the user list. The user id stays on what they wrote. The last admin cannot be
     * erased (CONFLICT). On SQLite the freed bytes are overwritten and the write-ahead log is emptied, so the email
     * is nowhere in the database files; PostgreSQL keeps old row versions until its VACUUM.
     */
    void deleteUser(Actor actor, String userId);

    // --- curation (issue 13) ---

    /**
     * Merges a duplicate into another post (admin), across boards too, in one transaction: the duplicate's votes
     * move to the target (a person who voted for both keeps one vote), its comments move under the target (marked
     * with {@link io.rungu.model.Comment#mergedFrom()}), its followers follow the target, and it becomes a read-only
     * pointer ({@link io.rungu.model.Post#mergedInto()}) that still answers reads; votes, comments, edits and
     * uploads to it are CONFLICT. Merging a post into itself is INVALID; merging a merged post, into a merged post,
     * or a post that others are merged into is CONFLICT. Returns the target. Its followers are notified.
     */
    PostView mergePost(Actor actor, String postId, String intoId);

    /**
     * Undoes a merge (admin): the duplicate gets back its votes, comments (with replies written under them since)
     * and the target loses the votes and followers the merge added, so both posts are as they were. CONFLICT when
     * the post is not merged. Returns the duplicate.
     */
    PostView unmergePost(Actor actor, String postId);

    /**
     * Blocks or unblocks a member (admin): a blocked member reads as before but cannot write board content
     * (posts, comments, votes, attachments; FORBIDDEN "Your account is blocked from posting on this board"), while
     * following posts, notification settings, signing out and erasing their own account still work. Admins cannot
     * be blocked and nobody blocks themself (CONFLICT).
     */
    User setBlocked(Actor actor, String userId, boolean blocked);

    // --- exports (docs/data-format.md) ---

    /**
     * The portable archive of some boards, or of every board and account when {@code projectSlugs} is empty
     * (admin; read-only credentials suffice): the same file as {@link BoardArchive#export}. Permission and slugs are
     * checked now; the archive is read and written when {@link DataExport#writeTo} is called.
     *
     * @throws io.rungu.model.RunguException FORBIDDEN for non-admins, NOT_FOUND "Project not found" for an unknown
     *                                       slug
     */
    DataExport exportArchive(Actor actor, java.util.List<String> projectSlugs);

    /**
     * Everything Rungu holds about the signed-in actor, as one JSON document (GDPR): profile, sign-in identities,
     * notification settings, API tokens' and sessions' metadata (never a secret or hash), posts, comments, votes,
     * subscriptions, status changes and attachments' metadata. UNAUTHENTICATED when anonymous.
     */
    DataExport exportPersonalData(Actor actor);

    /** The name an erased account's posts and comments show. */
    String DELETED_USER_NAME = "Deleted user";

    // --- private boards and moderation (docs/administration.md) ---

    /** The members of a board, oldest first (admin; read-only credentials suffice). */
    Page<io.rungu.model.ProjectMember> listProjectMembers(Actor actor, String slug, PageRequest page);

    /**
     * Adds a user, named by id or email address, to a board's members (admin): with visibility {@code members} only
     * members and admins see the board. Adding a member twice changes nothing. NOT_FOUND "User not found".
     */
    io.rungu.model.ProjectMember addProjectMember(Actor actor, String slug, String user);

    /**
     * Removes a user (id or email address) from a board's members (admin); they stop following its posts.
     * Removing a non-member changes nothing.
     */
    void removeProjectMember(Actor actor, String slug, String user);

    /**
     * Hides a post (admin): then only admins see it (with {@code hidden} set); for everyone else it is NOT_FOUND
     * and absent from every list, search, count and feed. Hiding a hidden post changes nothing; a pending post is
     * CONFLICT (approve or reject it).
     */
    PostView hidePost(Actor actor, String postId);

    /** Lists a hidden post again (admin); restoring a listed post changes nothing. */
    PostView restorePost(Actor actor, String postId);

    /**
     * Hides a comment and every reply under it (admin): only admins see them, and the post's comment count leaves
     * them out. Hiding a hidden comment changes nothing.
     */
    CommentView hideComment(Actor actor, String commentId);

    /** Shows a hidden comment and every reply under it again (admin). */
    CommentView restoreComment(Actor actor, String commentId);

    /**
     * The approval queue of a board (admin; read-only credentials suffice): posts waiting for approval, oldest first.
     * On a board with moderation {@code new_posts}, members' new posts wait there, seen only by admins and their
     * author, and nobody is notified of them until they are approved.
     */
    Page<PostView> approvalQueue(Actor actor, String projectSlug, PageRequest page);

    /** Lists a waiting post (admin); its board's followers are told of it now. CONFLICT when it is not waiting. */
    PostView approvePost(Actor actor, String postId);

    /** Rejects a waiting post (admin): it is deleted with its votes and comments. CONFLICT when it is not waiting. */
    void rejectPost(Actor actor, String postId);

    // --- audit log ---

    /**
     * The audit log, newest first (admin; read-only credentials suffice): every write through this store with who
     * made it, through which channel and client, and the fields it changed. {@code query}'s {@code since} is an
     * RFC 3339 instant or a duration back from now ({@code 24h}, {@code 7d}); a bad filter is INVALID, an unknown
     * board NOT_FOUND.
     */
    Page<io.rungu.model.AuditEntry> auditLog(Actor actor, io.rungu.model.AuditQuery query);

    // --- webhooks ---

    /** The webhook endpoints (admin only): register, change, rotate secrets, read delivery logs (docs/webhooks.md). */
    Webhooks webhooks();
}
