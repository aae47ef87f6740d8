package io.rungu.store.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.rungu.model.Actor;
import io.rungu.model.ErrorCode;
import io.rungu.model.PageRequest;
import io.rungu.model.Role;
import io.rungu.model.RunguException;
import io.rungu.model.User;
import io.rungu.store.Board;
import io.rungu.store.TestStores;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import io.rungu.store.TestDatabase;

@ParameterizedClass
@EnumSource(TestDatabase.class)
class UsersTest {
    @Parameter
    TestDatabase database;

    @TempDir
    Path dir;
    TestStores t;
    Board board;
    Actor.Account admin;

    @BeforeEach
    void open() {
        t = TestStores.open(database, dir);
        board = t.board();
        admin = t.admin("Admin");
    }

    @AfterEach
    void close() {
        t.close();
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
}
