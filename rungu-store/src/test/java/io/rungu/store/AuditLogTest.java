package io.rungu.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rungu.model.Actor;
import io.rungu.model.AuditChannel;
import io.rungu.model.AuditEntry;
import io.rungu.model.AuditQuery;
import io.rungu.model.ErrorCode;
import io.rungu.model.NewComment;
import io.rungu.model.NewPost;
import io.rungu.model.NewProject;
import io.rungu.model.Page;
import io.rungu.model.PageRequest;
import io.rungu.model.PostEdit;
import io.rungu.model.PostStatus;
import io.rungu.model.PostView;
import io.rungu.model.Project;
import io.rungu.model.Role;
import io.rungu.model.RunguException;
import io.rungu.model.TokenScope;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The audit log: every write through the store, with who, how, what and the fields before and after. */
class AuditLogTest extends OnEachDatabase {
    private Actor.Account admin;
    private Actor.Account member;
    private Project project;

    @BeforeEach
    void setUp() {
        admin = t.admin("Ada");
        member = new Actor.Account(t.createUser("Bob", Role.MEMBER), Role.MEMBER, Actor.Channel.SESSION,
                TokenScope.WRITE);
        project = board.createProject(admin, new NewProject("App", "app", ""));
    }

    private Page<AuditEntry> log(AuditQuery query) {
        return board.auditLog(admin, query);
    }

    private AuditEntry newest() {
        return log(AuditQuery.ALL).items().get(0);
    }

    private static AuditQuery action(String action) {
        return new AuditQuery(null, null, action, null, PageRequest.FIRST);
    }

    @Test
    void a_post_edit_records_title_and_description_before_and_after_with_actor_and_channel() {
        PostView post = board.createPost(member, "app", new NewPost("Dark mode", "Please", null));
        board.editPost(member, post.post().id(), new PostEdit("Dark mode please", "Pretty please", null, null, null));

        AuditEntry edit = newest();
        assertThat(edit.action()).isEqualTo("post.edited");
        assertThat(edit.actor().id()).isEqualTo(member.userId());
        assertThat(edit.actor().name()).isEqualTo("Bob");
        assertThat(edit.channel()).isEqualTo(AuditChannel.WEB);
        assertThat(edit.client()).isNull();
        assertThat(edit.target()).isEqualTo(new AuditEntry.Target("post", post.post().id()));
        assertThat(edit.changes()).containsExactly(
                new AuditEntry.Change("title", "Dark mode", "Dark mode please"),
                new AuditEntry.Change("description", "Please", "Pretty please"));
    }

    @Test
    void a_status_change_records_from_to_and_the_response() {
        PostView post = board.createPost(member, "app", new NewPost("Export", "", null));
        board.editPost(admin.withClient("ops-bot"), post.post().id(), PostEdit.status(PostStatus.PLANNED, "Next month"));

        AuditEntry change = newest();
        assertThat(change.action()).isEqualTo("post.status_changed");
        assertThat(change.channel()).isEqualTo(AuditChannel.HOST);
        assertThat(change.client()).isEqualTo("ops-bot");
        assertThat(change.changes()).containsExactly(new AuditEntry.Change("status", "open", "planned"),
                new AuditEntry.Change("response", null, "Next month"));
    }

    @Test
    void a_deletion_records_what_was_deleted() {
        PostView post = board.createPost(member, "app", new NewPost("Old idea", "", null));
        var comment = board.addComment(member, post.post().id(), new NewComment("A remark", null));
        board.deleteComment(admin, comment.comment().id());
        board.deletePost(admin, post.post().id());

        List<AuditEntry> entries = log(AuditQuery.ALL).items();
        assertThat(entries.get(0).action()).isEqualTo("post.deleted");
        assertThat(entries.get(0).changes()).contains(new AuditEntry.Change("title", "Old idea", null),
                new AuditEntry.Change("created_by", member.userId(), null));
        assertThat(entries.get(1).action()).isEqualTo("comment.deleted");
        assertThat(entries.get(1).target()).isEqualTo(new AuditEntry.Target("comment", comment.comment().id()));
        assertThat(entries.get(1).changes()).contains(new AuditEntry.Change("content", "A remark", null));
    }

