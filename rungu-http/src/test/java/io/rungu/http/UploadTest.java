package io.rungu.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.rungu.model.Actor;
import io.rungu.model.Limits;
import io.rungu.model.NewPost;
import io.rungu.model.NewProject;
import io.rungu.store.TestImages;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Uploads end to end: sizes up to the limit, one byte past it, spoofed and empty files, broken multipart. */
class UploadTest {
    static final String BOUNDARY = "----rungu-test-boundary";

    @TempDir
    Path dir;
    TestServer s;
    Actor.Account author;
    String postId;

    @BeforeEach
    void start() {
        s = TestServer.start(dir);
        Actor.Account admin = s.admin();
        author = s.member("Author");
        s.board().createProject(admin, new NewProject("App", "app", ""));
        postId = s.board().createPost(author, "app", new NewPost("Screenshot", "", null)).post().id();
    }

    @AfterEach
    void stop() {
        s.close();
    }

    /** A valid PNG of exactly {@code size} bytes. */
    static byte[] png(int size) {
        return TestImages.pngOfSize(size);
    }

    static byte[] multipart(String field, String filename, String type, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String head = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nignored\r\n"
                + "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\"" + filename + "\"\r\n"
                + (type == null ? "" : "Content-Type: " + type + "\r\n") + "\r\n";
        out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(content);
        out.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    static TestServer.Req upload(TestServer s, String postId, String filename, String type, byte[] content) {
        return s.req("POST", "/api/posts/" + postId + "/attachments")
                .body("multipart/form-data; boundary=" + BOUNDARY, multipart("file", filename, type, content));
    }

    @Test
    void images_of_1_5_and_10_mib_upload_and_download_intact() {
        for (int mib : new int[] {1, 5, 10}) {
            byte[] image = png(mib * 1024 * 1024);
            var r = upload(s, postId, "shot-" + mib + ".png", "image/png", image).as(author).send();
            assertThat(r.status()).as(mib + " MiB").isEqualTo(201);
            assertThat(r.data().get("size").asLong()).isEqualTo(image.length);
            assertThat(r.data().get("mime").asText()).isEqualTo("image/png");
            String url = r.data().get("url").asText();
            assertThat(url).isEqualTo("/api/attachments/" + r.data().get("id").asText());
            var download = s.get(url);
            assertThat(download.status()).isEqualTo(200);
            assertThat(download.bytes()).isEqualTo(image);
            assertThat(download.header("Content-Type")).isEqualTo("image/png");
            assertThat(download.header("Cache-Control")).isEqualTo("public, max-age=86400, immutable");
            assertThat(download.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(download.header("Content-Disposition")).startsWith("inline; filename=\"shot-" + mib + ".png\"");
        }
        assertThat(s.get("/api/posts/" + postId + "/attachments").data()).hasSize(3);
    }

    @Test
    void one_byte_past_10_mib_is_413() {
        var r = upload(s, postId, "big.png", "image/png", png(Limits.ATTACHMENT_MAX_BYTES + 1)).as(author).send();
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.json().get("code").asText()).isEqualTo("too_large");
    }

    @Test
    void a_request_far_past_the_limit_is_refused_by_its_declared_length() {
        byte[] huge = png(Limits.ATTACHMENT_MAX_BYTES + 200 * 1024);
        var r = upload(s, postId, "huge.png", "image/png", huge).as(author).send();
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.json().get("code").asText()).isEqualTo("too_large");
    }

