package io.rungu.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rungu.model.Actor;
import io.rungu.model.NewProject;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /api/webhooks} on the real server (private addresses refused, the default): register, list, change, rotate,
 * test, read the log and delete; the secret shown once; admins only; bad input answered 400 with the field.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebhooksApiTest {
    TestServer s;
    Actor.Account admin;
    Actor.Account member;

    @BeforeAll
    void start(@TempDir Path dir) {
        s = TestServer.start(dir, store -> store.resolver = host -> host.equals("hooks.example.com")
                ? java.util.List.of(java.net.InetAddress.getByName("93.184.216.34"))
                : java.util.List.of(java.net.InetAddress.getByName(host)), http -> { }, host -> { });
        admin = s.admin();
        member = s.member("Max");
        s.board().createProject(admin, new NewProject("App", "app", ""));
    }

    @AfterAll
    void stop() {
        s.close();
    }

    @Test
    void an_admin_registers_an_endpoint_and_sees_the_secret_only_in_that_answer() {
        var created = s.json("POST", "/api/webhooks", admin,
                "{\"url\": \"https://hooks.example.com/rungu\", \"events\": [\"post.created\", \"vote.changed\"], "
                        + "\"project\": \"app\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode hook = created.data();
        String id = hook.get("id").asText();
        assertThat(hook.get("secret").asText()).startsWith("whsec_");
        assertThat(hook.get("events")).hasSize(2);
        assertThat(hook.get("project").asText()).isEqualTo("app");
        assertThat(hook.get("enabled").asBoolean()).isTrue();

        var list = s.get("/api/webhooks", admin);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.data()).hasSize(1);
        assertThat(list.data().get(0).has("secret")).as("never shown again").isFalse();
        assertThat(s.get("/api/webhooks/" + id, admin).data().has("secret")).isFalse();

        var edited = s.json("PATCH", "/api/webhooks/" + id, admin, "{\"events\": [\"comment.created\"], \"project\": \"\", "
                + "\"enabled\": false}");
        assertThat(edited.status()).as(edited.toString()).isEqualTo(200);
        assertThat(edited.data().get("events").get(0).asText()).isEqualTo("comment.created");
        assertThat(edited.data().get("project").isNull()).isTrue();
        assertThat(edited.data().get("enabled").asBoolean()).isFalse();

        var rotated = s.req("POST", "/api/webhooks/" + id + "/rotate").as(admin).send();
        assertThat(rotated.status()).isEqualTo(200);
        assertThat(rotated.data().get("secret").asText()).startsWith("whsec_")
                .isNotEqualTo(hook.get("secret").asText());

        var test = s.req("POST", "/api/webhooks/" + id + "/test").as(admin).send();
        assertThat(test.status()).as(test.toString()).isEqualTo(201);
        assertThat(test.data().get("message_id").asText()).startsWith("msg_");
        var log = s.get("/api/webhooks/" + id + "/deliveries", admin);
        assertThat(log.status()).isEqualTo(200);
        assertThat(log.data()).as("no sender runs in this server").isEmpty();
        assertThat(s.req("POST", "/api/webhooks/" + id + "/deliveries/12345/redeliver").as(admin).send().status())
                .isEqualTo(404);

        assertThat(s.req("DELETE", "/api/webhooks/" + id).as(admin).send().status()).isEqualTo(204);
        assertThat(s.get("/api/webhooks/" + id, admin).status()).isEqualTo(404);
    }

    @Test
    void members_and_visitors_are_refused() {
        assertThat(s.get("/api/webhooks", member).status()).isEqualTo(403);
        assertThat(s.get("/api/webhooks").status()).isEqualTo(401);
        assertThat(s.json("POST", "/api/webhooks", member,
                "{\"url\": \"https://hooks.example.com/x\", \"events\": [\"post.created\"]}").status()).isEqualTo(403);
    }

    @Test
    void loopback_unknown_events_and_unknown_fields_are_bad_requests_naming_the_field() {
        var loopback = s.json("POST", "/api/webhooks", admin,
                "{\"url\": \"http://127.0.0.1:8080/hook\", \"events\": [\"post.created\"]}");
        assertThat(loopback.status()).isEqualTo(400);
        assertThat(loopback.json().get("fields").has("url")).isTrue();
        assertThat(loopback.json().get("error").asText()).contains("private address");

        var unknown = s.json("POST", "/api/webhooks", admin,
                "{\"url\": \"https://hooks.example.com/x\", \"events\": [\"post.exploded\"]}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("fields").has("events")).isTrue();

        assertThat(s.json("POST", "/api/webhooks", admin,
                "{\"url\": \"https://hooks.example.com/x\", \"events\": [\"post.created\"], \"secret\": \"mine\"}")
                .status()).isEqualTo(400);
        assertThat(s.json("POST", "/api/webhooks", admin, "{\"url\": \"https://hooks.example.com/x\"}").status())
                .isEqualTo(400);
    }
}
