package io.rungu.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompletionCommandTest {
    private static final Path BASH = Path.of("/bin/bash");

    @TempDir
    Path home;

    private String script(String shell) {
        CliRun.Result r = CliRun.in(home).run("completion", shell);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        return r.out();
    }

    @Test
    void the_bash_script_covers_the_whole_command_tree() {
        String script = script("bash");

        assertThat(script).contains("complete -F _complete_rungu", "post", "comment", "token", "revoke", "--per-page");
        assertThat(script("zsh")).as("picocli's script loads bashcompinit under zsh").contains("ZSH_VERSION", "bashcompinit");
    }

    @Test
    void bash_accepts_the_script_and_completes_subcommands() throws Exception {
        assumeTrue(Files.isExecutable(BASH), "bash is installed");
        Path file = home.resolve("rungu-completion.bash");
        Files.writeString(file, script("bash"));

        assertThat(bash("bash -n " + file)).isEmpty();
        String completed = bash("source " + file + "\n"
                + "COMP_WORDS=(rungu po); COMP_CWORD=1; COMP_LINE='rungu po'; COMP_POINT=${#COMP_LINE}\n"
                + "_complete_rungu 2>/dev/null; printf '%s\\n' \"${COMPREPLY[@]}\"\n"
                + "COMP_WORDS=(rungu post l); COMP_CWORD=2; COMP_LINE='rungu post l'; COMP_POINT=${#COMP_LINE}\n"
                + "_complete_rungu 2>/dev/null; printf '%s\\n' \"${COMPREPLY[@]}\"\n");
        assertThat(completed.lines().map(String::strip).toList()).containsExactly("post", "list", "lock");
    }

    @Test
    void an_unknown_shell_is_a_usage_error() {
        CliRun.Result r = CliRun.in(home).run("completion", "fish");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("Invalid value for positional parameter at index 0 (SHELL)");
    }

    private static String bash(String script) throws Exception {
        Process p = new ProcessBuilder(List.of(BASH.toString(), "-c", script)).redirectErrorStream(true).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(output).isZero();
        return output;
    }
}
