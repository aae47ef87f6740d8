package io.rungu.cli;

import io.rungu.model.RunguException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine;

/**
 * Runs one command line: parses it, runs the command, and turns every failure into one line on stderr and an
 * exit code ({@link ExitCode}). Stack traces only with {@code --verbose}.
 */
public final class Cli {
    private final Context context;

    public Cli(Environment env, InputStream in, PrintStream out, PrintStream err) {
        this.context = new Context(env, in, out, err);
    }

    /**
     * Commands whose start-up time counts (the server, the stdio MCP tool, a container's health check) and that need
     * no other command: run with only their own model built. Picocli reads every command's annotations by
     * reflection when it builds the tree, which took most of a second of the server's start-up.
     */
    private static final Set<String> QUICK = Set.of("serve", "mcp", "healthcheck");

    /** Runs the command and returns its exit code. */
    public int run(String... args) {
        String command = commandName(args);
        return commandLine(command != null && QUICK.contains(command) ? command : null).execute(args);
    }

    /** The full command tree; building it fails when two options of one command share a name. */
    CommandLine commandLine() {
        return commandLine(null);
    }

    /** The tree with only the subcommand {@code only} (null: every subcommand). */
    CommandLine commandLine(String only) {
        CommandLine cmd = new CommandLine(new RunguCommand(context), new ContextFactory(context));
        for (Class<?> subcommand : RunguCommand.SUBCOMMANDS) {
            if (only == null) {
                cmd.addSubcommand(subcommand);
            } else if (only.equals(subcommand.getAnnotation(CommandLine.Command.class).name())) {
                // Stop here: reading the others' annotations loads them and their subcommands (serve is first).
                cmd.addSubcommand(subcommand);
                break;
            }
        }
        cmd.setOut(new PrintWriter(context.out, true, StandardCharsets.UTF_8));
        cmd.setErr(new PrintWriter(context.err, true, StandardCharsets.UTF_8));
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        cmd.setParameterExceptionHandler(this::usageError);
        cmd.setExecutionExceptionHandler((e, commandLine, parseResult) -> failure(e));
        return cmd;
    }

    /** The first word of the command line that is neither an option nor the value of {@code -d/--db}. */
    static String commandName(String... args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("-d") || arg.equals("--db")) {
                i++;
            } else if (!arg.startsWith("-")) {
                return arg;
            }
        }
        return null;
    }

    private int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine failed = e.getCommandLine();
        context.err.println("rungu: " + e.getMessage());
        context.err.println("Try '" + failed.getCommandSpec().qualifiedName() + " --help' for more information.");
        return ExitCode.USAGE;
    }

    private int failure(Exception e) {
        int code;
        String message;
        if (e instanceof CliException cli) {
            code = cli.exitCode();
            message = cli.getMessage();
        } else if (e instanceof RunguException rungu) {
            code = ExitCode.of(rungu.code());
            message = withFields(rungu);
        } else {
            code = ExitCode.FAILURE;
            message = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
        }
        context.err.println("rungu: " + oneLine(message));
        if (context.verbose) {
            e.printStackTrace(context.err);
        }
        return code;
    }

    /** "Invalid X configuration:\n  - a\n  - b" becomes "Invalid X configuration: a; b". */
    static String oneLine(String message) {
        List<String> lines = message.lines().map(String::strip).filter(l -> !l.isEmpty())
                .map(l -> l.startsWith("- ") ? l.substring(2) : l).toList();
        if (lines.size() <= 1) {
            return lines.isEmpty() ? message : lines.get(0);
        }
        String head = lines.get(0);
        return head + (head.endsWith(":") ? " " : "; ") + String.join("; ", lines.subList(1, lines.size()));
    }

    private static String withFields(RunguException e) {
        Map<String, String> other = e.fields().entrySet().stream()
                .filter(f -> !f.getValue().equals(e.getMessage()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, java.util.TreeMap::new));
        if (other.isEmpty()) {
            return e.getMessage();
        }
        return e.getMessage() + " (" + other.entrySet().stream().map(f -> f.getKey() + ": " + f.getValue())
                .collect(Collectors.joining("; ")) + ")";
    }

    /** Creates commands that take the {@link Context} in their constructor; picocli's default for the rest. */
    private record ContextFactory(Context context) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            for (Constructor<?> constructor : type.getDeclaredConstructors()) {
                Class<?>[] parameters = constructor.getParameterTypes();
                if (parameters.length == 1 && parameters[0] == Context.class) {
                    constructor.setAccessible(true);
                    return type.cast(constructor.newInstance(context));
                }
            }
            return CommandLine.defaultFactory().create(type);
        }
    }
}
