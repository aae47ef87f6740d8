package io.rungu.store.board;

import static org.assertj.core.api.Assertions.assertThat;

import io.rungu.model.Actor;
import io.rungu.model.NewComment;
import io.rungu.model.NewPost;
import io.rungu.model.NewProject;
import io.rungu.model.VoteResult;
import io.rungu.store.OnEachDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Many threads writing at once: counts stay exact and nobody meets SQLITE_BUSY. */
class ConcurrencyTest extends OnEachDatabase {
    Actor.Account admin;

    @BeforeEach
    void open() {
        admin = t.admin("Admin");
        board.createProject(admin, new NewProject("App", "app", ""));
    }

    /** Runs {@code work(thread)} on each of {@code threads} threads started together; returns their failures. */
    static List<Throwable> race(int threads, ThreadWork work) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        for (int i = 0; i < threads; i++) {
            int n = i;
            pool.execute(() -> {
                try {
                    start.await();
                    work.run(n);
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
        }
        start.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(2, TimeUnit.MINUTES)).isTrue();
        return new ArrayList<>(failures);
    }

    interface ThreadWork {
        void run(int thread) throws Exception;
    }

    @Test
    void concurrent_vote_toggles_leave_counts_equal_to_the_vote_rows() throws InterruptedException {
        List<Actor.Account> users = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            users.add(t.member("User " + i));
        }
        List<String> posts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            posts.add(board.createPost(admin, "app", new NewPost("Post " + i, "", null)).post().id());
        }
        List<Throwable> failures = race(20, thread -> {
            Random random = new Random(thread);
            for (int i = 0; i < 60; i++) {
                Actor.Account user = users.get(random.nextInt(users.size()));
                String post = posts.get(random.nextInt(posts.size()));
                VoteResult result = random.nextBoolean() ? board.toggleVote(user, post)
                        : board.setVote(user, post, random.nextBoolean());
                assertThat(result.voteCount()).isBetween(0L, 50L);
            }
        });
        assertThat(failures).isEmpty();
        assertThat(t.number("SELECT count(*) FROM posts p WHERE vote_count <> "
                + "(SELECT count(*) FROM votes v WHERE v.post_id = p.id)")).isZero();
        long total = 0;
        for (String post : posts) {
            total += board.getPost(Actor.anonymous(), post).post().voteCount();
        }
        assertThat(total).isEqualTo(t.number("SELECT count(*) FROM votes"));
    }

    @Test
    void voters_adding_votes_to_one_post_at_once_each_get_the_count_their_vote_made() throws InterruptedException {
        String post = board.createPost(admin, "app", new NewPost("Popular", "", null)).post().id();
        List<Actor.Account> voters = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            voters.add(t.member("Voter " + i));
        }
        ConcurrentLinkedQueue<Long> counts = new ConcurrentLinkedQueue<>();
        assertThat(race(voters.size(), n -> counts.add(board.toggleVote(voters.get(n), post).voteCount()))).isEmpty();
        // Each answer is the count right after that vote was written, in its transaction: on PostgreSQL the others
        // commit meanwhile, so a count read before the write and moved by one would repeat.
        assertThat(counts).containsExactlyInAnyOrderElementsOf(java.util.stream.LongStream.rangeClosed(1, 16)
                .boxed().toList());
    }

    @Test
    void many_threads_creating_posts_and_comments_never_meet_a_busy_database() throws InterruptedException {
        List<Actor.Account> users = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            users.add(t.member("Writer " + i));
        }
        List<Throwable> failures = race(16, thread -> {
            Actor.Account me = users.get(thread);
            for (int i = 0; i < 15; i++) {
                String post = board.createPost(me, "app", new NewPost("Post " + thread + "-" + i, "", null))
                        .post().id();
                String parent = board.addComment(me, post, new NewComment("First", null)).comment().id();
                board.addComment(me, post, new NewComment("Reply", parent));
                board.toggleVote(me, post);
                board.listPosts(me, "app", null);
            }
        });
        assertThat(failures).isEmpty();
        assertThat(t.number("SELECT count(*) FROM posts")).isEqualTo(16 * 15);
        assertThat(t.number("SELECT count(*) FROM comments")).isEqualTo(16 * 15 * 2);
        assertThat(t.number("SELECT sum(posts) FROM project_post_counts")).isEqualTo(16 * 15);
        assertThat(t.number("SELECT count(*) FROM posts WHERE comment_count <> 2 OR vote_count <> 1")).isZero();
    }
}
