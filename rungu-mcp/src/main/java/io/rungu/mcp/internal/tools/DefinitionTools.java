package io.rungu.mcp.internal.tools;

import io.rungu.mcp.internal.tools.Outputs.PostResult;
import io.rungu.model.CategoryEdit;
import io.rungu.model.ErrorCode;
import io.rungu.model.Limits;
import io.rungu.model.NewCategory;
import io.rungu.model.NewStatus;
import io.rungu.model.NewTag;
import io.rungu.model.RunguException;
import io.rungu.model.StatusEdit;
import io.rungu.model.StatusKind;
import io.rungu.model.TagEdit;
import io.rungu.store.Board;
import io.rungu.wire.Nullable;
import io.rungu.wire.Wire;
import java.util.List;

/**
 * The tools that manage a board's own statuses, categories and tags (admins), one tool per kind of thing with an
 * {@code action}, and the tool that sets a post's tags. get_project lists what a board has.
 */
public final class DefinitionTools {
    private DefinitionTools() {}

    /** What a manage tool did: the thing after a create or update; null after a delete. */
    public record StatusOut(String action, String slug, @Nullable Wire.Status status) {}

    /** What manage_category did. */
    public record CategoryOut(String action, String slug, @Nullable Wire.Category category) {}

    /** What manage_tag did. */
    public record TagOut(String action, String slug, @Nullable Wire.Tag tag) {}

    private static final List<String> ACTIONS = List.of("create", "update", "delete");
    private static final Param BOARD = Param.string("project", "Board slug, e.g. \"my-app\" (list_projects shows them)")
            .asRequired().maxLength(Limits.SLUG_MAX).asAddress();
    private static final Param ACTION = Param.oneOf("action", "create, update or delete", ACTIONS).asRequired();
    private static final Param NAME = Param.string("name", "Display name (required to create)")
            .maxLength(Limits.DEFINITION_NAME_MAX);
    private static final Param COLOR = Param.string("color", "Colour as #rrggbb, e.g. #3b82f6").maxLength(7);
    private static final Param POSITION = Param.counted(new io.rungu.model.Range("position",
            Limits.STATUSES_PER_BOARD_MAX), "1-based place in the board's order (create: last when omitted)", null);
    private static final Param MOVE_TO = Param.string("move_to",
            "delete only: where the deleted one's posts go, another slug of the board; required when posts use it")
            .maxLength(Limits.DEFINITION_SLUG_MAX);

    private static Param slug(String what) {
        return Param.string("slug", "The " + what + "'s slug: lower-case letters, digits, '_' or '-' (required to "
                + "update or delete; derived from the name on create when omitted)").maxLength(Limits.DEFINITION_SLUG_MAX);
    }

