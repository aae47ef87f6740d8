package io.rungu.cli;

import io.rungu.model.RunguException;
import io.rungu.model.TokenScope;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/** Option value types, reported as usage errors (exit 2) when malformed. */
final class Converters {
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d{1,9})(ms|[smhd])");

    private Converters() {}

    static final class ScopeConverter implements CommandLine.ITypeConverter<TokenScope> {
        @Override
        public TokenScope convert(String value) {
            try {
                return TokenScope.parse(value.toLowerCase(Locale.ROOT));
            } catch (RunguException e) {
                throw new CommandLine.TypeConversionException("expected read or write, got '" + value + "'");
            }
        }
    }

    /** {@code 30s}, {@code 15m}, {@code 2h}, {@code 7d}, or ISO-8601 such as {@code PT15M}. */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            Matcher m = SHORT_DURATION.matcher(value.trim().toLowerCase(Locale.ROOT));
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                return switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
            }
            try {
                return Duration.parse(value.trim().toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw new CommandLine.TypeConversionException("expected a duration such as 30s, 15m, 2h or 7d, got '" + value + "'");
            }
        }
    }
}
