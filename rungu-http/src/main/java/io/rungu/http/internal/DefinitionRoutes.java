package io.rungu.http.internal;

import static io.javalin.http.HandlerType.DELETE;
import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.PATCH;
import static io.javalin.http.HandlerType.POST;
import static io.javalin.http.HandlerType.PUT;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.rungu.http.internal.Route.Access;
import io.rungu.http.internal.Route.Shape;
import io.rungu.model.CategoryEdit;
import io.rungu.model.NewCategory;
import io.rungu.model.NewStatus;
import io.rungu.model.NewTag;
import io.rungu.model.StatusEdit;
import io.rungu.model.StatusKind;
import io.rungu.model.TagEdit;
import io.rungu.store.Board;
import io.rungu.wire.Wire;
import java.util.List;

/**
 * A board's own statuses, categories and tags, and the tags of a post. Each handler parses, makes one Board call
 * and renders; every rule and permission lives in the Board.
 */
public final class DefinitionRoutes {
    static final List<String> NEW_STATUS = List.of("slug", "name", "color", "kind", "position");
    static final List<String> STATUS_EDIT = List.of("name", "color", "kind", "position");
    static final List<String> NEW_CATEGORY = List.of("slug", "name", "position");
    static final List<String> CATEGORY_EDIT = List.of("name", "position");
    static final List<String> NEW_TAG = List.of("slug", "name", "color");
    static final List<String> TAG_EDIT = List.of("name", "color");
    static final List<String> MOVE = List.of("move_to");
    static final List<String> POST_TAGS = List.of("tags");

    private final Board board;
    private final Requests requests;
    private final Guard guard;

    public DefinitionRoutes(Board board, Requests requests, Guard guard) {
        this.board = board;
        this.requests = requests;
        this.guard = guard;
    }

