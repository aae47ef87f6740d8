package io.rungu.examples;

import io.rungu.model.Actor;
import io.rungu.model.NewPost;
import io.rungu.model.NewProject;
import io.rungu.model.PostCategory;
import io.rungu.model.PostQuery;
import io.rungu.model.PostView;
import io.rungu.model.Project;
import io.rungu.model.Role;
import io.rungu.model.User;
import io.rungu.model.VoteResult;
import io.rungu.store.Board;
import io.rungu.store.RunguStore;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Drives the store directly: no HTTP, no sign-in. The host application decides who is acting and passes an
 * {@link Actor} to every {@link Board} call; the Board applies the same rules as the REST API and MCP server.
 *
 * <p>Run: {@code java -cp ... io.rungu.examples.EmbeddedStoreExample [path/to/rungu.db]}
 */
public final class EmbeddedStoreExample {
    private EmbeddedStoreExample() {}

    public static void main(String[] args) throws Exception {
        Path file = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("rungu-example").resolve("rungu.db");

        try (RunguStore store = RunguStore.open(db -> db.url = "jdbc:sqlite:" + file)) {
            Board board = store.board();
            User owner = store.accounts().ensureUser("owner@example.com", "Owner", Role.ADMIN);
            Actor admin = Actor.of(owner.id(), Role.ADMIN);

            Project project = board.createProject(admin, new NewProject("Mobile app", null, "Feedback on the app"));
            PostView post = board.createPost(admin, project.slug(),
                    new NewPost("Dark mode", "Please add a dark theme.", PostCategory.FEATURE));
            VoteResult vote = board.toggleVote(admin, post.post().id());

            System.out.println(project.slug() + ": \"" + post.post().title() + "\" has " + vote.voteCount() + " vote(s)");
            for (PostView view : board.listPosts(Actor.anonymous(), project.slug(), PostQuery.newest()).items()) {
                System.out.println("  " + view.post().title() + " by " + view.creator().name());
            }
        }
    }
}
