package io.rungu.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RUNGU_TRUSTED_PROXIES and RUNGU_CACHE_MEGABYTES reach the server's configuration, and bad values are refused. */
class ProxyAndCacheSettingsTest {
    @TempDir
    Path home;

    private final Map<String, String> env = new HashMap<>();

    private Context context() {
        env.put("RUNGU_DATA_DIR", home.toString());
        return new Context(Environment.of(env, home), InputStream.nullInputStream(),
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream()));
    }

    @Test
    void trusted_proxies_are_a_comma_separated_list() {
        env.put("RUNGU_TRUSTED_PROXIES", " 10.0.0.0/8, fd00::/8 ,127.0.0.1");
        ServerSettings settings = ServerSettings.resolve(context().env, 0, "127.0.0.1", null, null);
        assertThat(settings.trustedProxies()).containsExactly("10.0.0.0/8", "fd00::/8", "127.0.0.1");
    }

    @Test
    void the_server_takes_the_client_behind_a_trusted_proxy_from_the_right() throws Exception {
        env.put("RUNGU_TRUSTED_PROXIES", "127.0.0.1");
        Context context = context();
        try (RunguServer server = RunguServer.start(context, ServerSettings.resolve(context.env, 0, "127.0.0.1", null, null))) {
            HttpClient http = HttpClient.newHttpClient();
            int limited = 0;
            for (int i = 0; i < 25 && limited == 0; i++) {
                HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/auth/link/x"))
                        .header("X-Forwarded-For", "192.0.2." + i + ", 198.51.100.7").build();
                if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 429) {
                    limited = i;
                }
            }
            assertThat(limited).as("the 21st sign-in attempt of 198.51.100.7 is limited").isEqualTo(20);
        }
    }

    @Test
    void an_unusable_proxy_list_stops_the_server_with_the_reason() {
        env.put("RUNGU_TRUSTED_PROXIES", "proxy.internal");
        Context context = context();
        ServerSettings settings = ServerSettings.resolve(context.env, 0, "127.0.0.1", null, null);
        assertThatThrownBy(() -> RunguServer.start(context, settings))
                .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID))
                .hasMessageContaining("got 'proxy.internal'");
    }

    @Test
    void the_cache_size_is_read_and_checked() {
        env.put("RUNGU_CACHE_MEGABYTES", "64");
        assertThat(context().cacheMegabytes()).isEqualTo(64);
        env.put("RUNGU_CACHE_MEGABYTES", "lots");
        assertThatThrownBy(() -> context().cacheMegabytes()).isInstanceOf(CliException.class)
                .hasMessage("RUNGU_CACHE_MEGABYTES must be a number from 0 to 4096, got 'lots'");
    }
}
