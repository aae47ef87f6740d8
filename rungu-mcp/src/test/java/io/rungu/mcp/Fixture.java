package io.rungu.mcp;

import io.rungu.model.Actor;
import io.rungu.model.NewComment;
import io.rungu.model.NewPost;
import io.rungu.model.NewProject;
import io.rungu.model.PostCategory;
import io.rungu.model.PostView;
import io.rungu.model.Role;
import io.rungu.model.TokenScope;
import io.rungu.store.TestStores;
import java.nio.file.Path;

/** A real store with an admin, a member, an agent account, one board and a post with a comment. */
final class Fixture implements AutoCloseable {
    final TestStores stores;
    final Actor.Account admin;
    final Actor.Account member;
    /** The default agent identity of `rungu mcp`: a member account on the AGENT channel. */
    final Actor.Account agent;
    final Actor.Account adminAgent;
    final PostView adminPost;
    final PostView agentPost;

    Fixture(Path dir) {
        stores = TestStores.open(dir);
        admin = stores.admin("Ada Admin");
        member = stores.member("Mo Member");
        agent = new Actor.Account(stores.createUser("Agent", Role.MEMBER), Role.MEMBER, Actor.Channel.AGENT, TokenScope.WRITE);
        adminAgent = new Actor.Account(admin.userId(), Role.ADMIN, Actor.Channel.AGENT, TokenScope.WRITE);
        stores.board().createProject(admin, new NewProject("Demo App", "demo", "Feedback for the demo app"));
        adminPost = stores.board().createPost(admin, "demo", new NewPost("Dark mode", "Please add a dark theme", PostCategory.FEATURE));
        agentPost = stores.board().createPost(agent, "demo", new NewPost("Crash on start", "It crashes", PostCategory.BUG));
        stores.board().addComment(member, adminPost.post().id(), new NewComment("Yes please", null));
    }

    RunguMcpServer server() {
        return RunguMcpServer.create(stores.board(), cfg -> cfg.serverVersion = "9.9.9-test");
    }

    @Override
    public void close() {
        stores.close();
    }
}