    @Test
    void account_level_writes_are_recorded_without_names_or_emails() {
        board.setRole(admin, member.userId(), Role.ADMIN);
        AuditEntry role = newest();
        assertThat(role.action()).isEqualTo("user.role_changed");
        assertThat(role.target()).isEqualTo(new AuditEntry.Target("user", member.userId()));
        assertThat(role.changes()).containsExactly(new AuditEntry.Change("role", "member", "admin"));

        var token = t.store().accounts().createToken(member, "laptop", TokenScope.READ, "rgu_abc", "0".repeat(64));
        assertThat(newest().action()).isEqualTo("token.created");
        assertThat(newest().changes()).contains(new AuditEntry.Change("name", null, "laptop"));
        t.store().accounts().revokeToken(member, token.id());
        assertThat(newest().action()).isEqualTo("token.revoked");

        board.setRole(admin, member.userId(), Role.MEMBER);
        board.deleteUser(admin, member.userId());
        AuditEntry deleted = newest();
        assertThat(deleted.action()).isEqualTo("user.deleted");
        assertThat(deleted.actor().id()).isEqualTo(admin.userId());
        // The erased account's name is erased from the log too: names are read at read time.
        assertThat(log(new AuditQuery(null, member.userId(), null, null, PageRequest.FIRST)).items())
                .isNotEmpty().allSatisfy(e -> assertThat(e.actor().name()).isEqualTo(Board.DELETED_USER_NAME));
        assertThat(log(AuditQuery.ALL).items()).allSatisfy(e -> assertThat(e.changes())
                .noneMatch(c -> String.valueOf(c.before()).contains("@") || String.valueOf(c.after()).contains("@")));
    }

    @Test
    void filters_by_board_actor_action_and_since_and_pages_newest_first() {
        Project other = board.createProject(admin, new NewProject("Other", "other", ""));
        for (int i = 0; i < 5; i++) {
            board.createPost(member, "app", new NewPost("Idea " + i, "", null));
        }
        board.createPost(admin, "other", new NewPost("Elsewhere", "", null));
        Instant cut = t.clock().peek();
        t.clock().advance(Duration.ofHours(2));
        PostView late = board.createPost(member, "app", new NewPost("Late", "", null));

        Page<AuditEntry> app = log(new AuditQuery("app", null, null, null, new PageRequest(1, 4)));
        assertThat(app.total()).isEqualTo(7); // the board's creation and six posts
        assertThat(app.items()).hasSize(4).extracting(AuditEntry::id).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        Page<AuditEntry> second = log(new AuditQuery("app", null, null, null, new PageRequest(2, 4)));
        assertThat(second.items()).hasSize(3);
        assertThat(second.items().get(2).action()).isEqualTo("project.created");

        assertThat(log(new AuditQuery("other", null, null, null, PageRequest.FIRST)).items())
                .extracting(AuditEntry::action).containsExactly("post.created", "project.created");
        assertThat(log(new AuditQuery(null, member.userId(), "post.created", null, PageRequest.FIRST)).total())
                .isEqualTo(6);
        assertThat(log(action("project")).items()).extracting(AuditEntry::target)
                .containsExactly(new AuditEntry.Target("project", other.id()),
                        new AuditEntry.Target("project", project.id()));
        assertThat(log(new AuditQuery(null, null, null, "1h", PageRequest.FIRST)).items())
                .extracting(e -> e.target().id()).containsExactly(late.post().id());
        assertThat(log(new AuditQuery(null, null, null, cut.plus(Duration.ofHours(1)).toString(), PageRequest.FIRST))
                .total()).isEqualTo(1);
        assertThat(log(new AuditQuery(null, null, null, "PT3H", PageRequest.FIRST)).total()).isGreaterThan(7);
    }

