package io.rungu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.rungu.notify.NotifyConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every email delay of the packaged server follows its setting, short ones included. */
class MailSettingsTest {
    @TempDir
    Path home;

    @Test
    void the_delays_reach_the_notifier_and_due_emails_are_looked_for_as_often_as_the_shortest_asks() {
        NotifyConfig config = configure(Map.of("RUNGU_NOTIFY_DELAY", "3s", "RUNGU_MAIL_RETRY_DELAY", "200ms"));
        assertThat(config.window).isEqualTo(Duration.ofSeconds(3));
        assertThat(config.retryDelay).isEqualTo(Duration.ofMillis(200));
        assertThat(config.pollInterval).isEqualTo(Duration.ofMillis(200));

        NotifyConfig defaults = configure(Map.of());
        assertThat(defaults.window).isEqualTo(Duration.ofMinutes(2));
        assertThat(defaults.retryDelay).isEqualTo(Duration.ofSeconds(5));
        assertThat(defaults.pollInterval).isEqualTo(Duration.ofSeconds(1));

        assertThat(configure(Map.of("RUNGU_NOTIFY_DELAY", "1ms")).pollInterval).as("bounded below")
                .isEqualTo(Duration.ofMillis(50));
    }

    private NotifyConfig configure(Map<String, String> more) {
        Map<String, String> env = new java.util.HashMap<>(more);
        env.put("RUNGU_SMTP_URL", "smtp://127.0.0.1:2525");
        env.put("RUNGU_MAIL_FROM", "feedback@example.test");
        NotifyConfig config = new NotifyConfig();
        MailSettings.resolve(Environment.of(env, home)).orElseThrow().configure(config, "https://example.test");
        return config;
    }
}
