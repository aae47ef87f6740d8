package io.rungu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CommandTreeTest {
    @TempDir
    Path home;

    @Test
    void the_full_command_tree_builds_so_no_command_has_two_options_of_the_same_name() {
        CommandLine root = new Cli(Environment.of(Map.of(), home), InputStream.nullInputStream(),
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream())).commandLine();

        List<String> commands = new ArrayList<>();
        collect(root, commands);

        assertThat(commands).contains("rungu", "rungu serve", "rungu project add", "rungu project list", "rungu project delete",
                "rungu user list", "rungu user role", "rungu user rename", "rungu login-link", "rungu token create", "rungu seed", "rungu demo",
                "rungu mcp", "rungu healthcheck", "rungu migrate", "rungu backup", "rungu migrate-schema",
                "rungu post list", "rungu post show", "rungu post create", "rungu post edit", "rungu post status",
                "rungu post delete", "rungu post vote", "rungu comment list", "rungu comment add", "rungu token list",
                "rungu token revoke", "rungu user show", "rungu user delete", "rungu completion",
                "rungu project edit", "rungu project members", "rungu post hide", "rungu post restore",
                "rungu post approve", "rungu post reject", "rungu post pending",
                "rungu status list", "rungu status add", "rungu status edit", "rungu status delete",
                "rungu category list", "rungu category add", "rungu category edit", "rungu category delete",
                "rungu tag list", "rungu tag add", "rungu tag edit", "rungu tag delete", "rungu tag set", "rungu audit");
    }

    @Test
    void every_command_accepts_the_global_options() {
        CommandLine root = new Cli(Environment.of(Map.of(), home), InputStream.nullInputStream(),
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream())).commandLine();
        List<CommandLine> all = new ArrayList<>();
        collectLines(root, all);

        for (CommandLine cmd : all) {
            assertThat(cmd.getCommandSpec().findOption("--db")).as(cmd.getCommandName()).isNotNull();
            assertThat(cmd.getCommandSpec().findOption("--help")).as(cmd.getCommandName()).isNotNull();
        }
    }

    @Test
    void a_server_or_tool_command_is_run_with_only_its_own_model_built_and_the_global_options() {
        Cli cli = new Cli(Environment.of(Map.of(), home), InputStream.nullInputStream(),
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream()));

        assertThat(Cli.commandName("--db", "serve.db", "--verbose", "serve", "--port", "0")).isEqualTo("serve");
        assertThat(Cli.commandName("-d", "mcp", "healthcheck")).isEqualTo("healthcheck");
        assertThat(Cli.commandName("--db=x.db", "--help")).isNull();
        CommandLine quick = cli.commandLine("serve");
        assertThat(quick.getSubcommands()).containsOnlyKeys("serve");
        assertThat(quick.getSubcommands().get("serve").getCommandSpec().findOption("--db")).isNotNull();
        assertThat(quick.getSubcommands().get("serve").getCommandSpec().findOption("--port")).isNotNull();

        CliRun.Result help = CliRun.in(home).run("--db", home.resolve("x.db").toString(), "serve", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("--port", "--db");
        CliRun.Result all = CliRun.in(home).run("--help");
        assertThat(all.out()).contains("serve", "project", "completion");
    }

    @Test
    void version_prints_the_build_version() {
        CliRun.Result result = CliRun.in(home).run("--version");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).startsWith("rungu 0.").doesNotContain("${");
    }

    @Test
    void help_lists_the_commands_and_exits_zero() {
        CliRun.Result result = CliRun.in(home).run("--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("project", "healthcheck", "--db");
    }

    @Test
    void every_summary_in_the_help_is_a_whole_sentence() {
        CliRun.Result help = CliRun.in(home).run("--help");
        String shown = help.out().replaceAll("\\s+", " ");
        List<CommandLine> all = new ArrayList<>();
        collectLines(root(), all);

        for (CommandLine cmd : all.subList(1, all.size())) {
            String[] description = cmd.getCommandSpec().usageMessage().description();
            String name = cmd.getCommandSpec().qualifiedName();
            assertThat(description).as(name).isNotEmpty();
            String summary = description[0];
            assertThat(summary).as("summary line of " + name).matches("[A-Z].*[.!?]");
            if (cmd.getParent() == all.get(0)) {
                assertThat(shown).as("rungu --help shows the whole summary of " + name)
                        .contains(" " + cmd.getCommandName() + " " + summary.replaceAll("\\s+", " "));
            }
        }
    }

    @Test
    void docs_cli_md_shows_every_command() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "cli.md"));
        List<CommandLine> all = new ArrayList<>();
        collectLines(root(), all);

        for (CommandLine cmd : all) {
            String name = cmd.getCommandSpec().qualifiedName();
            if (cmd.getSubcommands().isEmpty()) {
                assertThat(doc).as("docs/cli.md shows a usage line for " + name)
                        .containsPattern(java.util.regex.Pattern.quote(name) + "[ \n`]");
            }
        }
    }

    @Test
    void no_command_prints_the_usage_on_stderr_and_exits_2() {
        CliRun.Result result = CliRun.in(home).run();

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).contains("Usage: rungu");
    }

    @Test
    void an_unknown_option_is_a_one_line_usage_error_with_exit_2() {
        CliRun.Result result = CliRun.in(home).run("project", "list", "--colour");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.err()).startsWith("rungu: Unknown option: '--colour'")
                .contains("Try 'rungu project list --help'")
                .doesNotContain("Exception", "\tat ");
    }

    @Test
    void a_bad_role_gets_the_models_message_and_the_invalid_exit_code() {
        CliRun.Result result = CliRun.in(home).run("user", "role", "a@example.com", "owner");

        assertThat(result.exitCode()).isEqualTo(4);
        assertThat(result.err()).isEqualTo("rungu: Invalid role 'owner'; expected one of: member, admin\n");
    }

    private CommandLine root() {
        return new Cli(Environment.of(Map.of(), home), InputStream.nullInputStream(),
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream())).commandLine();
    }

    private static void collect(CommandLine cmd, List<String> names) {
        names.add(cmd.getCommandSpec().qualifiedName());
        cmd.getSubcommands().values().forEach(sub -> collect(sub, names));
    }

    private static void collectLines(CommandLine cmd, List<CommandLine> all) {
        all.add(cmd);
        cmd.getSubcommands().values().forEach(sub -> collectLines(sub, all));
    }
}
