package io.rungu.store.board;

import static org.assertj.core.api.Assertions.assertThat;

import io.rungu.model.Actor;
import io.rungu.model.NewPost;
import io.rungu.model.NewProject;
import io.rungu.model.PageRequest;
import io.rungu.model.PostCategory;
import io.rungu.model.PostQuery;
import io.rungu.model.PostSort;
import io.rungu.model.PostStatus;
import io.rungu.model.PostView;
import io.rungu.model.Role;
import io.rungu.store.Board;
import io.rungu.store.TestStores;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import io.rungu.store.TestDatabase;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every sort pages through every post exactly once, in the documented order, even when many posts share the
 * same creation time and vote count (ties are broken by id).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ParameterizedClass
@EnumSource(TestDatabase.class)
class PaginationTest {
    @Parameter
    TestDatabase database;

    static final int POSTS = 23;
    TestStores t;
    Board board;
    List<PostView> all;

    @BeforeParameterizedClassInvocation(injectArguments = false)
    void open(@TempDir Path dir) {
        t = TestStores.open(database, dir);
        board = t.board();
        Actor.Account admin = t.admin("Admin");
        board.createProject(admin, new NewProject("App", "app", ""));
        for (int i = 0; i < POSTS; i++) {
            board.createPost(admin, "app", new NewPost("Post " + i, "", i % 2 == 0 ? PostCategory.BUG : null));
        }
        // Force ties: a third of the posts share one timestamp, votes take only three values.
        t.write(h -> h.execute("UPDATE posts SET created_at = '2026-01-01T00:00:00.000000Z', "
                + "updated_at = '2026-01-01T00:00:00.000000Z' WHERE seq % 3 = 0"));
        // Some posts fall before the trending window, so a trending list has both its parts.
        t.write(h -> h.execute("UPDATE posts SET created_at = '2025-12-01T00:00:00.000000Z', "
                + "updated_at = '2025-12-01T00:00:00.000000Z' WHERE seq % 3 = 1 AND seq > 8"));
        List<String> voters = new ArrayList<>();
        for (int v = 0; v < 2; v++) {
            voters.add(t.createUser("Voter " + v, Role.MEMBER));
        }
        List<PostView> posts = board.listPosts(Actor.anonymous(), "app",
                new PostQuery(null, null, null, null, new PageRequest(1, 100))).items();
        for (int i = 0; i < posts.size(); i++) {
            for (int v = 0; v < i % 3; v++) {
                board.toggleVote(Actor.of(voters.get(v), Role.MEMBER), posts.get(i).post().id());
            }
        }
        all = board.listPosts(Actor.anonymous(), "app", new PostQuery(null, null, null, null,
                new PageRequest(1, 100))).items();
    }

    @AfterParameterizedClassInvocation(injectArguments = false)
    void close() {
        t.close();
    }

    Comparator<PostView> expected(PostSort sort) {
        Comparator<PostView> id = Comparator.comparing(v -> v.post().id());
        Comparator<PostView> created = Comparator.comparing((PostView v) -> v.post().createdAt());
        Comparator<PostView> votes = Comparator.comparingLong(v -> v.post().voteCount());
        Comparator<PostView> updated = Comparator.comparing((PostView v) -> v.post().updatedAt(),
                Comparator.<Instant>naturalOrder());
        return switch (sort) {
            case NEWEST, RELEVANCE -> created.thenComparing(id).reversed();
            case OLDEST -> created.thenComparing(id);
            case MOST_VOTES -> votes.thenComparing(created).thenComparing(id).reversed();
            case LEAST_VOTES -> votes.thenComparing(created).thenComparing(id);
            case RECENTLY_UPDATED -> updated.thenComparing(id).reversed();
            case TRENDING -> Comparator.comparing((PostView v) -> v.post().createdAt()
                            .isBefore(t.clock().instant().minus(java.time.Duration.ofDays(7))))
                    .thenComparing(votes.thenComparing(created).thenComparing(id).reversed());
        };
    }

    @TestFactory
    Stream<DynamicTest> pages_cover_every_post_once_in_order() {
        return Stream.of(PostSort.values()).flatMap(sort -> Stream.of(null, PostStatus.OPEN).flatMap(status ->
                Stream.of(null, PostCategory.BUG).map(category -> DynamicTest.dynamicTest(
                        sort + " status=" + status + " category=" + category, () -> {
                            List<PostView> seen = new ArrayList<>();
                            long total = -1;
                            for (int page = 1; page <= 6; page++) {
                                var p = board.listPosts(Actor.anonymous(), "app",
                                        new PostQuery(sort, status, category, null, new PageRequest(page, 4)));
                                seen.addAll(p.items());
                                total = p.total();
                            }
                            List<PostView> want = all.stream()
                                    .filter(v -> category == null || category.equals(v.post().category()))
                                    .sorted(expected(sort)).toList();
                            assertThat(seen).extracting(v -> v.post().id())
                                    .containsExactlyElementsOf(want.stream().map(v -> v.post().id()).toList());
                            assertThat(total).isEqualTo(want.size());
                        }))));
    }
}
