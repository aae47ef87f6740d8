package io.rungu.cli;

/** The {@code rungu} command: {@code java -jar rungu.jar <command>}. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        Environment env = Environment.system();
        // Must be set before the first logger exists; slf4j-simple reads it once.
        env.get("RUNGU_LOG_LEVEL").ifPresent(level -> System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", level));
        int exitCode = new Cli(env, System.in, System.out, System.err).run(args);
        // serve and mcp return only when they are done, so exiting here never cuts a running server short.
        System.exit(exitCode);
    }
}
