package io.rungu.store.internal.board;

import io.rungu.model.Actor;
import io.rungu.model.BoardEvent;
import io.rungu.model.ErrorCode;
import io.rungu.model.Limits;
import io.rungu.model.NewTag;
import io.rungu.model.Post;
import io.rungu.model.PostView;
import io.rungu.model.RunguException;
import io.rungu.model.Tag;
import io.rungu.model.TagEdit;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;

/** A board's tags and the tags of its posts: public reads, admin writes. */
final class Tags {
    private final Context cx;

    Tags(Context cx) {
        this.cx = cx;
    }

    List<Tag> list(Actor actor, String projectSlug) {
        return cx.db().read(h -> BoardDefinitions.tags(h, Lookups.projectId(h, actor, projectSlug)));
    }

    Tag create(Actor actor, String projectSlug, NewTag input) {
        Actor.Account account = Permissions.admin(actor);
        if (input == null) {
            throw RunguException.invalid("name", "Name is required");
        }
        String name = DefinitionRules.name(input.name());
        String slug = DefinitionRules.slug(input.slug(), name);
        String color = DefinitionRules.color(input.color(), DefinitionRules.DEFAULT_COLOR);
        String id = cx.newId();
        return cx.db().write(h -> {
            String projectId = Lookups.projectId(h, account, projectSlug);
            List<Tag> all = BoardDefinitions.tags(h, projectId);
            if (all.size() >= Limits.TAGS_PER_BOARD_MAX) {
                throw RunguException.conflict("A board can have at most " + Limits.TAGS_PER_BOARD_MAX + " tags");
            }
            if (all.stream().anyMatch(t -> t.slug().equals(slug))) {
                throw RunguException.conflict("This board already has a tag '" + slug + "'");
            }
            h.createUpdate("INSERT INTO tags (id, project_id, slug, name, color) "
                            + "VALUES (:id, :project, :slug, :name, :color)")
                    .bind("id", id).bind("project", projectId).bind("slug", slug).bind("name", name)
                    .bind("color", color).execute();
            cx.definitionChanged(h, account, BoardEvent.Type.TAG_CREATED, projectId, id, null);
            return existing(BoardDefinitions.tags(h, projectId), slug);
        });
    }

    Tag update(Actor actor, String projectSlug, String tagSlug, TagEdit edit) {
        Actor.Account account = Permissions.admin(actor);
        if (edit == null || edit.isEmpty()) {
            throw new RunguException(ErrorCode.INVALID, "No fields to update");
        }
        String name = edit.name() == null ? null : DefinitionRules.name(edit.name());
        String color = edit.color() == null ? null : DefinitionRules.color(edit.color(), null);
        return cx.db().write(h -> {
            String projectId = Lookups.projectId(h, account, projectSlug);
            Tag tag = existing(BoardDefinitions.tags(h, projectId), tagSlug);
            h.createUpdate("UPDATE tags SET name = :name, color = :color WHERE id = :id")
                    .bind("name", name == null ? tag.name() : name).bind("color", color == null ? tag.color() : color)
                    .bind("id", tag.id()).execute();
            cx.definitionChanged(h, account, BoardEvent.Type.TAG_EDITED, projectId, tag.id(), null);
            return existing(BoardDefinitions.tags(h, projectId), tag.slug());
        });
    }

    /** Removes a tag from the board and from every post that carries it. */
    void delete(Actor actor, String projectSlug, String tagSlug) {
        Actor.Account account = Permissions.admin(actor);
        cx.db().writeVoid(h -> {
            String projectId = Lookups.projectId(h, account, projectSlug);
            Tag tag = existing(BoardDefinitions.tags(h, projectId), tagSlug);
            List<String> postIds = h.createQuery("SELECT post_id FROM post_tags WHERE tag_id = :tag")
                    .bind("tag", tag.id()).mapTo(String.class).list();
            h.createUpdate("DELETE FROM tags WHERE id = :id").bind("id", tag.id()).execute();
            for (String postId : postIds) {
                keepOnPost(h, postId);
            }
            cx.definitionChanged(h, account, BoardEvent.Type.TAG_DELETED, projectId, tag.id(), null);
        });
    }

    /** Sets the tags of a post (admin) to exactly {@code slugs}, each a tag of its board. */
    PostView setOnPost(Actor actor, String postId, List<String> slugs) {
        Actor.Account account = Permissions.admin(actor);
        if (slugs == null) {
            throw RunguException.invalid("tags", "tags is required: a list of tag slugs, empty for none");
        }
        TreeSet<String> wanted = new TreeSet<>();
        for (String slug : slugs) {
            if (slug == null || slug.isBlank()) {
                throw RunguException.invalid("tags", "A tag slug cannot be empty");
            }
            wanted.add(slug.strip());
        }
        if (wanted.size() > Limits.TAGS_PER_POST_MAX) {
            throw RunguException.invalid("tags", "A post can have at most " + Limits.TAGS_PER_POST_MAX + " tags");
        }
        return cx.db().write(h -> {
            Post post = Lookups.post(h, account, postId);
            List<String> ids = new ArrayList<>();
            for (String slug : wanted) {
                ids.add(BoardDefinitions.requireTag(h, post.projectId(), slug, "tags").id());
            }
            h.createUpdate("DELETE FROM post_tags WHERE post_id = :post").bind("post", postId).execute();
            for (String id : ids) {
                h.createUpdate("INSERT INTO post_tags (post_id, tag_id) VALUES (:post, :tag)")
                        .bind("post", postId).bind("tag", id).execute();
            }
            keepOnPost(h, postId);
            cx.event(h, account, BoardEvent.Type.POST_TAGS_CHANGED, post.projectId(), postId, null);
            return PostReads.require(h, postId, account.userId());
        });
    }

    /** Writes the post's tag slugs onto the post row, where every read takes them from. */
    private static void keepOnPost(Handle h, String postId) {
        List<String> slugs = h.createQuery("SELECT t.slug FROM post_tags pt JOIN tags t ON t.id = pt.tag_id "
                        + "WHERE pt.post_id = :post ORDER BY t.slug")
                .bind("post", postId).mapTo(String.class).list();
        h.createUpdate("UPDATE posts SET tags = :tags WHERE id = :post")
                .bind("tags", String.join(" ", slugs)).bind("post", postId).execute();
    }

    private static Tag existing(List<Tag> all, String slug) {
        return all.stream().filter(t -> t.slug().equals(slug)).findFirst()
                .orElseThrow(() -> RunguException.notFound("Tag not found"));
    }
}
