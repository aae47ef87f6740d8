package io.rungu.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The web app's message catalogues (webapp/src/lib/messages/&lt;lang&gt;/*.ts), read from their source: each file is
 * one object literal of {@code key: 'text'} or {@code key: { one: '…', other: '…' }} entries, which this reads with a
 * small parser (comments, the three quote kinds, escapes) rather than running TypeScript.
 */
final class Catalogues {
    /** Placeholders such as {@code {count}}. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)}");
    /** Placeholders that always hold a number (formatted for the language: "1.234"). */
    private static final Set<String> NUMBERS = Set.of("count", "n", "total", "shown", "max", "page", "length", "ms", "status");

    private Catalogues() {}

    /** The English texts a German page must not show: those whose German translation differs. */
    static English englishNotInGerman(Path messages) {
        Map<String, List<String>> en = read(messages.resolve("en"));
        Map<String, List<String>> de = read(messages.resolve("de"));
        Set<String> german = new HashSet<>();
        de.values().forEach(german::addAll);
        List<Pattern> patterns = new ArrayList<>();
        List<String> exact = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : en.entrySet()) {
            for (String text : e.getValue()) {
                String t = text.strip();
                // The same in both languages ("Feedback", "Roadmap", "Rungu"): not evidence of English.
                if (german.contains(t) || de.getOrDefault(e.getKey(), List.of()).contains(text)) {
                    continue;
                }
                if (!PLACEHOLDER.matcher(t).find()) {
                    exact.add(t);
                } else if (PLACEHOLDER.matcher(t).replaceAll("").codePoints().filter(Character::isLetter).count() >= 4) {
                    // "{file}: {error}" would match any text with a colon: only patterns with words of their own.
                    patterns.add(toPattern(t));
                }
            }
        }
        return new English(Set.copyOf(exact), List.copyOf(patterns));
    }

    /** A text with placeholders as a pattern for a whole visible string: each placeholder stands for some text. */
    private static Pattern toPattern(String text) {
        StringBuilder regex = new StringBuilder();
        Matcher m = PLACEHOLDER.matcher(text);
        int at = 0;
        while (m.find()) {
            regex.append(Pattern.quote(text.substring(at, m.start())))
                    .append(NUMBERS.contains(m.group(1)) ? "[\\d.,\u00a0\u202f]+" : ".+?");
            at = m.end();
        }
        regex.append(Pattern.quote(text.substring(at)));
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    /** English messages to look for in a page's text. */
    record English(Set<String> exact, List<Pattern> patterns) {
        boolean matches(String visible) {
            return exact.contains(visible) || patterns.stream().anyMatch(p -> p.matcher(visible).matches());
        }
    }

    /** Every message of a language's folder: key to its text, or its plural forms' texts. */
    static Map<String, List<String>> read(Path folder) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".ts") && !f.endsWith("index.ts")).sorted().toList()) {
                new Parser(Files.readString(file)).catalogue(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Reads the first object literal after {@code Catalogue = }. */
    private static final class Parser {
        private final String s;
        private int i;

        Parser(String source) {
            s = source;
            int start = source.indexOf("Catalogue = {");
            if (start < 0) {
                throw new IllegalArgumentException("no `Catalogue = {` in a catalogue file");
            }
            i = start + "Catalogue = ".length();
        }

        void catalogue(Map<String, List<String>> out) {
            expect('{');
            while (peek() != '}') {
                String key = key();
                expect(':');
                List<String> texts = new ArrayList<>();
                if (peek() == '{') {
                    expect('{');
                    while (peek() != '}') {
                        key();
                        expect(':');
                        texts.add(string());
                        comma();
                    }
                    expect('}');
                } else {
                    texts.add(string());
                }
                out.put(key, texts);
                comma();
            }
        }

        private String key() {
            char c = peek();
            if (c == '\'' || c == '"' || c == '`') {
                return string();
            }
            int start = i;
            while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_' || s.charAt(i) == '$')) {
                i++;
            }
            if (start == i) {
                throw new IllegalArgumentException("expected a key at " + context());
            }
            return s.substring(start, i);
        }

        private String string() {
            char quote = peek();
            if (quote != '\'' && quote != '"' && quote != '`') {
                throw new IllegalArgumentException("expected a string at " + context());
            }
            i++;
            StringBuilder b = new StringBuilder();
            while (s.charAt(i) != quote) {
                char c = s.charAt(i++);
                if (c == '\\') {
                    char e = s.charAt(i++);
                    switch (e) {
                        case 'n' -> b.append('\n');
                        case 't' -> b.append('\t');
                        case 'u' -> {
                            b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                            i += 4;
                        }
                        default -> b.append(e);
                    }
                } else {
                    b.append(c);
                }
            }
            i++;
            return b.toString();
        }

        private void comma() {
            if (peek() == ',') {
                i++;
            }
        }

        private void expect(char c) {
            if (peek() != c) {
                throw new IllegalArgumentException("expected '" + c + "' at " + context());
            }
            i++;
        }

        /** The next character that is not blank or in a comment (not consumed). */
        private char peek() {
            while (i < s.length()) {
                char c = s.charAt(i);
                if (Character.isWhitespace(c)) {
                    i++;
                } else if (s.startsWith("//", i)) {
                    int end = s.indexOf('\n', i);
                    i = end < 0 ? s.length() : end;
                } else if (s.startsWith("/*", i)) {
                    i = s.indexOf("*/", i) + 2;
                } else {
                    return c;
                }
            }
            throw new IllegalArgumentException("unexpected end of a catalogue file");
        }

        private String context() {
            return "\"" + s.substring(i, Math.min(s.length(), i + 40)) + "\"";
        }
    }
}
