package io.rungu.cli;

/** The {@code rungu} command: {@code java -jar rungu.jar <command>}. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        int exitCode = new Cli(Environment.system(), System.in, System.out, System.err).run(args);
        // serve and mcp return only when they are done, so exiting here never cuts a running server short.
        System.exit(exitCode);
    }
}
