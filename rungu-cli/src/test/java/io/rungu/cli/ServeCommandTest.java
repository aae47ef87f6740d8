package io.rungu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServeCommandTest {
    @TempDir
    Path home;

    @Test
    void a_port_in_use_is_reported_before_any_database_is_created() throws Exception {
        Path db = home.resolve("data/rungu.db");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
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
}
