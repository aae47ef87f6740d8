package io.rungu.store.internal.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.rungu.model.ErrorCode;
import io.rungu.model.Limits;
import io.rungu.model.RunguException;
import io.rungu.store.TestImages;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The original's storage tests (§9.1) for magic bytes and size. */
class AttachmentRulesTest {
    static final byte[] PNG = TestImages.png();
    static final byte[] JPEG = TestImages.jpeg();
    static final byte[] WEBP = TestImages.webp(640, 480);
    static final byte[] GIF = TestImages.gif();

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
        byte[] ok = TestImages.pngOfSize(Limits.ATTACHMENT_MAX_BYTES);
        assertThat(AttachmentRules.check(ok, null)).isEqualTo("image/png");
        byte[] big = TestImages.pngOfSize(Limits.ATTACHMENT_MAX_BYTES + 1);
        assertThat(catchThrowableOfType(RunguException.class, () -> AttachmentRules.check(big, null)).code())
                .isEqualTo(ErrorCode.TOO_LARGE);
    }

    @Test
    void content_that_only_starts_like_an_image_is_refused() {
        byte[][] magics = {
            {(byte) 0x89, 'P', 'N', 'G'},
            {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10},
            {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF},
            {'G', 'I', 'F', '8', '9', 'a'},
            {'R', 'I', 'F', 'F', 64, 0, 0, 0, 'W', 'E', 'B', 'P'},
        };
        for (byte[] magic : magics) {
            byte[] crafted = TestImages.magicThenHtml(magic);
            RunguException e = catchThrowableOfType(RunguException.class, () -> AttachmentRules.check(crafted, null));
            assertThat(e).as(new String(magic, java.nio.charset.StandardCharsets.ISO_8859_1)).isNotNull();
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID);
        }
        assertThat(catchThrowableOfType(RunguException.class,
                () -> AttachmentRules.check(TestImages.magicThenHtml(new byte[] {(byte) 0x89, 'P', 'N', 'G'}), "image/png")))
                .hasMessageContaining("not a valid PNG image");
    }

    @Test
    void a_png_with_a_broken_checksum_or_data_after_its_end_is_refused() {
        byte[] broken = TestImages.png();
        broken[20] ^= 1; // inside IHDR: its CRC no longer matches
        assertThat(catchThrowableOfType(RunguException.class, () -> AttachmentRules.check(broken, null)).code())
                .isEqualTo(ErrorCode.INVALID);
        byte[] trailing = TestImages.magicThenHtml(TestImages.png());
        assertThat(catchThrowableOfType(RunguException.class, () -> AttachmentRules.check(trailing, null)).code())
                .isEqualTo(ErrorCode.INVALID);
    }

    @Test
    void images_over_forty_megapixels_are_refused_by_their_header() {
        assertThat(AttachmentRules.check(TestImages.pngClaiming(8000, 5000), null)).isEqualTo("image/png");
        RunguException bomb = catchThrowableOfType(RunguException.class,
                () -> AttachmentRules.check(TestImages.pngClaiming(50_000, 50_000), null));
        assertThat(bomb.code()).isEqualTo(ErrorCode.TOO_LARGE);
        assertThat(bomb).hasMessageContaining("50000 × 50000").hasMessageContaining("40 megapixels");
        assertThat(catchThrowableOfType(RunguException.class,
                () -> AttachmentRules.check(TestImages.webp(16_000, 16_000), null)).code()).isEqualTo(ErrorCode.TOO_LARGE);
        assertThat(AttachmentRules.check(TestImages.webp(6000, 6000), null)).isEqualTo("image/webp");
        byte[] wideGif = TestImages.gif();
        wideGif[6] = (byte) 0xFF; // logical screen 65535 × 65535
        wideGif[7] = (byte) 0xFF;
        wideGif[8] = (byte) 0xFF;
        wideGif[9] = (byte) 0xFF;
        assertThat(catchThrowableOfType(RunguException.class, () -> AttachmentRules.check(wideGif, null)).code())
                .isEqualTo(ErrorCode.TOO_LARGE);
    }

    @Test
    void real_images_of_every_type_pass() {
        assertThat(AttachmentRules.check(TestImages.image("png", 640, 480), "image/png")).isEqualTo("image/png");
        assertThat(AttachmentRules.check(TestImages.image("jpeg", 640, 480), "image/jpeg")).isEqualTo("image/jpeg");
        assertThat(AttachmentRules.check(TestImages.image("gif", 640, 480), "image/gif")).isEqualTo("image/gif");
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
