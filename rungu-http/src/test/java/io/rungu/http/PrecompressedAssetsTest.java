package io.rungu.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web app's assets in the form the client accepts: the build's .br copy, else its .gz copy, else the file, with
 * Vary, one ETag per form and the compressed length, and never compressed a second time by Javalin (whose default
 * gzip is on in this server). The fixture bundle-abc123.js has .br and .gz copies; app-abc123.js has none.
 */
class PrecompressedAssetsTest {
    private static final String BUNDLE = "/assets/bundle-abc123.js";

    @TempDir
    Path dir;
    TestServer s;

    @BeforeEach
    void start() {
        s = TestServer.start(dir, http -> http.basePath = "/feedback", host -> {});
    }

    @AfterEach
    void stop() {
        s.close();
    }

    private TestServer.Res get(String path, String acceptEncoding) {
        var req = s.req("GET", path);
        if (acceptEncoding != null) {
            req.header("Accept-Encoding", acceptEncoding);
        }
        return req.send();
    }

    @Test
    void brotli_is_preferred_then_gzip_else_the_file_itself() {
        byte[] plain = resource("assets/bundle-abc123.js");

        var br = get(BUNDLE, "gzip, deflate, br, zstd");
        assertThat(br.status()).isEqualTo(200);
        assertThat(br.header("Content-Encoding")).isEqualTo("br");
        assertThat(br.bytes()).isEqualTo(resource("assets/bundle-abc123.js.br"));
        assertThat(br.header("Content-Length")).isEqualTo(Integer.toString(br.bytes().length));
        assertThat(br.bytes().length).isLessThan(plain.length / 4);

        var gzip = get(BUNDLE, "gzip, br;q=0");
        assertThat(gzip.header("Content-Encoding")).isEqualTo("gzip");
        assertThat(gzip.header("Content-Length")).isEqualTo(Integer.toString(gzip.bytes().length));
        // Compressed once: one gunzip gives the file back.
        assertThat(gunzip(gzip.bytes())).isEqualTo(plain);

        for (String none : new String[] {null, "identity", "compress, br;q=0, gzip;q=0"}) {
            var identity = get(BUNDLE, none);
            assertThat(identity.header("Content-Encoding")).as(none).isNull();
            assertThat(identity.bytes()).as(none).isEqualTo(plain);
        }
        assertThat(get(BUNDLE, "*").header("Content-Encoding")).isEqualTo("br");
    }

    @Test
    void every_form_keeps_type_caching_and_vary_and_has_its_own_etag() {
        String[] etags = new String[3];
        String[] asks = {"br", "gzip", "identity"};
        for (int i = 0; i < asks.length; i++) {
            var r = get(BUNDLE, asks[i]);
            assertThat(r.header("Content-Type")).as(asks[i]).isEqualTo("text/javascript; charset=utf-8");
            assertThat(r.header("Cache-Control")).as(asks[i]).isEqualTo("public, max-age=31536000, immutable");
            assertThat(r.header("Vary")).as(asks[i]).isEqualTo("Accept-Encoding");
            etags[i] = r.header("ETag");
        }
        assertThat(etags).doesNotHaveDuplicates().allMatch(e -> e.matches("\"[0-9a-f]{32}(-br|-gzip)?\""));

        var revalidated = s.req("GET", BUNDLE).header("Accept-Encoding", "br").header("If-None-Match", etags[0]).send();
        assertThat(revalidated.status()).isEqualTo(304);
        assertThat(revalidated.bytes()).isEmpty();
        // Another form's ETag does not validate this one.
        assertThat(s.req("GET", BUNDLE).header("Accept-Encoding", "br").header("If-None-Match", etags[1]).send()
                .status()).isEqualTo(200);
    }

    @Test
    void a_file_without_copies_is_sent_as_it_is_and_missing_ones_stay_404() {
        var small = get("/assets/app-abc123.js", "br, gzip");
        assertThat(small.status()).isEqualTo(200);
        assertThat(small.header("Content-Encoding")).isNull();
        assertThat(small.bytes()).isEqualTo(resource("assets/app-abc123.js"));
        var missing = get("/assets/nope.js", "br");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.header("Content-Encoding")).isNull();
    }

    @Test
    void vary_keeps_origin_when_other_sites_may_call() {
        try (TestServer cors = TestServer.start(dir.resolve("cors"), http -> {
            http.basePath = "/feedback";
            http.widgetOrigins = java.util.List.of("https://shop.example");
        }, host -> {})) {
            var r = cors.req("GET", BUNDLE).header("Accept-Encoding", "br").send();
            assertThat(r.header("Content-Encoding")).isEqualTo("br");
            assertThat(r.raw().headers().allValues("Vary")).containsExactly("Origin, Accept-Encoding");
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = PrecompressedAssetsTest.class.getClassLoader().getResourceAsStream("io/rungu/webapp/" + name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] gunzip(byte[] bytes) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
