package io.rungu.store.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.rungu.model.Actor;
import io.rungu.model.Attachment;
import io.rungu.model.ErrorCode;
import io.rungu.model.Limits;
import io.rungu.model.NewAttachment;
import io.rungu.model.NewPost;
import io.rungu.model.NewProject;
import io.rungu.model.PageRequest;
import io.rungu.model.RunguException;
import io.rungu.store.OnEachDatabase;
import io.rungu.store.TestImages;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Uploads through the Board: type by content, size and count limits, safe names, bytes round-trip. */
class AttachmentsTest extends OnEachDatabase {
    static final byte[] PNG = TestImages.png();
    static final byte[] JPEG = TestImages.jpeg();

    Actor.Account author;
    String post;

    @BeforeEach
    void open() {
        Actor.Account admin = t.admin("Admin");
        author = t.member("Author");
        board.createProject(admin, new NewProject("App", "app", ""));
        post = board.createPost(author, "app", new NewPost("With pictures", "", null)).post().id();
    }

    Attachment upload(String name, String mime, byte[] bytes) {
        return board.addAttachment(author, post, new NewAttachment(name, mime, bytes));
    }

    RunguException failure(String name, String mime, byte[] bytes) {
        return catchThrowableOfType(RunguException.class, () -> upload(name, mime, bytes));
    }

    static byte[] png(int size) {
        return TestImages.pngOfSize(size);
    }

    @Test
    void an_image_round_trips_with_its_detected_type() {
        Attachment a = upload("shot.png", "image/png", PNG);
        assertThat(a.mime()).isEqualTo("image/png");
        assertThat(a.size()).isEqualTo(PNG.length);
        assertThat(a.createdBy()).isEqualTo(author.userId());
        var content = board.getAttachment(Actor.anonymous(), a.id());
        assertThat(content.bytes()).isEqualTo(PNG);
        assertThat(content.attachment()).isEqualTo(a);
        assertThat(board.listAttachments(Actor.anonymous(), post, PageRequest.FIRST).items()).containsExactly(a);
    }

    @Test
    void ten_mebibytes_are_accepted_and_one_byte_more_is_too_large() {
        assertThat(upload("big.png", null, png(Limits.ATTACHMENT_MAX_BYTES)).size())
                .isEqualTo(Limits.ATTACHMENT_MAX_BYTES);
        RunguException e = failure("bigger.png", null, png(Limits.ATTACHMENT_MAX_BYTES + 1));
        assertThat(e.code()).isEqualTo(ErrorCode.TOO_LARGE);
    }

    @Test
    void the_type_is_judged_by_content() {
        assertThat(upload("photo", "image/jpg", JPEG).mime()).isEqualTo("image/jpeg");
        assertThat(upload("photo", "application/octet-stream", JPEG).mime()).isEqualTo("image/jpeg");
        assertThat(failure("x.png", "image/jpeg", PNG)).hasMessage(
                "MIME type mismatch: declared image/jpeg, detected image/png");
        assertThat(failure("x.png", "image/png", new byte[] {0, 1, 2, 3}).code()).isEqualTo(ErrorCode.INVALID);
        assertThat(failure("x.svg", "image/svg+xml", "<svg/>".getBytes()).code()).isEqualTo(ErrorCode.INVALID);
        assertThat(failure("x.png", "image/png", new byte[0])).hasMessage("Empty file");
    }

    @Test
    void file_names_are_made_safe() {
        assertThat(upload("../../etc/pa\"ss'wd\r\n.png", null, PNG).filename()).isEqualTo("passwd.png");
        assertThat(upload("C:\\Users\\me\\shot.png", null, PNG).filename()).isEqualTo("shot.png");
        assertThat(upload(null, null, PNG).filename()).isEqualTo("upload.png");
        assertThat(upload("  ", null, JPEG).filename()).isEqualTo("upload.jpg");
        assertThat(upload("dir/", null, PNG).filename()).isEqualTo("upload.png");
        assertThat(upload("ü".repeat(300), null, PNG).filename()).isEqualTo("ü".repeat(Limits.FILENAME_MAX));
    }

    @Test
    void a_post_holds_a_limited_number_of_attachments() {
        for (int i = 0; i < Limits.ATTACHMENTS_PER_POST_MAX; i++) {
            upload("a" + i + ".png", null, PNG);
        }
        RunguException e = failure("one-more.png", null, PNG);
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID);
        assertThat(board.listAttachments(Actor.anonymous(), post, new PageRequest(1, 100)).total())
                .isEqualTo(Limits.ATTACHMENTS_PER_POST_MAX);
    }

    @Test
    void deleting_removes_metadata_and_bytes() {
        Attachment a = upload("a.png", null, PNG);
        board.deleteAttachment(author, a.id());
        assertThat(catchThrowableOfType(RunguException.class, () -> board.getAttachment(Actor.anonymous(), a.id())))
                .hasMessage("Attachment not found");
        assertThat(t.number("SELECT count(*) FROM attachment_blobs")).isZero();
        assertThat(catchThrowableOfType(RunguException.class, () -> board.deleteAttachment(author, a.id())).code())
                .isEqualTo(ErrorCode.NOT_FOUND);
    }

    @Test
    void deleting_the_post_removes_its_attachments() {
        upload("a.png", null, PNG);
        board.deletePost(author, post);
        assertThat(t.number("SELECT (SELECT count(*) FROM attachments) + (SELECT count(*) FROM attachment_blobs)"))
                .isZero();
    }

    @Test
    void strangers_cannot_upload_and_missing_posts_are_not_found() {
        Actor.Account stranger = t.member("Stranger");
        RunguException e = catchThrowableOfType(RunguException.class,
                () -> board.addAttachment(stranger, post, new NewAttachment("a.png", null, PNG)));
        assertThat(e).hasMessage("Only the post author or admin can upload attachments");
        assertThat(catchThrowableOfType(RunguException.class,
                () -> board.addAttachment(author, "nope", new NewAttachment("a.png", null, PNG))))
                .hasMessage("Post not found");
    }
}
