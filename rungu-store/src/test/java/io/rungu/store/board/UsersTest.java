package io.rungu.store.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.rungu.model.Actor;
import io.rungu.model.ErrorCode;
import io.rungu.model.Limits;
import io.rungu.model.PageRequest;
import io.rungu.model.Role;
import io.rungu.model.RunguException;
import io.rungu.model.User;
import io.rungu.store.OnEachDatabase;
import io.rungu.store.TestStores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UsersTest extends OnEachDatabase {
    Actor.Account admin;

    @BeforeEach
    void open() {
        admin = t.admin("Admin");
    }

    @Test
    void admins_list_users_newest_first() {
        Actor.Account a = t.member("A");
        Actor.Account b = t.member("B");
        var page = board.listUsers(admin, new PageRequest(1, 2));
        assertThat(page.items()).extracting(User::id).containsExactly(b.userId(), a.userId());
        assertThat(page.total()).isEqualTo(3);
    }

    @Test
    void admins_search_users_by_name_or_email_ignoring_case() {
        Actor.Account ada = t.member("Ada Lovelace");
        Actor.Account grace = t.member("Grace Hopper");
        t.member("Alan");
        var byName = board.listUsers(admin, "  lOVElace ", new PageRequest(1, 10));
        assertThat(byName.items()).extracting(User::id).containsExactly(ada.userId());
        assertThat(byName.total()).isEqualTo(1);
        String graceEmail = board.listUsers(admin, "hopper", new PageRequest(1, 10)).items().get(0).email();
        var byEmail = board.listUsers(admin, graceEmail.toUpperCase(java.util.Locale.ROOT), new PageRequest(1, 10));
        assertThat(byEmail.items()).extracting(User::id).containsExactly(grace.userId());
        // LIKE wildcards are literal text
        assertThat(board.listUsers(admin, "%", new PageRequest(1, 10)).total()).isZero();
        assertThat(board.listUsers(admin, "_", new PageRequest(1, 10)).total()).isZero();
        assertThat(board.listUsers(admin, "!", new PageRequest(1, 10)).total()).isZero();
        assertThat(board.listUsers(admin, "", new PageRequest(1, 10)).total()).isEqualTo(4);
    }

    @Test
    void a_user_search_past_the_limit_is_invalid() {
        RunguException e = catchThrowableOfType(RunguException.class,
                () -> board.listUsers(admin, "x".repeat(Limits.USER_QUERY_MAX + 1), new PageRequest(1, 10)));
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID);
        assertThat(board.listUsers(admin, "x".repeat(Limits.USER_QUERY_MAX), new PageRequest(1, 10)).total()).isZero();
    }

    @Test
    void members_cannot_search_users() {
        Actor.Account m = t.member("M");
        RunguException e = catchThrowableOfType(RunguException.class,
                () -> board.listUsers(m, "m", new PageRequest(1, 10)));
        assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN);
    }

    @Test
    void an_admin_promotes_and_demotes() {
        Actor.Account m = t.member("M");
        assertThat(board.setRole(admin, m.userId(), Role.ADMIN).role()).isEqualTo(Role.ADMIN);
        assertThat(board.setRole(admin, m.userId(), Role.MEMBER).role()).isEqualTo(Role.MEMBER);
    }

    @Test
    void the_last_admin_cannot_demote_themself() {
        RunguException e = catchThrowableOfType(RunguException.class,
                () -> board.setRole(admin, admin.userId(), Role.MEMBER));
        assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT);
        assertThat(board.me(admin).role()).isEqualTo(Role.ADMIN);

        Actor.Account second = t.admin("Second");
        assertThat(board.setRole(admin, admin.userId(), Role.MEMBER).role()).isEqualTo(Role.MEMBER);
        assertThat(board.me(second).role()).isEqualTo(Role.ADMIN);
    }

    @Test
    void a_user_sets_their_display_name_trimmed() {
        Actor.Account m = t.member("");
        User updated = board.updateProfile(m, "  Grace Hopper  ");
        assertThat(updated.id()).isEqualTo(m.userId());
        assertThat(updated.name()).isEqualTo("Grace Hopper");
        assertThat(board.me(m).name()).isEqualTo("Grace Hopper");
    }

    @Test
    void anonymous_cannot_update_a_profile() {
        RunguException e = catchThrowableOfType(RunguException.class,
                () -> board.updateProfile(Actor.anonymous(), "Someone"));
        assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
    }

    @Test
    void a_read_only_token_cannot_update_a_profile() {
        RunguException e = catchThrowableOfType(RunguException.class,
                () -> board.updateProfile(TestStores.readOnly(admin), "Someone"));
        assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(board.me(admin).name()).isEqualTo("Admin");
    }

    @Test
    void a_blank_name_is_invalid() {
        RunguException e = catchThrowableOfType(RunguException.class, () -> board.updateProfile(admin, "   "));
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID);
        assertThat(e).hasMessage("Name is required");
        assertThat(board.me(admin).name()).isEqualTo("Admin");
    }

    @Test
    void a_name_past_the_limit_in_code_points_is_invalid() {
        String emoji = "\uD83D\uDE00";
        assertThat(board.updateProfile(admin, emoji.repeat(Limits.USER_NAME_MAX)).name())
                .isEqualTo(emoji.repeat(Limits.USER_NAME_MAX));
        RunguException e = catchThrowableOfType(RunguException.class,
                () -> board.updateProfile(admin, "x".repeat(Limits.USER_NAME_MAX + 1)));
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID);
        assertThat(e.getMessage()).contains(String.valueOf(Limits.USER_NAME_MAX));
    }
}