    public void register(RouteTable t) {
        String statuses = "/api/projects/{slug}/statuses";
        t.add(GET, statuses, ctx -> ok(ctx, board.listStatuses(actor(ctx), slug(ctx)).stream().map(Wire::status)
                        .toList()))
                .doc("statuses", "A board's statuses in order, with their kinds and post counts", Access.PUBLIC)
                .reply(200, Shape.LIST, "Status").done();
        t.add(POST, statuses, ctx -> {
            JsonNode body = requests.object(ctx, NEW_STATUS);
            var input = new NewStatus(Requests.string(body, "slug"), Requests.string(body, "name"),
                    Requests.string(body, "color"), Requests.wire(body, "kind", StatusKind::parse),
                    Requests.optionalInteger(body, "position"));
            created(ctx, Wire.status(board.createStatus(actor(ctx), slug(ctx), input)));
        }).doc("statuses", "Add a status to a board", Access.ADMIN).json("NewStatus")
                .reply(201, Shape.DATA, "Status").done();
        t.add(PATCH, statuses + "/{status}", ctx -> {
            JsonNode body = requests.object(ctx, STATUS_EDIT);
            var edit = new StatusEdit(Requests.string(body, "name"), Requests.string(body, "color"),
                    Requests.wire(body, "kind", StatusKind::parse), Requests.optionalInteger(body, "position"));
            ok(ctx, Wire.status(board.updateStatus(actor(ctx), slug(ctx), ctx.pathParam("status"), edit)));
        }).doc("statuses", "Rename, recolour, re-kind or move a status (its slug stays)", Access.ADMIN)
                .json("StatusEdit").reply(200, Shape.DATA, "Status").done();
        t.add(DELETE, statuses + "/{status}", ctx -> {
            String moveTo = Requests.string(requests.optionalObject(ctx, MOVE), "move_to");
            board.deleteStatus(actor(ctx), slug(ctx), ctx.pathParam("status"), moveTo);
            ctx.status(204);
        }).doc("statuses", "Delete a status; its posts move to move_to, required when it has any", Access.ADMIN)
                .json("MoveTo").reply(204, Shape.NONE, null).done();

        String categories = "/api/projects/{slug}/categories";
        t.add(GET, categories, ctx -> ok(ctx, board.listCategories(actor(ctx), slug(ctx)).stream()
                        .map(Wire::category).toList()))
                .doc("categories", "A board's categories in order, with their post counts", Access.PUBLIC)
                .reply(200, Shape.LIST, "Category").done();
        t.add(POST, categories, ctx -> {
            JsonNode body = requests.object(ctx, NEW_CATEGORY);
            var input = new NewCategory(Requests.string(body, "slug"), Requests.string(body, "name"),
                    Requests.optionalInteger(body, "position"));
            created(ctx, Wire.category(board.createCategory(actor(ctx), slug(ctx), input)));
        }).doc("categories", "Add a category to a board", Access.ADMIN).json("NewCategory")
                .reply(201, Shape.DATA, "Category").done();
        t.add(PATCH, categories + "/{category}", ctx -> {
            JsonNode body = requests.object(ctx, CATEGORY_EDIT);
            var edit = new CategoryEdit(Requests.string(body, "name"), Requests.optionalInteger(body, "position"));
            ok(ctx, Wire.category(board.updateCategory(actor(ctx), slug(ctx), ctx.pathParam("category"), edit)));
        }).doc("categories", "Rename or move a category (its slug stays)", Access.ADMIN).json("CategoryEdit")
                .reply(200, Shape.DATA, "Category").done();
        t.add(DELETE, categories + "/{category}", ctx -> {
            String moveTo = Requests.string(requests.optionalObject(ctx, MOVE), "move_to");
            board.deleteCategory(actor(ctx), slug(ctx), ctx.pathParam("category"), moveTo);
            ctx.status(204);
        }).doc("categories", "Delete a category; its posts move to move_to, required when it has any", Access.ADMIN)
                .json("MoveTo").reply(204, Shape.NONE, null).done();

        String tags = "/api/projects/{slug}/tags";
        t.add(GET, tags, ctx -> ok(ctx, board.listTags(actor(ctx), slug(ctx)).stream().map(Wire::tag).toList()))
                .doc("tags", "A board's tags by name", Access.PUBLIC).reply(200, Shape.LIST, "Tag").done();
        t.add(POST, tags, ctx -> {
            JsonNode body = requests.object(ctx, NEW_TAG);
            var input = new NewTag(Requests.string(body, "slug"), Requests.string(body, "name"),
                    Requests.string(body, "color"));
            created(ctx, Wire.tag(board.createTag(actor(ctx), slug(ctx), input)));
        }).doc("tags", "Add a tag to a board", Access.ADMIN).json("NewTag").reply(201, Shape.DATA, "Tag").done();
        t.add(PATCH, tags + "/{tag}", ctx -> {
            JsonNode body = requests.object(ctx, TAG_EDIT);
            var edit = new TagEdit(Requests.string(body, "name"), Requests.string(body, "color"));
            ok(ctx, Wire.tag(board.updateTag(actor(ctx), slug(ctx), ctx.pathParam("tag"), edit)));
        }).doc("tags", "Rename or recolour a tag (its slug stays)", Access.ADMIN).json("TagEdit")
                .reply(200, Shape.DATA, "Tag").done();
        t.add(DELETE, tags + "/{tag}", ctx -> {
            board.deleteTag(actor(ctx), slug(ctx), ctx.pathParam("tag"));
            ctx.status(204);
        }).doc("tags", "Delete a tag, taking it off every post", Access.ADMIN).reply(204, Shape.NONE, null).done();

        t.add(PUT, "/api/posts/{id}/tags", ctx -> {
            List<String> slugs = Requests.stringList(requests.object(ctx, POST_TAGS), "tags");
            ok(ctx, Wire.post(board.setPostTags(actor(ctx), ctx.pathParam("id"), slugs)));
        }).doc("tags", "Set a post's tags (replaces them; an empty list removes all)", Access.ADMIN)
                .json("PostTags").reply(200, Shape.DATA, "PostDetail").done();
    }

    private static String slug(Context ctx) {
        return ctx.pathParam("slug");
    }

    private static io.rungu.model.Actor actor(Context ctx) {
        return Guard.actor(ctx);
    }

    private void ok(Context ctx, Object data) {
        guard.send(ctx, 200, new Wire.Data<>(data));
    }

    private void created(Context ctx, Object data) {
        guard.send(ctx, 201, new Wire.Data<>(data));
    }
}
