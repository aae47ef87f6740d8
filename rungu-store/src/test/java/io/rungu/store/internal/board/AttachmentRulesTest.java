package io.rungu.store.internal.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.rungu.model.ErrorCode;
import io.rungu.model.Limits;
import io.rungu.model.RunguException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The original's storage tests (§9.1) for magic bytes and size. */
class AttachmentRulesTest {
    static final byte[] PNG = {(byte) 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A};
    static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0};
    static final byte[] WEBP = {'R', 'I', 'F', 'F', 1, 2, 3, 4, 'W', 'E', 'B', 'P'};
    static final byte[] GIF = {'G', 'I', 'F', '8', '9', 'a'};

    @Test
    void png_jpeg_webp_and_gif_headers_are_recognised() {
        assertThat(AttachmentRules.check(PNG, null)).isEqualTo("image/png");
        assertThat(AttachmentRules.check(JPEG, null)).isEqualTo("image/jpeg");
        assertThat(AttachmentRules.check(WEBP, "image/webp")).isEqualTo("image/webp");
        assertThat(AttachmentRules.check(GIF, "IMAGE/GIF")).isEqualTo("image/gif");
    }

    @Test
    void declared_image_jpg_is_accepted_for_jpeg_bytes() {
        assertThat(AttachmentRules.check(JPEG, "image/jpg")).isEqualTo("image/jpeg");
        assertThat(AttachmentRules.check(JPEG, "image/jpeg; charset=binary")).isEqualTo("image/jpeg");
    }

    @Test
    void png_bytes_declared_as_jpeg_are_refused() {
        RunguException e = catchThrowableOfType(RunguException.class, () -> AttachmentRules.check(PNG, "image/jpeg"));
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID);
    }

    @Test
    void unknown_or_short_bytes_are_refused() {
        assertThat(AttachmentRules.detectMime(new byte[] {0, 1, 2, 3})).isNull();
        assertThat(AttachmentRules.detectMime(new byte[] {(byte) 0x89, 'P', 'N'})).isNull();
        assertThat(AttachmentRules.detectMime(Arrays.copyOf(WEBP, 11))).isNull();
        assertThat(catchThrowableOfType(RunguException.class,
                () -> AttachmentRules.check(new byte[] {0, 1, 2, 3}, null)).code()).isEqualTo(ErrorCode.INVALID);
    }

    @Test
    void ten_mebibytes_and_one_byte_is_too_large() {
        byte[] ok = Arrays.copyOf(PNG, Limits.ATTACHMENT_MAX_BYTES);
        assertThat(AttachmentRules.check(ok, null)).isEqualTo("image/png");
        byte[] big = Arrays.copyOf(PNG, Limits.ATTACHMENT_MAX_BYTES + 1);
        assertThat(catchThrowableOfType(RunguException.class, () -> AttachmentRules.check(big, null)).code())
                .isEqualTo(ErrorCode.TOO_LARGE);
    }

    @Test
    void file_names_lose_paths_controls_and_quotes() {
        assertThat(AttachmentRules.filename("../../etc/passwd", "image/png")).isEqualTo("passwd");
        assertThat(AttachmentRules.filename("/etc/passwd", "image/png")).isEqualTo("passwd");
        assertThat(AttachmentRules.filename("a\"b\\c.png", "image/png")).isEqualTo("c.png");
        assertThat(AttachmentRules.filename("a\u0000b\u202Ec.gif", "image/gif")).isEqualTo("abc.gif");
        assertThat(AttachmentRules.filename("..", "image/webp")).isEqualTo("upload.webp");
    }
}
