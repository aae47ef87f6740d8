package io.rungu.store.internal.board;

import io.rungu.model.Actor;
import io.rungu.model.BoardEvent;
import io.rungu.model.Attachment;
import io.rungu.model.AttachmentContent;
import io.rungu.model.ByteSizes;
import io.rungu.model.Limits;
import io.rungu.model.NewAttachment;
import io.rungu.model.Page;
import io.rungu.model.PageRequest;
import io.rungu.model.Post;
import io.rungu.model.RunguException;
import io.rungu.store.internal.audit.Changes;
import java.time.Instant;
import org.jdbi.v3.core.Handle;

/** Images on posts, bytes kept in the database so no server holds local files. */
final class Attachments {
    private static final String UPLOAD_DENIED = "Only the post author or admin can upload attachments";

    private final Context cx;
    private final UploadQuotas quotas;

    Attachments(Context cx, UploadQuotas quotas) {
        this.cx = cx;
        this.quotas = quotas;
    }

    Page<Attachment> list(Actor actor, String postId, PageRequest page) {
        return cx.db().read(h -> {
            Lookups.requirePost(h, actor, postId);
            var items = h.createQuery("SELECT " + Rows.ATTACHMENT_COLUMNS + " FROM attachments a "
                            + "WHERE a.post_id = :post ORDER BY a.created_at, a.id LIMIT :limit OFFSET :offset")
                    .bind("post", postId).bind("limit", page.perPage()).bind("offset", page.offset())
                    .map(Rows.ATTACHMENT).list();
            return new Page<>(items, page.page(), page.perPage(), count(h, postId));
        });
    }

    Attachment add(Actor actor, String postId, NewAttachment input) {
        Actor.Account account = Permissions.writer(actor);
        // Permission before content, so a stranger learns nothing from the checks of the bytes.
        cx.db().read(h -> {
            Post post = Lookups.post(h, account, postId);
            Permissions.notBlocked(h, account);
            Permissions.ownerOrAdmin(account, post.createdBy(), UPLOAD_DENIED);
            if (post.mergedInto() != null) {
                throw Lookups.merged();
            }
            return null;
        });
        String mime = AttachmentRules.check(input.bytes(), input.declaredMime());
        String filename = AttachmentRules.filename(input.filename(), mime);
        String id = cx.newId();
        Instant now = cx.now();
        return cx.db().write(h -> {
            Post post = Lookups.post(h, account, postId);
            Permissions.notBlocked(h, account);
            Permissions.ownerOrAdmin(account, post.createdBy(), UPLOAD_DENIED);
            if (post.mergedInto() != null) {
                throw Lookups.merged();
            }
            // Locks the post so that concurrent uploads on other servers count each other.
            h.createQuery("SELECT id FROM posts WHERE id = :id" + cx.db().dialect().lockRows())
                    .bind("id", postId).mapTo(String.class).findOne();
            if (count(h, postId) >= Limits.ATTACHMENTS_PER_POST_MAX) {
                throw RunguException.invalid("file", "A post can have at most " + Limits.ATTACHMENTS_PER_POST_MAX
                        + " attachments");
            }
            requireQuota(h, account.userId(), input.bytes().length);
            h.createUpdate("INSERT INTO attachments (id, post_id, filename, mime, size, created_by, created_at) "
                            + "VALUES (:id, :post, :filename, :mime, :size, :user, :now)")
                    .bind("id", id).bind("post", postId).bind("filename", filename).bind("mime", mime)
                    .bind("size", input.bytes().length).bind("user", account.userId()).bind("now", now)
                    .execute();
            h.createUpdate("INSERT INTO attachment_blobs (attachment_id, bytes) VALUES (:id, :bytes)")
                    .bind("id", id).bind("bytes", input.bytes()).execute();
            cx.event(h, account, BoardEvent.Type.ATTACHMENT_ADDED, post.projectId(), postId, id,
                    Changes.of().added("filename", filename).added("size", input.bytes().length));
            return byId(h, id);
        });
    }

    AttachmentContent get(Actor actor, String attachmentId) {
        return cx.db().read(h -> {
            Attachment attachment = byId(h, attachmentId);
            Post post = Lookups.anyPost(h, attachment.postId());
            if (!Access.canSee(h, actor, post)) {
                throw RunguException.notFound("Attachment not found");
            }
            boolean shared = post.listed() && Access.canSee(h, Actor.anonymous(), post);
            byte[] bytes = h.createQuery("SELECT bytes FROM attachment_blobs WHERE attachment_id = :id")
                    .bind("id", attachmentId).mapTo(byte[].class).findOne()
                    .orElseThrow(() -> RunguException.notFound("Attachment not found"));
            return new AttachmentContent(attachment, bytes, shared);
        });
    }

    void delete(Actor actor, String attachmentId) {
        Actor.Account account = Permissions.writer(actor);
        cx.db().writeVoid(h -> {
            Attachment attachment = byId(h, attachmentId);
            Lookups.requirePost(h, account, attachment.postId());
            Permissions.notBlocked(h, account);
            Permissions.ownerOrAdmin(account, attachment.createdBy(),
                    "Only the uploader or admin can delete attachments");
            String projectId = Lookups.projectOfPost(h, account, attachment.postId());
            h.createUpdate("DELETE FROM attachments WHERE id = :id").bind("id", attachmentId).execute();
            cx.event(h, account, BoardEvent.Type.ATTACHMENT_DELETED, projectId, attachment.postId(), attachmentId,
                    Changes.of().removed("post_id", attachment.postId()).removed("filename", attachment.filename())
                            .removed("size", attachment.size()));
        });
    }

    /** Refuses (CONFLICT) an upload that would take the uploader or the installation past its quota. */
    private void requireQuota(Handle h, String userId, long size) {
        if (quotas.perUser() > 0) {
            // Locks the uploader so that concurrent uploads on other servers count each other.
            h.createQuery("SELECT id FROM users WHERE id = :u" + cx.db().dialect().lockRows())
                    .bind("u", userId).mapTo(String.class).findOne();
            long used = h.createQuery("SELECT COALESCE(SUM(size), 0) FROM attachments WHERE created_by = :u")
                    .bind("u", userId).mapTo(Long.class).one();
            if (used + size > quotas.perUser()) {
                throw RunguException.conflict("Upload quota reached: your attachments can take at most "
                        + ByteSizes.describe(quotas.perUser()) + " and already take " + ByteSizes.describe(used)
                        + "; delete some attachments first");
            }
        }
        if (quotas.total() > 0) {
            long used = h.createQuery("SELECT COALESCE(SUM(size), 0) FROM attachments").mapTo(Long.class).one();
            if (used + size > quotas.total()) {
                throw RunguException.conflict("Storage quota reached: attachments on this board can take at most "
                        + ByteSizes.describe(quotas.total()) + " in all; an admin can delete old ones");
            }
        }
    }

    private static long count(Handle h, String postId) {
        return h.createQuery("SELECT count(*) FROM attachments WHERE post_id = :post").bind("post", postId)
                .mapTo(Long.class).one();
    }

    private static Attachment byId(Handle h, String attachmentId) {
        return h.createQuery("SELECT " + Rows.ATTACHMENT_COLUMNS + " FROM attachments a WHERE a.id = :id")
                .bind("id", attachmentId).map(Rows.ATTACHMENT).findOne()
                .orElseThrow(() -> RunguException.notFound("Attachment not found"));
    }
}