    /** The tools, after the board tools. */
    public static List<ToolSpec> all(Board board) {
        return List.of(
                ToolSpec.write("manage_status", "Manage a board's statuses",
                        "Create, update or delete one of a board's statuses (admins only). A status has a slug (what "
                                + "posts and filters use; it never changes), a name, a colour and a kind: open (not "
                                + "yet acted on; new posts get the first open status), active (a roadmap column), "
                                + "done (goes to the changelog) or closed (declined-like, hidden by default in the "
                                + "web app). Deleting a status that posts have needs move_to. A board keeps at least "
                                + "one open status and has at most " + Limits.STATUSES_PER_BOARD_MAX + ".",
                        true, false,
                        List.of(BOARD, ACTION, slug("status"), NAME, COLOR,
                                Param.oneOf("kind", "open, active, done or closed (create: active when omitted)",
                                        StatusKind.class), POSITION, MOVE_TO),
                        StatusOut.class,
                        (actor, a) -> {
                            String project = a.string("project");
                            String slug = a.string("slug");
                            StatusKind kind = a.string("kind") == null ? null : StatusKind.parse(a.string("kind"));
                            return switch (a.string("action")) {
                                case "create" -> {
                                    var s = board.createStatus(actor, project, new NewStatus(slug, a.string("name"),
                                            a.string("color"), kind, a.integer("position")));
                                    yield new StatusOut("create", s.slug(), Wire.status(s));
                                }
                                case "update" -> {
                                    var s = board.updateStatus(actor, project, required(slug), new StatusEdit(
                                            a.string("name"), a.string("color"), kind, a.integer("position")));
                                    yield new StatusOut("update", s.slug(), Wire.status(s));
                                }
                                default -> {
                                    board.deleteStatus(actor, project, required(slug), a.string("move_to"));
                                    yield new StatusOut("delete", slug, null);
                                }
                            };
                        }),
                ToolSpec.write("manage_category", "Manage a board's categories",
                        "Create, update or delete one of a board's categories (admins only): a slug (never changes), "
                                + "a name and a place in the order; a new post without a category gets the first. "
                                + "Deleting a category that posts have needs move_to; a board keeps at least one.",
                        true, false,
                        List.of(BOARD, ACTION, slug("category"), NAME, POSITION, MOVE_TO),
                        CategoryOut.class,
                        (actor, a) -> {
                            String project = a.string("project");
                            String slug = a.string("slug");
                            return switch (a.string("action")) {
                                case "create" -> {
                                    var c = board.createCategory(actor, project, new NewCategory(slug, a.string("name"),
                                            a.integer("position")));
                                    yield new CategoryOut("create", c.slug(), Wire.category(c));
                                }
                                case "update" -> {
                                    var c = board.updateCategory(actor, project, required(slug),
                                            new CategoryEdit(a.string("name"), a.integer("position")));
                                    yield new CategoryOut("update", c.slug(), Wire.category(c));
                                }
                                default -> {
                                    board.deleteCategory(actor, project, required(slug), a.string("move_to"));
                                    yield new CategoryOut("delete", slug, null);
                                }
                            };
                        }),
                ToolSpec.write("manage_tag", "Manage a board's tags",
                        "Create, update or delete one of a board's tags (admins only): a slug (never changes), a name "
                                + "and a colour. Deleting a tag takes it off every post. At most "
                                + Limits.TAGS_PER_BOARD_MAX + " per board.",
                        true, false,
                        List.of(BOARD, ACTION, slug("tag"), NAME, COLOR),
                        TagOut.class,
                        (actor, a) -> {
                            String project = a.string("project");
                            String slug = a.string("slug");
                            return switch (a.string("action")) {
                                case "create" -> {
                                    var t = board.createTag(actor, project, new NewTag(slug, a.string("name"),
                                            a.string("color")));
                                    yield new TagOut("create", t.slug(), Wire.tag(t));
                                }
                                case "update" -> {
                                    var t = board.updateTag(actor, project, required(slug),
                                            new TagEdit(a.string("name"), a.string("color")));
                                    yield new TagOut("update", t.slug(), Wire.tag(t));
                                }
                                default -> {
                                    board.deleteTag(actor, project, required(slug));
                                    yield new TagOut("delete", slug, null);
                                }
                            };
                        }),
                ToolSpec.write("set_post_tags", "Set a post's tags",
                        "Replace a post's tags with these tag slugs of its board (admins only; at most "
                                + Limits.TAGS_PER_POST_MAX + "); an empty list removes them all. get_project lists "
                                + "the board's tags.", true, true,
                        List.of(Param.string("id", "Post id (from list_posts, search_posts or get_post)").asRequired()
                                        .asAddress(),
                                Param.stringList("tags", "Tag slugs, e.g. [\"mobile\", \"ux\"]").asRequired()
                                        .maxLength(Limits.TAGS_PER_POST_MAX)),
                        PostResult.class,
                        (actor, a) -> new PostResult(Wire.post(board.setPostTags(actor, a.string("id"),
                                a.list("tags"))))));
    }

    private static String required(String slug) {
        if (slug == null || slug.isBlank()) {
            throw new RunguException(ErrorCode.INVALID, "Missing required argument 'slug'",
                    java.util.Map.of("slug", "required to update or delete"));
        }
        return slug;
    }
}
