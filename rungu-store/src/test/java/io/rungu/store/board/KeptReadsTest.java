package io.rungu.store.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rungu.model.Actor;
import io.rungu.model.NewComment;
import io.rungu.model.NewPost;
import io.rungu.model.NewProject;
import io.rungu.model.PageRequest;
import io.rungu.model.PostEdit;
import io.rungu.model.PostQuery;
import io.rungu.model.PostSort;
import io.rungu.model.PostStatus;
import io.rungu.model.PostView;
import io.rungu.store.Board;
import io.rungu.store.OnEachDatabase;
import io.rungu.store.RunguStore;
import io.rungu.store.StoreConfig;
import io.rungu.store.TestDatabase;
import io.rungu.store.TestStores;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Kept list pages and posts (StoreConfig.cacheTtl): every write through the store shows in the next read, each
 * viewer sees their own votes on a shared page or post, and a second store on the same database (another server or
 * process) sees the first one's writes once the time to live has passed.
 */
class KeptReadsTest extends OnEachDatabase {
    static final Duration TTL = Duration.ofSeconds(2);
    static final PostQuery MOST_VOTES = new PostQuery(PostSort.MOST_VOTES, null, null, null, PageRequest.of(1, 20));

    Actor.Account admin;
    Actor.Account ann;
    Actor.Account bob;
    String first;
    String second;

    @Override
    protected void configure(StoreConfig config) {
        config.cacheTtl = TTL;
    }

    @BeforeEach
    void open() {
        admin = t.admin("Admin");
        ann = t.member("Ann");
        bob = t.member("Bob");
        board.createProject(admin, new NewProject("App", "app", ""));
        first = board.createPost(ann, "app", new NewPost("Dark mode", "Please", null)).post().id();
        second = board.createPost(bob, "app", new NewPost("Export", "CSV", null)).post().id();
    }

    List<PostView> list(Board on, Actor viewer) {
        return on.listPosts(viewer, "app", MOST_VOTES).items();
    }