    @Test
    void bad_filters_are_refused_with_the_field_named() {
        assertThatThrownBy(() -> log(new AuditQuery(null, null, "DROP TABLE", null, PageRequest.FIRST)))
                .isInstanceOfSatisfying(RunguException.class, e -> assertThat(e.fields()).containsKey("action"));
        assertThatThrownBy(() -> log(new AuditQuery(null, null, null, "yesterday", PageRequest.FIRST)))
                .isInstanceOfSatisfying(RunguException.class, e -> assertThat(e.fields()).containsKey("since"));
        assertThatThrownBy(() -> log(new AuditQuery("nope", null, null, null, PageRequest.FIRST)))
                .isInstanceOfSatisfying(RunguException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @Test
    void members_and_anonymous_cannot_read_it() {
        assertThatThrownBy(() -> board.auditLog(member, AuditQuery.ALL))
                .isInstanceOfSatisfying(RunguException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN));
        assertThatThrownBy(() -> board.auditLog(Actor.anonymous(), AuditQuery.ALL))
                .isInstanceOfSatisfying(RunguException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHENTICATED));
    }

    @Test
    void any_event_appended_to_the_outbox_gets_an_entry_with_its_action_derived_from_its_type() {
        PostView post = board.createPost(member, "app", new NewPost("Merged away", "", null));
        var database = t.store().database();
        // As a write added later would: only its event, appended the way every Board write appends it.
        database.writeVoid(h -> io.rungu.store.internal.events.Outbox.append(h, database.dialect(),
                new io.rungu.model.BoardEvent(0, io.rungu.model.BoardEvent.Type.PROJECT_UNSUBSCRIBED,
                        t.clock().instant(), admin.userId(), Actor.Channel.API_TOKEN, project.id(), post.post().id(),
                        null, null, null, null)));

        AuditEntry entry = newest();
        assertThat(entry.action()).isEqualTo("project.unsubscribed");
        assertThat(entry.channel()).isEqualTo(AuditChannel.API_TOKEN);
        assertThat(entry.target()).isEqualTo(new AuditEntry.Target("post", post.post().id()));
        assertThat(log(new AuditQuery("app", null, "project.unsubscribed", null, PageRequest.FIRST)).total())
                .isEqualTo(1);
    }

    @Test
    void notification_settings_changes_are_recorded() {
        board.updateNotificationSettings(member, false, null);
        AuditEntry entry = newest();
        assertThat(entry.action()).isEqualTo("user.notifications_changed");
        assertThat(entry.changes()).containsExactly(new AuditEntry.Change("status_changes", "true", "false"));
    }

    @Test
    void a_rolled_back_write_leaves_no_entry() {
        long before = log(AuditQuery.ALL).total();
        assertThatThrownBy(() -> board.setRole(admin, admin.userId(), Role.MEMBER)).isInstanceOf(RunguException.class);
        assertThat(log(AuditQuery.ALL).total()).isEqualTo(before);
    }

    @Test
    void audit_days_prunes_older_entries_by_the_store_clock() {
        board.createPost(member, "app", new NewPost("Ancient", "", null));
        t.clock().advance(Duration.ofDays(40));
        PostView recent = board.createPost(member, "app", new NewPost("Recent", "", null));
        t.clock().advance(Duration.ofDays(1));

        // Another store on the same database, keeping 30 days: it prunes as it opens.
        try (RunguStore keeping = RunguStore.open(c -> {
            c.url = t.url();
            c.clock = TestClock.fixed(t.clock().peek());
            c.auditDays = 30;
        })) {
            assertThat(keeping.board().auditLog(admin, AuditQuery.ALL).items())
                    .extracting(e -> e.target().id()).containsExactly(recent.post().id());
        }
    }
}
