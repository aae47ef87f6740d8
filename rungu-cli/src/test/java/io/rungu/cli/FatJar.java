package io.rungu.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Starts the packaged {@code target/rungu.jar} as a separate process (integration tests only). */
final class FatJar {
    private static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");

    private FatJar() {}

    static Path jar() {
        Path jar = Path.of(System.getProperty("rungu.jar", "target/rungu.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run the integration tests through `mvn verify`");
        }
        return jar;
    }

    static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    /** A process builder for {@code java -jar rungu.jar args...} with the given extra environment. */
    static ProcessBuilder command(Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(List.of(java(), "-jar", jar().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(k -> k.startsWith("RUNGU_") || k.equals("DATABASE_URL"));
        builder.environment().putAll(env);
        return builder;
    }

    /** Runs to completion (60 s at most) and returns exit code and output (through files: pipes can fail at exit). */
    static CliRun.Result run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        return runWithInput(Path.of("/dev/null"), env, args);
    }

    /** Like {@link #run} with stdin read from a file. */
    static CliRun.Result runWithInput(Path stdin, Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile("rungu-out", ".txt");
        Path err = Files.createTempFile("rungu-err", ".txt");
        try {
            Process process = command(env, args).redirectInput(ProcessBuilder.Redirect.from(stdin.toFile()))
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("rungu " + String.join(" ", args) + " did not finish");
            }
            return new CliRun.Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** Waits (60 s at most) until a {@code serve --host 127.0.0.1} process, whose stdout goes to a file, reports its port. */
    static int awaitPort(Process process, Path stdout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            Matcher m = LISTENING.matcher(Files.readString(stdout));
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
            if (!process.isAlive()) {
                throw new AssertionError("serve exited with " + process.exitValue() + ":\n" + Files.readString(stdout));
            }
            Thread.sleep(100);
        }
        throw new AssertionError("serve did not report its port:\n" + Files.readString(stdout));
    }
}
