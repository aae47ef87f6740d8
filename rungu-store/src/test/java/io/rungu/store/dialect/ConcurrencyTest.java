package io.rungu.store.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import io.rungu.model.Actor;
import io.rungu.model.NewComment;
import io.rungu.model.NewPost;
import io.rungu.model.NewProject;
import io.rungu.model.Role;
import io.rungu.model.RunguException;
import io.rungu.store.Board;
import io.rungu.model.ProviderIdentity;
import io.rungu.store.OnEachDatabase;
import io.rungu.store.RunguStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two stores on one database stand for two servers (or two processes on one SQLite file): counts stay exact and
 * rules that read before they write hold under concurrent writers.
 */
class ConcurrencyTest extends OnEachDatabase {
    RunguStore second;
    ExecutorService pool;

    @BeforeEach
    void open() {
        second = RunguStore.open(c -> {
            c.url = t.url();
            c.clock = t.clock();
        });
        pool = Executors.newFixedThreadPool(16);
    }

    @AfterEach
    void close() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(10, TimeUnit.SECONDS);
        second.close();
    }

    private Board board(int i) {
        return i % 2 == 0 ? t.board() : second.board();
    }

    private <T> List<T> all(List<Callable<T>> tasks) throws Exception {
        List<T> results = new ArrayList<>();
        for (Future<T> f : pool.invokeAll(tasks)) {
            results.add(f.get());
        }
        return results;
    }

    @Test
    void concurrent_votes_and_comments_from_two_stores_leave_exact_counts() throws Exception {
        Actor.Account admin = t.admin("Ada");
        t.board().createProject(admin, new NewProject("App", null, ""));
        String postId = t.board().createPost(admin, "app", new NewPost("Hot post", "", null)).post().id();
        List<Actor.Account> users = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            users.add(t.member("User " + i));
        }
        List<Callable<Boolean>> tasks = new ArrayList<>();
        for (int i = 0; i < users.size(); i++) {
            Actor.Account user = users.get(i);
            Board board = board(i);
            int toggles = 21 + i % 2;  // odd: ends voted, even: ends not voted
            tasks.add(() -> {
                boolean voted = false;
                for (int n = 0; n < toggles; n++) {
                    voted = board.toggleVote(user, postId).voted();
                    if (n % 5 == 0) {
                        board.addComment(user, postId, new NewComment("comment " + n, null));
                    }
                }
                return voted;
            });
        }
        List<Boolean> finalStates = all(tasks);

        long expectedVotes = finalStates.stream().filter(v -> v).count();
        assertThat(expectedVotes).isEqualTo(8);
        assertThat(t.number("SELECT count(*) FROM votes WHERE post_id = '" + postId + "'")).isEqualTo(expectedVotes);
        assertThat(t.board().getPost(admin, postId).post().voteCount()).isEqualTo(expectedVotes);
        assertThat(second.board().getPost(admin, postId).post().commentCount())
                .isEqualTo(t.number("SELECT count(*) FROM comments")).isEqualTo(16 * 5);
    }

    @Test
    void the_same_user_toggling_on_both_stores_at_once_never_counts_twice() throws Exception {
        Actor.Account admin = t.admin("Ada");
        t.board().createProject(admin, new NewProject("App", null, ""));
        String postId = t.board().createPost(admin, "app", new NewPost("Hot post", "", null)).post().id();
        Actor.Account user = t.member("Twin");
        List<Callable<Long>> tasks = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Board board = board(i);
            tasks.add(() -> {
                long last = 0;
                for (int n = 0; n < 25; n++) {
                    last = board.toggleVote(user, postId).voteCount();
                    assertThat(last).isBetween(0L, 1L);
                }
                return last;
            });
        }
        all(tasks);

        long rows = t.number("SELECT count(*) FROM votes");
        assertThat(rows).isBetween(0L, 1L);
        assertThat(t.board().getPost(admin, postId).post().voteCount()).isEqualTo(rows);
    }

    @Test
    void two_admins_demoting_each_other_at_once_leave_an_admin() throws Exception {
        for (int round = 0; round < 10; round++) {
            t.write(h -> h.execute("UPDATE users SET role = 'member'"));
            Actor.Account a = t.admin("A" + round);
            Actor.Account b = t.admin("B" + round);
            List<Callable<Boolean>> tasks = List.of(
                    () -> demote(t.board(), a, b),
                    () -> demote(second.board(), b, a));
            all(tasks);

            assertThat(t.number("SELECT count(*) FROM users WHERE role = 'admin'")).as("round " + round).isEqualTo(1);
        }
    }

    private static boolean demote(Board board, Actor.Account actor, Actor.Account other) {
        try {
            board.setRole(actor, other.userId(), Role.MEMBER);
            return true;
        } catch (RunguException e) {
            return false;
        }
    }

    @Test
    void the_same_new_person_signing_in_on_two_servers_at_once_becomes_one_user() throws Exception {
        for (int round = 0; round < 20; round++) {
            String email = "new" + round + "@example.test";
            List<Callable<String>> signIns = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                RunguStore store = i % 2 == 0 ? t.store() : second;
                // Two providers, one email: each sign-in may create the user; all must end on the same one.
                String provider = i < 2 ? "github" : "google";
                signIns.add(() -> store.accounts().signIn(
                        new ProviderIdentity(provider, "subject-" + email, email, true, "New", ""), Set.of()).id());
            }

            List<String> ids = all(signIns);

            assertThat(ids).as("round %d", round).containsOnly(ids.get(0));
            assertThat(t.number("SELECT count(*) FROM users WHERE email = '" + email + "'")).isEqualTo(1);
            assertThat(t.number("SELECT count(*) FROM user_identities WHERE email = '" + email + "'")).isEqualTo(2);
        }
    }
}
