package io.rungu.store.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.rungu.model.Actor;
import io.rungu.model.ErrorCode;
import io.rungu.model.NewAttachment;
import io.rungu.model.NewComment;
import io.rungu.model.NewPost;
import io.rungu.model.NewProject;
import io.rungu.model.PageRequest;
import io.rungu.model.PostCategory;
import io.rungu.model.PostEdit;
import io.rungu.model.PostStatus;
import io.rungu.model.ProjectEdit;
import io.rungu.model.Role;
import io.rungu.model.RunguException;
import io.rungu.store.Board;
import io.rungu.store.TestStores;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.provider.EnumSource;
import io.rungu.store.TestDatabase;

/**
 * Every write of the Board against every kind of actor: anonymous, a read-only token of an admin, a member who
 * is not the author, the author (a member), and an admin who is not the author.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ParameterizedClass
@EnumSource(TestDatabase.class)
class PermissionMatrixTest {
    @Parameter
    TestDatabase database;

    static final byte[] PNG = io.rungu.store.TestImages.png();

    enum Who { ANONYMOUS, READ_ONLY_ADMIN, MEMBER, AUTHOR, ADMIN }

    enum Outcome { OK, UNAUTHENTICATED, FORBIDDEN }

    TestStores t;
    Board board;
    Actor.Account admin;
    Actor.Account author;
    Actor.Account member;
    final AtomicInteger counter = new AtomicInteger();

    /** Fresh things for one check, all created by {@link #author}. */
    record Fixture(String slug, String postId, String commentId, String attachmentId, String userId) {}

    @BeforeParameterizedClassInvocation(injectArguments = false)
    void open(@TempDir Path dir) {
        t = TestStores.open(database, dir);
        board = t.board();
        admin = t.admin("Admin");
        author = t.member("Author");
        member = t.member("Member");
    }

    @AfterParameterizedClassInvocation(injectArguments = false)
    void close() {
        t.close();
    }

    Fixture fixture() {
        String slug = "board-" + counter.incrementAndGet();
        board.createProject(admin, new NewProject("Board", slug, ""));
        String post = board.createPost(author, slug, new NewPost("A post", "", PostCategory.BUG)).post().id();
        String comment = board.addComment(author, post, new NewComment("A comment", null)).comment().id();
        String attachment = board.addAttachment(author, post, new NewAttachment("a.png", "image/png", PNG)).id();
        return new Fixture(slug, post, comment, attachment, t.createUser("Someone " + slug, Role.ADMIN));
    }

    Actor actor(Who who) {
        return switch (who) {
            case ANONYMOUS -> Actor.anonymous();
            case READ_ONLY_ADMIN -> TestStores.readOnly(admin);
            case MEMBER -> member;
            case AUTHOR -> author;
            case ADMIN -> admin;
        };
    }

    record Case(String name, BiConsumer<Fixture, Actor> action, Map<Who, Outcome> expected) {}

    static Map<Who, Outcome> adminOnly() {
        return Map.of(Who.MEMBER, Outcome.FORBIDDEN, Who.AUTHOR, Outcome.FORBIDDEN, Who.ADMIN, Outcome.OK);
    }

    static Map<Who, Outcome> authorOrAdmin() {
        return Map.of(Who.MEMBER, Outcome.FORBIDDEN, Who.AUTHOR, Outcome.OK, Who.ADMIN, Outcome.OK);
    }

    static Map<Who, Outcome> anyAccount() {
        return Map.of(Who.MEMBER, Outcome.OK, Who.AUTHOR, Outcome.OK, Who.ADMIN, Outcome.OK);
    }

    List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("createProject", (f, a) -> board.createProject(a,
                new NewProject("New", "new-" + counter.incrementAndGet(), "")), adminOnly()));
        cases.add(new Case("updateProject", (f, a) -> board.updateProject(a, f.slug(), new ProjectEdit("X", null)),
                adminOnly()));
        cases.add(new Case("deleteProject", (f, a) -> board.deleteProject(a, f.slug()), adminOnly()));
        cases.add(new Case("createPost", (f, a) -> board.createPost(a, f.slug(), new NewPost("T", null, null)),
                anyAccount()));
        cases.add(new Case("editPost title", (f, a) -> board.editPost(a, f.postId(),
                new PostEdit("New title", null, null, null)), authorOrAdmin()));
        cases.add(new Case("editPost category", (f, a) -> board.editPost(a, f.postId(),
                new PostEdit(null, null, PostCategory.FEATURE, null)), authorOrAdmin()));
        cases.add(new Case("editPost status", (f, a) -> board.editPost(a, f.postId(), PostEdit.status(PostStatus.DONE)),
                adminOnly()));
        cases.add(new Case("deletePost", (f, a) -> board.deletePost(a, f.postId()), authorOrAdmin()));
        cases.add(new Case("toggleVote", (f, a) -> board.toggleVote(a, f.postId()), anyAccount()));
        cases.add(new Case("setVote", (f, a) -> board.setVote(a, f.postId(), true), anyAccount()));
        cases.add(new Case("addComment", (f, a) -> board.addComment(a, f.postId(), new NewComment("Hi", null)),
                anyAccount()));
        cases.add(new Case("editComment", (f, a) -> board.editComment(a, f.commentId(), "Edited"),
                Map.of(Who.MEMBER, Outcome.FORBIDDEN, Who.AUTHOR, Outcome.OK, Who.ADMIN, Outcome.FORBIDDEN)));
        cases.add(new Case("deleteComment", (f, a) -> board.deleteComment(a, f.commentId()), authorOrAdmin()));
        cases.add(new Case("addAttachment", (f, a) -> board.addAttachment(a, f.postId(),
                new NewAttachment("b.png", null, PNG)), authorOrAdmin()));
        cases.add(new Case("deleteAttachment", (f, a) -> board.deleteAttachment(a, f.attachmentId()),
                authorOrAdmin()));
        cases.add(new Case("setRole", (f, a) -> board.setRole(a, f.userId(), Role.MEMBER), adminOnly()));
        cases.add(new Case("updateProfile", (f, a) -> board.updateProfile(a, "Renamed"), anyAccount()));
        return cases;
    }

    @TestFactory
    Stream<DynamicTest> every_write_checks_who_is_asking() {
        return cases().stream().flatMap(c -> Stream.of(Who.values()).map(who -> {
            Outcome expected = switch (who) {
                case ANONYMOUS -> Outcome.UNAUTHENTICATED;
                case READ_ONLY_ADMIN -> Outcome.FORBIDDEN;
                default -> c.expected().get(who);
            };
            return DynamicTest.dynamicTest(c.name() + " by " + who + " is " + expected, () -> {
                Fixture f = fixture();
                Actor a = actor(who);
                if (expected == Outcome.OK) {
                    assertThatCode(() -> c.action().accept(f, a)).doesNotThrowAnyException();
                } else {
                    RunguException e = catchThrowableOfType(RunguException.class, () -> c.action().accept(f, a));
                    assertThat(e).as("expected %s", expected).isNotNull();
                    assertThat(e.code()).isEqualTo(expected == Outcome.UNAUTHENTICATED
                            ? ErrorCode.UNAUTHENTICATED : ErrorCode.FORBIDDEN);
                    if (who == Who.READ_ONLY_ADMIN) {
                        assertThat(e).hasMessage(RunguException.READ_ONLY_MESSAGE);
                    }
                }
            });
        }));
    }

    @TestFactory
    Stream<DynamicTest> reads_are_public() {
        Fixture f = fixture();
        return Stream.of(Who.values()).map(who -> DynamicTest.dynamicTest("reads by " + who, () -> {
            Actor a = actor(who);
            assertThat(board.getProject(a, f.slug()).slug()).isEqualTo(f.slug());
            assertThat(board.listPosts(a, f.slug(), null).total()).isEqualTo(1);
            assertThat(board.getPost(a, f.postId()).post().id()).isEqualTo(f.postId());
            assertThat(board.listComments(a, f.postId(), PageRequest.FIRST).total()).isEqualTo(1);
            assertThat(board.listAttachments(a, f.postId(), PageRequest.FIRST).total()).isEqualTo(1);
            assertThat(board.getAttachment(a, f.attachmentId()).bytes()).isEqualTo(PNG);
            assertThat(board.voteState(a, f.postId()).voted()).isFalse();
            assertThat(board.roadmap(a, f.slug(), 10).limit()).isEqualTo(10);
            assertThat(board.stats(a, f.slug()).totalPosts()).isEqualTo(1);
        }));
    }

    @TestFactory
    Stream<DynamicTest> only_admins_list_users_even_with_a_read_only_token() {
        Map<Who, ErrorCode> expected = Map.of(Who.ANONYMOUS, ErrorCode.UNAUTHENTICATED,
                Who.MEMBER, ErrorCode.FORBIDDEN, Who.AUTHOR, ErrorCode.FORBIDDEN);
        return Stream.of(Who.values()).map(who -> DynamicTest.dynamicTest("listUsers by " + who, () -> {
            if (expected.containsKey(who)) {
                RunguException e = catchThrowableOfType(RunguException.class,
                        () -> board.listUsers(actor(who), PageRequest.FIRST));
                assertThat(e.code()).isEqualTo(expected.get(who));
            } else {
                assertThat(board.listUsers(actor(who), PageRequest.FIRST).total()).isGreaterThanOrEqualTo(3);
            }
        }));
    }
}
