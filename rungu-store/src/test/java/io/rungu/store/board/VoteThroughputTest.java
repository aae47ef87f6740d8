package io.rungu.store.board;

import static org.assertj.core.api.Assertions.assertThat;

import io.rungu.model.Actor;
import io.rungu.model.ErrorCode;
import io.rungu.model.NewPost;
import io.rungu.model.NewProject;
import io.rungu.model.RunguException;
import io.rungu.model.VoteResult;
import io.rungu.store.OnEachDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Vote toggles from many threads at once, as group commit runs them (several in one transaction on SQLite):
 * every toggle is applied once, in its caller's order, with exactly one event, and a toggle that fails fails
 * alone.
 */
class VoteThroughputTest extends OnEachDatabase {
    Actor.Account admin;
    final List<Actor.Account> users = new ArrayList<>();
    final List<String> posts = new ArrayList<>();

    @BeforeEach
    void open() {
        admin = t.admin("Admin");
        board.createProject(admin, new NewProject("App", "app", ""));
        for (int i = 0; i < 24; i++) {
            users.add(t.member("Voter " + i));
        }
        for (int i = 0; i < 12; i++) {
            posts.add(board.createPost(admin, "app", new NewPost("Post " + i, "", null)).post().id());
        }
        // a new post starts with its author's vote: take those back so every vote below is a voter's
        for (String post : posts) {
            board.setVote(admin, post, false);
        }
    }

    @Test
    void concurrent_toggles_on_the_same_and_different_posts_apply_each_once_in_order_with_one_event_each()
            throws InterruptedException {
        long eventsBefore = voteEvents();
        Map<String, Integer> toggles = new ConcurrentHashMap<>();
        Map<String, Boolean> lastAnswer = new ConcurrentHashMap<>();
        // each thread is one voter; two hot posts get most toggles, the others the rest
        List<Throwable> failures = ConcurrencyTest.race(users.size(), thread -> {
            Actor.Account me = users.get(thread);
            Random random = new Random(thread);
            for (int i = 0; i < 40; i++) {
                String post = random.nextInt(3) > 0 ? posts.get(random.nextInt(2)) : posts.get(random.nextInt(posts.size()));
                VoteResult result = board.toggleVote(me, post);
                String key = me.userId() + " " + post;
                int n = toggles.merge(key, 1, Integer::sum);
                // a voter's toggles of one post alternate, starting with a vote
                assertThat(result.voted()).isEqualTo(n % 2 == 1);
                assertThat(result.voteCount()).isBetween(result.voted() ? 1L : 0L, (long) users.size());
                lastAnswer.put(key, result.voted());
            }
        });
        assertThat(failures).isEmpty();

        assertThat(t.number("SELECT count(*) FROM posts p WHERE vote_count <> "
                + "(SELECT count(*) FROM votes v WHERE v.post_id = p.id)")).isZero();
        long expectedVotes = toggles.values().stream().filter(n -> n % 2 == 1).count();
        assertThat(t.number("SELECT count(*) FROM votes")).isEqualTo(expectedVotes);
        for (Map.Entry<String, Boolean> answer : lastAnswer.entrySet()) {
            String[] key = answer.getKey().split(" ");
            assertThat(t.number("SELECT count(*) FROM votes WHERE user_id = '" + key[0] + "' AND post_id = '"
                    + key[1] + "'")).as(answer.getKey()).isEqualTo(answer.getValue() ? 1 : 0);
        }
        int all = toggles.values().stream().mapToInt(Integer::intValue).sum();
        assertThat(voteEvents() - eventsBefore).isEqualTo(all);
    }

    @Test
    void a_toggle_of_a_deleted_or_merged_post_fails_alone_while_the_others_commit() throws InterruptedException {
        String deleted = posts.get(10);
        String merged = posts.get(11);
        board.deletePost(admin, deleted);
        board.mergePost(admin, merged, posts.get(9));
        long eventsBefore = voteEvents();
        AtomicInteger notFound = new AtomicInteger();
        AtomicInteger conflicts = new AtomicInteger();
        AtomicInteger applied = new AtomicInteger();
        List<Throwable> failures = ConcurrencyTest.race(users.size(), thread -> {
            Actor.Account me = users.get(thread);
            // every voter touches posts 0..7 once, with the refused posts in between
            for (int i = 0; i < 8; i++) {
                try {
                    board.toggleVote(me, i % 3 == 1 ? deleted : i % 3 == 2 ? merged : posts.get(i));
                    applied.incrementAndGet();
                } catch (RunguException e) {
                    (e.code() == ErrorCode.NOT_FOUND ? notFound : conflicts).incrementAndGet();
                }
                board.toggleVote(me, posts.get(i));
                applied.incrementAndGet();
            }
        });
        assertThat(failures).isEmpty();
        assertThat(notFound.get()).isEqualTo(users.size() * 3); // i = 1, 4, 7
        assertThat(conflicts.get()).isEqualTo(users.size() * 2); // i = 2, 5
        assertThat(voteEvents() - eventsBefore).isEqualTo(applied.get());
        assertThat(t.number("SELECT count(*) FROM votes WHERE post_id IN ('" + deleted + "', '" + merged + "')"))
                .isZero();
        assertThat(t.number("SELECT count(*) FROM posts p WHERE vote_count <> "
                + "(SELECT count(*) FROM votes v WHERE v.post_id = p.id)")).isZero();
        // posts 0, 3, 6 were toggled twice by everyone (back to no vote), the others once
        for (int i = 0; i < 8; i++) {
            long expected = i % 3 == 0 ? 0 : users.size();
            assertThat(board.getPost(admin, posts.get(i)).post().voteCount()).as("post " + i).isEqualTo(expected);
        }
    }

    private long voteEvents() {
        return t.number("SELECT count(*) FROM outbox WHERE type IN ('VOTE_ADDED', 'VOTE_REMOVED')");
    }
}
