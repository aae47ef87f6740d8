package io.rungu.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import io.rungu.store.RunguStore;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginExampleTest {
    @TempDir
    Path dir;

    @Test
    void the_board_lives_under_feedback_and_knows_the_hosts_user() throws Exception {
        try (RunguStore store = RunguStore.open(db -> db.url = "jdbc:sqlite:" + dir.resolve("host.db"))) {
            Javalin app = PluginExample.hostApp(store).start("127.0.0.1", 0);
            try {
                String base = "http://127.0.0.1:" + app.port();
                HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

                assertThat(send(http, base + "/").body()).contains("/feedback/");
                assertThat(send(http, base + "/feedback/api/projects").statusCode()).isEqualTo(200);
                assertThat(send(http, base + "/api/projects").statusCode()).as("nothing outside /feedback").isEqualTo(404);

                assertThat(send(http, base + "/feedback/api/users").statusCode()).as("anonymous").isEqualTo(401);
                HttpResponse<String> signIn = send(http, base + "/feedback/auth/host/login?redirect=%2Fboard%2Fapp");
                assertThat(signIn.statusCode()).isEqualTo(302);
                String login = signIn.headers().firstValue("Location").orElseThrow();
                assertThat(login).isEqualTo("/login?return_to=%2Ffeedback%2Fboard%2Fapp");
                HttpResponse<String> back = send(http, base + login + "&user=ada");
                assertThat(back.headers().firstValue("Location")).hasValue("/feedback/board/app");
                HttpResponse<String> users = send(http, base + "/feedback/api/users");
                assertThat(users.statusCode()).as("ada is the host's admin").isEqualTo(200);
                assertThat(users.body()).contains("ada@host.example");
            } finally {
                app.stop();
            }
        }
    }

    private static HttpResponse<String> send(HttpClient http, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
