package io.rungu.store.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.rungu.model.Actor;
import io.rungu.model.ErrorCode;
import io.rungu.model.NewAttachment;
import io.rungu.model.NewPost;
import io.rungu.model.NewProject;
import io.rungu.model.RunguException;
import io.rungu.store.OnEachDatabase;
import io.rungu.store.RunguStore;
import io.rungu.store.StoreConfig;
import io.rungu.store.TestImages;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Per-user and installation-wide byte quotas on attachments, met by every adapter through the Board. */
class UploadQuotaTest extends OnEachDatabase {
    static final int FILE = 100 * 1024;

    Actor.Account ada;
    Actor.Account bob;
    String adaPost;
    String bobPost;

    @Override
    protected void configure(StoreConfig config) {
        config.uploadQuotaPerUser = 3L * FILE;
        config.uploadQuotaTotal = 5L * FILE;
    }

    @BeforeEach
    void open() {
        Actor.Account admin = t.admin("Admin");
        ada = t.member("Ada");
        bob = t.member("Bob");
        board.createProject(admin, new NewProject("App", "app", ""));
        adaPost = board.createPost(ada, "app", new NewPost("Ada's", "", null)).post().id();
        bobPost = board.createPost(bob, "app", new NewPost("Bob's", "", null)).post().id();
    }

    private void upload(Actor actor, String post) {
        board.addAttachment(actor, post, new NewAttachment("a.png", null, TestImages.pngOfSize(FILE)));
    }

    @Test
    void a_user_past_their_quota_gets_a_conflict_naming_it_and_can_upload_again_after_deleting() {
        for (int i = 0; i < 3; i++) {
            upload(ada, adaPost);
        }
        RunguException full = catchThrowableOfType(RunguException.class, () -> upload(ada, adaPost));
        assertThat(full.code()).isEqualTo(ErrorCode.CONFLICT);
        assertThat(full.getMessage()).contains("300 KiB");
        upload(bob, bobPost);

        String first = board.listAttachments(Actor.anonymous(), adaPost, null).items().get(0).id();
        board.deleteAttachment(ada, first);
        upload(ada, adaPost);
    }

    @Test
    void the_installation_quota_counts_every_users_uploads() {
        for (int i = 0; i < 3; i++) {
            upload(ada, adaPost);
        }
        upload(bob, bobPost);
        upload(bob, bobPost);
        RunguException full = catchThrowableOfType(RunguException.class, () -> upload(bob, bobPost));
        assertThat(full.code()).isEqualTo(ErrorCode.CONFLICT);
        assertThat(full.getMessage()).contains("500 KiB");
        assertThat(t.number("SELECT count(*) FROM attachments")).isEqualTo(5);
    }

    @Test
    void negative_quotas_are_refused_when_the_store_opens() {
        assertThatThrownBy(() -> RunguStore.open(c -> {
            c.url = "jdbc:sqlite:" + dir.resolve("other.db");
            c.uploadQuotaPerUser = -1;
            c.uploadQuotaTotal = -1;
        })).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("uploadQuotaPerUser").hasMessageContaining("uploadQuotaTotal");
    }
}