    @Test
    void spoofed_unknown_and_empty_files_are_400() {
        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0, 1, 2};
        var spoofed = upload(s, postId, "x.png", "image/png", jpeg).as(author).send();
        assertThat(spoofed.status()).isEqualTo(400);
        assertThat(spoofed.json().get("error").asText()).contains("mismatch");
        assertThat(upload(s, postId, "x.bin", null, new byte[] {0, 1, 2, 3}).as(author).send().status()).isEqualTo(400);
        assertThat(upload(s, postId, "e.png", "image/png", new byte[0]).as(author).send().status()).isEqualTo(400);
    }

    @Test
    void a_png_header_followed_by_html_is_400_and_a_header_claiming_a_huge_image_is_413() {
        byte[] crafted = TestImages.magicThenHtml(new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        var r = upload(s, postId, "x.png", "image/png", crafted).as(author).send();
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.json().get("code").asText()).isEqualTo("invalid");
        assertThat(r.json().get("error").asText()).contains("not a valid PNG image");

        var bomb = upload(s, postId, "bomb.png", "image/png", TestImages.pngClaiming(100_000, 100_000)).as(author).send();
        assertThat(bomb.status()).as(bomb.toString()).isEqualTo(413);
        assertThat(bomb.json().get("code").asText()).isEqualTo("too_large");
        assertThat(s.get("/api/posts/" + postId + "/attachments").data()).isEmpty();
    }

    @Test
    void a_full_quota_is_409_naming_the_quota(@TempDir Path other) {
        try (TestServer q = TestServer.start(other, store -> store.uploadQuotaPerUser = 2 * 1024 * 1024, http -> {},
                host -> {})) {
            Actor.Account admin = q.admin();
            Actor.Account member = q.member("Uploader");
            q.board().createProject(admin, new NewProject("App", "app", ""));
            String post = q.board().createPost(member, "app", new NewPost("Shots", "", null)).post().id();
            assertThat(upload(q, post, "a.png", "image/png", png(1024 * 1024)).as(member).send().status()).isEqualTo(201);
            var full = upload(q, post, "b.png", "image/png", png(1024 * 1024 + 1)).as(member).send();
            assertThat(full.status()).as(full.toString()).isEqualTo(409);
            assertThat(full.json().get("code").asText()).isEqualTo("conflict");
            assertThat(full.json().get("error").asText()).contains("2 MiB");
        }
    }

    @Test
    void a_hostile_file_name_gives_a_safe_content_disposition() {
        var r = upload(s, postId, "we\\\"ird \u00e9.png", "image/png", png(100)).as(author).send();
        assertThat(r.status()).isEqualTo(201);
        var download = s.get("/api/attachments/" + r.data().get("id").asText());
        assertThat(download.header("Content-Disposition")).doesNotContain("\r").doesNotContain("\n")
                .contains("filename*=UTF-8''");
    }

    @Test
    void an_rfc_5987_file_name_is_decoded() {
        byte[] body = multipart("file", "ignored.png", "image/png", png(100));
        String plain = "filename=\"ignored.png\"";
        byte[] encoded = new String(body, StandardCharsets.ISO_8859_1)
                .replace(plain, "filename=\"fallback.png\"; filename*=UTF-8''caf%C3%A9%20%E6%97%A5%E6%9C%AC.png")
                .getBytes(StandardCharsets.ISO_8859_1);
        var r = s.req("POST", "/api/posts/" + postId + "/attachments").as(author)
                .body("multipart/form-data; boundary=" + BOUNDARY, encoded).send();
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertThat(r.data().get("filename").asText()).isEqualTo("café 日本.png");
    }

    @Test
    void a_full_size_image_with_other_fields_up_to_the_request_limit_uploads() {
        byte[] image = png(Limits.ATTACHMENT_MAX_BYTES);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String filler = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"filler\"\r\n\r\n"
                + "x".repeat(60 * 1024) + "\r\n";
        out.writeBytes(filler.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(multipart("file", "full.png", "image/png", image));
        byte[] body = out.toByteArray();
        assertThat(body.length).isBetween(new HttpConfig().maxUploadBytes - 4096, new HttpConfig().maxUploadBytes);

        var r = s.req("POST", "/api/posts/" + postId + "/attachments").as(author)
                .body("multipart/form-data; boundary=" + BOUNDARY, body).send();
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertThat(s.get("/api/attachments/" + r.data().get("id").asText()).bytes()).isEqualTo(image);
    }

    @Test
    void a_body_past_the_request_limit_without_a_declared_length_is_413() {
        byte[] body = multipart("file", "big.png", "image/png", png(new HttpConfig().maxUploadBytes));
        HttpRequest request = HttpRequest.newBuilder(URI.create(s.base + "/api/posts/" + postId + "/attachments"))
                .header("X-Test-Actor", TestServer.header(author))
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build();
        var r = new TestServer.Res(send(request));
        assertThat(r.status()).as(r.toString()).isEqualTo(413);
        assertThat(r.json().get("code").asText()).isEqualTo("too_large");
    }

    private HttpResponse<byte[]> send(HttpRequest request) {
        try {
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void broken_uploads_are_json_4xx() {
        String path = "/api/posts/" + postId + "/attachments";
        var notMultipart = s.req("POST", path).as(author).json("{}").send();
        assertThat(notMultipart.status()).isEqualTo(415);
        var noBoundary = s.req("POST", path).as(author).body("multipart/form-data", new byte[10]).send();
        assertThat(noBoundary.status()).isEqualTo(400);
        var garbage = s.req("POST", path).as(author).body("multipart/form-data; boundary=" + BOUNDARY, new byte[10]).send();
        assertThat(garbage.status()).isEqualTo(400);
        var wrongField = s.req("POST", path).as(author)
                .body("multipart/form-data; boundary=" + BOUNDARY, multipart("image", "a.png", "image/png", new byte[10])).send();
        assertThat(wrongField.status()).isEqualTo(400);
        assertThat(wrongField.json().get("error").asText()).contains("'file'");
    }
}
