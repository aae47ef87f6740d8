package io.rungu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServeCommandTest {
    @TempDir
    Path home;

    @Test
    void a_port_in_use_is_reported_before_any_database_is_created() throws Exception {
        Path db = home.resolve("data/rungu.db");
        try (ServerSocket taken = takenPort()) {
            int port = taken.getLocalPort();

            CliRun.Result result = CliRun.in(home).run("serve", "--host", "127.0.0.1", "--port", String.valueOf(port),
                    "--db", db.toString());

            assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.FAILURE);
            assertThat(result.err()).startsWith("rungu: cannot listen on 127.0.0.1:" + port + ": ")
                    .contains("--port").doesNotContain("\tat ");
            assertThat(result.err().lines()).hasSize(1);
            assertThat(home.resolve("data")).as("nothing created").doesNotExist();
        }
    }

    @Test
    void the_original_listen_variable_sets_host_and_port() throws Exception {
        int port;
        try (ServerSocket free = takenPort()) {
            port = free.getLocalPort();
        }
        Context context = new Context(Environment.of(Map.of("RUNGU_DATA_DIR", home.toString(),
                "RUNGU_LISTEN", "127.0.0.1:" + port), home), InputStream.nullInputStream(),
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream()));
        ServerSettings settings = ServerSettings.resolve(context.env, null, null, null, null);

        assertThat(settings.host()).isEqualTo("127.0.0.1");
        assertThat(settings.port()).isEqualTo(port);
        assertThat(settings.baseUrl()).isEqualTo("http://localhost:" + port);
        try (RunguServer server = RunguServer.start(context, settings)) {
            HttpResponse<String> projects = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/api/projects")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(projects.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void the_new_variables_win_over_the_original_listen_variable() {
        Environment env = Environment.of(Map.of("RUNGU_LISTEN", "127.0.0.1:8080", "RUNGU_PORT", "9090"), home);

        ServerSettings settings = ServerSettings.resolve(env, null, null, null, null);

        assertThat(settings.host()).isEqualTo("127.0.0.1");
        assertThat(settings.port()).isEqualTo(9090);
    }

    @Test
    void an_ipv6_listen_address_is_written_in_brackets() {
        assertThat(ServerSettings.Listen.parse("RUNGU_LISTEN", "[::]:3000")).isEqualTo(new ServerSettings.Listen("::", 3000));
        assertThat(ServerSettings.Listen.parse("RUNGU_LISTEN", " 0.0.0.0:3000 "))
                .isEqualTo(new ServerSettings.Listen("0.0.0.0", 3000));
    }

    @Test
    void the_listen_variable_and_flag_are_honoured_by_serve() throws Exception {
        try (ServerSocket taken = takenPort()) {
            int port = taken.getLocalPort();

            CliRun.Result variable = CliRun.in(home).env("RUNGU_LISTEN", "127.0.0.1:" + port).run("serve");
            CliRun.Result flag = CliRun.in(home).run("serve", "--listen", "127.0.0.1:" + port);

            assertThat(variable.err()).as("the server tried the address it was given")
                    .startsWith("rungu: cannot listen on 127.0.0.1:" + port + ": ");
            assertThat(flag.err()).startsWith("rungu: cannot listen on 127.0.0.1:" + port + ": ");
        }
    }

    @Test
    void a_malformed_listen_address_is_refused_with_the_expected_form() {
        CliRun.Result variable = CliRun.in(home).env("RUNGU_LISTEN", "3000").run("serve");
        CliRun.Result flag = CliRun.in(home).run("serve", "--listen", "localhost");
        CliRun.Result both = CliRun.in(home).run("serve", "--listen", "127.0.0.1:3000", "--port", "4000");

        assertThat(variable.exitCode()).isEqualTo(ExitCode.INVALID);
        assertThat(variable.err()).isEqualTo("rungu: RUNGU_LISTEN must be HOST:PORT such as 0.0.0.0:3000, "
                + "127.0.0.1:8080 or [::]:3000, got '3000'" + System.lineSeparator());
        assertThat(flag.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(flag.err()).startsWith("rungu: --listen must be HOST:PORT");
        assertThat(both.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(both.err()).contains("not both");
        assertThat(home.resolve(".rungu")).as("nothing created").doesNotExist();
    }

    private static ServerSocket takenPort() throws Exception {
        return new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
    }
}