    static PostView find(List<PostView> posts, String id) {
        return posts.stream().filter(v -> v.post().id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void aVoteShowsInTheNextListWithTheVotersMarkOnly() {
        assertThat(find(list(board, ann), second).post().voteCount()).isZero();

        board.toggleVote(ann, second);

        List<PostView> annSees = list(board, ann);
        assertThat(annSees.get(0).post().id()).isEqualTo(second);
        assertThat(annSees.get(0).post().voteCount()).isEqualTo(1);
        assertThat(annSees.get(0).votedByViewer()).isTrue();
        assertThat(find(list(board, bob), second).votedByViewer()).isFalse();
        assertThat(find(list(board, Actor.anonymous()), second).votedByViewer()).isFalse();
        assertThat(find(list(board, Actor.anonymous()), second).post().voteCount()).isEqualTo(1);
    }

    @Test
    void eachViewerSeesTheirOwnVotesOnTheSamePage() {
        board.toggleVote(ann, first);
        board.toggleVote(bob, second);

        List<PostView> annSees = list(board, ann);
        List<PostView> bobSees = list(board, bob);

        assertThat(find(annSees, first).votedByViewer()).isTrue();
        assertThat(find(annSees, second).votedByViewer()).isFalse();
        assertThat(find(bobSees, first).votedByViewer()).isFalse();
        assertThat(find(bobSees, second).votedByViewer()).isTrue();
    }

    @Test
    void aViewersKeptVoteMarksFollowTheirOwnVotesAtOnce() {
        assertThat(find(list(board, ann), first).votedByViewer()).isFalse();
        assertThat(board.getPost(ann, first).votedByViewer()).isFalse();
        assertThat(find(list(board, bob), first).votedByViewer()).isFalse(); // marks kept for both viewers

        board.toggleVote(ann, first);
        assertThat(find(list(board, ann), first).votedByViewer()).isTrue();
        assertThat(board.getPost(ann, first).votedByViewer()).isTrue();
        assertThat(find(list(board, bob), first).votedByViewer()).isFalse();

        board.toggleVote(ann, first);
        assertThat(find(list(board, ann), first).votedByViewer()).isFalse();
        assertThat(board.getPost(ann, first).votedByViewer()).isFalse();
    }

    @Test
    void editsCommentsStatusAndRenamesShowAtOnce() {
        list(board, ann);

        board.editPost(ann, first, new PostEdit("Dark theme", null, null, null));
        assertThat(find(list(board, bob), first).post().title()).isEqualTo("Dark theme");

        board.addComment(bob, first, new NewComment("Yes please", null));
        assertThat(find(list(board, bob), first).post().commentCount()).isEqualTo(1);

        board.editPost(admin, first, new PostEdit(null, null, null, PostStatus.PLANNED));
        assertThat(board.listPosts(bob, "app", new PostQuery(null, PostStatus.PLANNED, null, null, null)).items())
                .extracting(v -> v.post().id()).containsExactly(first);

        board.updateProfile(ann, "Ann Lee");
        assertThat(find(list(board, bob), first).creator().name()).isEqualTo("Ann Lee");

        board.deletePost(ann, first);
        assertThat(list(board, bob)).extracting(v -> v.post().id()).containsExactly(second);
    }

    @Test
    void anotherServerOnTheSameDatabaseShowsItsWritesAfterTheTimeToLive() throws InterruptedException {
        try (RunguStore other = RunguStore.open(c -> c.url = t.url())) {
            assertThat(list(board, ann)).hasSize(2);

            other.board().createPost(bob, "app", new NewPost("Offline mode", "", null));

            // This store cannot see the other one's write yet: its kept page still answers.
            assertThat(list(board, ann)).hasSize(2);
            // The other store's own list is fresh, since the write went through it.
            assertThat(list(other.board(), ann)).hasSize(3);

            Thread.sleep(TTL.toMillis() + 100);
            assertThat(list(board, ann)).hasSize(3);
        }
    }

    @Test
    void withoutTheCacheAnotherServersWritesShowAtOnce() {
        try (TestStores uncached = TestStores.open(TestDatabase.SQLITE, dir.resolve("uncached"),
                c -> c.cacheTtl = Duration.ZERO);
                RunguStore other = RunguStore.open(c -> c.url = uncached.url())) {
            Actor.Account carol = uncached.admin("Carol");
            uncached.board().createProject(carol, new NewProject("Other", "other", ""));
            assertThat(uncached.board().listPosts(carol, "other", MOST_VOTES).items()).isEmpty();

            other.board().createPost(carol, "other", new NewPost("Fresh", "", null));

            assertThat(uncached.board().listPosts(carol, "other", MOST_VOTES).items()).hasSize(1);
        }
    }

    @Test
    void searchesAreNeverKept() {
        try (RunguStore other = RunguStore.open(c -> c.url = t.url())) {
            PostQuery search = new PostQuery(null, null, null, "offline", null);
            assertThat(board.listPosts(ann, "app", search).items()).isEmpty();

            other.board().createPost(bob, "app", new NewPost("Offline mode", "", null));

            assertThat(board.listPosts(ann, "app", search).items()).extracting(v -> v.post().title())
                    .containsExactly("Offline mode");
        }
    }

    @Test
    void aKeptPostShowsEachViewersVoteAndEveryWriteAtOnce() {
        assertThat(board.getPost(ann, first).votedByViewer()).isFalse();

        board.toggleVote(ann, first);
        assertThat(board.getPost(ann, first).votedByViewer()).isTrue();
        assertThat(board.getPost(ann, first).post().voteCount()).isEqualTo(1);
        assertThat(board.getPost(bob, first).votedByViewer()).isFalse();
        assertThat(board.getPost(Actor.anonymous(), first).post().voteCount()).isEqualTo(1);

        board.addComment(bob, first, new NewComment("Agreed", null));
        assertThat(board.getPost(bob, first).post().commentCount()).isEqualTo(1);

        board.deletePost(ann, first);
        assertThatThrownBy(() -> board.getPost(bob, first)).hasMessage("Post not found");
    }

    @Test
    void anotherServersEditOfAPostShowsAfterTheTimeToLive() throws InterruptedException {
        try (RunguStore other = RunguStore.open(c -> c.url = t.url())) {
            assertThat(board.getPost(bob, first).post().title()).isEqualTo("Dark mode");

            other.board().editPost(ann, first, new PostEdit("Dark theme", null, null, null));

            assertThat(board.getPost(bob, first).post().title()).isEqualTo("Dark mode");
            assertThat(other.board().getPost(bob, first).post().title()).isEqualTo("Dark theme");
            Thread.sleep(TTL.toMillis() + 100);
            assertThat(board.getPost(bob, first).post().title()).isEqualTo("Dark theme");
        }
    }

    @Test
    void anUnknownBoardIsStillNotFound() {
        list(board, ann);
        board.deleteProject(admin, "app");

        assertThatThrownBy(() -> list(board, ann)).hasMessage("Project not found");
    }

    @Test
    void settingsOutsideTheirRangeAreRefusedWithTheReason() {
        assertThatThrownBy(() -> RunguStore.open(c -> {
            c.url = t.url();
            c.cacheTtl = Duration.ofSeconds(-1);
            c.cacheMegabytes = -1;
            c.sessionCacheEntries = -1;
        })).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cacheTtl must be between zero (no caching) and one hour")
                .hasMessageContaining("cacheMegabytes must be between 0 and 4096, got -1")
                .hasMessageContaining("sessionCacheEntries must be between 0 and 10000000, got -1");
    }
}
