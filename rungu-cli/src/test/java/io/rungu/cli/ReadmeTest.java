package io.rungu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** README.md shows compiled code only, and its commands are the ones the build and CI really use. */
class ReadmeTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void every_line_of_the_java_snippet_is_in_the_example_it_names() throws Exception {
        String readme = Files.readString(ROOT.resolve("README.md"));
        String example = normalize(Files.readString(
                ROOT.resolve("examples/src/main/java/io/rungu/examples/EmbeddedStoreExample.java")));
        List<String> snippets = javaBlocks(readme);

        assertThat(snippets).isNotEmpty();
        for (String snippet : snippets) {
            for (String line : snippet.split("\n")) {
                if (!line.isBlank() && !line.trim().equals("}")) {
                    assertThat(example).as("README line in the example").contains(normalize(line));
                }
            }
        }
    }

    @Test
    void ci_runs_exactly_the_test_command_of_the_readme() throws Exception {
        String readme = Files.readString(ROOT.resolve("README.md"));
        String ci = Files.readString(ROOT.resolve(".ci/run"));

        assertThat(readme).contains("./mvnw verify");
        assertThat(ci).containsPattern("(?m)^\\./mvnw -B verify$");
        assertThat(Files.isExecutable(ROOT.resolve(".ci/run"))).isTrue();
        assertThat(Files.isExecutable(ROOT.resolve("mvnw"))).isTrue();
    }

    private static List<String> javaBlocks(String markdown) {
        Matcher m = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(markdown);
        List<String> blocks = new ArrayList<>();
        while (m.find()) {
            blocks.add(m.group(1));
        }
        return blocks;
    }

    private static String normalize(String text) {
        return text.replaceAll("\\s+", " ").trim();
    }
}
