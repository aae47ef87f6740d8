package io.rungu.cli;

/** The {@code rungu} command: {@code java -jar rungu.jar <command>}. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        Environment env = Environment.system();
        // Must be set before the first logger exists; slf4j-simple reads it once.
        env.get("RUNGU_LOG_LEVEL").ifPresent(level -> System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", level));
        quickerJettyStart();
        int exitCode = new Cli(env, System.in, System.out, System.err).run(args);
        // serve and mcp return only when they are done, so exiting here never cuts a running server short.
        System.exit(exitCode);
    }

    /**
     * Jetty sizes its padding by the width of an object reference, and without this property asks the JVM through
     * JMX, which starts the platform MBean server: about a tenth of the server's start-up. References are 4 bytes
     * (compressed) below a 32 GB heap; the value only tunes padding against false sharing.
     */
    static void quickerJettyStart() {
        boolean compressed = Runtime.getRuntime().maxMemory() < 32L * 1024 * 1024 * 1024;
        Environment.defaultSystemProperty("org.eclipse.jetty.util.referencesPerCacheLine", compressed ? "16" : "8");
    }
}
