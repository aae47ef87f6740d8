package io.rungu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TextAccessLogTest {
    @Test
    void lines_have_the_format_of_the_other_log_lines_and_are_written_by_close() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AtomicLong now = new AtomicLong(Instant.parse("2026-12-06T22:33:18.005Z").toEpochMilli());
        TextAccessLog log = new TextAccessLog(out, now::get);

        log.log("GET", "/health", 200, 17.24);
        now.set(Instant.parse("2026-12-06T22:33:19.735Z").toEpochMilli());
        log.log("POST", "/api/posts/p1/vote", 201, 0.06);
        log.close();

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(
                "2026-12-06T22:33:18.005Z INFO access - GET /health 200 17.2ms" + System.lineSeparator()
                + "2026-12-06T22:33:19.735Z INFO access - POST /api/posts/p1/vote 201 0.1ms" + System.lineSeparator());
    }

    @Test
    void buffered_lines_reach_the_output_without_a_close() throws InterruptedException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TextAccessLog log = new TextAccessLog(out, System::currentTimeMillis);
        try {
            log.log("GET", "/", 304, 1);
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (out.size() == 0 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(out.toString(StandardCharsets.UTF_8))
                    .endsWith(" INFO access - GET / 304 1.0ms" + System.lineSeparator());
        } finally {
            log.close();
        }
    }
}
