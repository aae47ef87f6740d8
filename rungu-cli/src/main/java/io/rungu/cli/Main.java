package io.rungu.cli;

/** The {@code rungu} command: {@code java -jar rungu.jar <command>}. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        Environment env = Environment.system();
        // Must be set before the first logger exists; slf4j-simple reads it once.
        env.get("RUNGU_LOG_LEVEL").ifPresent(level -> System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", level));
        quickerJettyStart();
        initialiseBeside();
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

    /**
     * Sets up on a daemon thread, while the main thread parses the command and opens the store, what a server start
     * otherwise waits for on the main thread only to initialise it (profiled with async-profiler, wall clock, on two
     * cores; start-up leaves the second core mostly idle), in the order it first needs them: slf4j's first logger
     * (about 25 ms), the store's libraries ({@link io.rungu.store.RunguStore#initialiseLibraries}, about 50 ms), and
     * Jetty's MIME types (about 25 ms, listing the JVM's locales; an internal name: if Jetty renames it, it is
     * initialised when Javalin starts instead). The main thread waits only for what is left when it gets there.
     */
    static void initialiseBeside() {
        Thread thread = new Thread(() -> {
            org.slf4j.LoggerFactory.getILoggerFactory();
            io.rungu.store.RunguStore.initialiseLibraries();
            try {
                Class.forName("org.eclipse.jetty.http.MimeTypes", true, Main.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                // another Jetty version: Javalin's start initialises what it needs
            }
        }, "rungu-early-init");
        thread.setDaemon(true);
        thread.start();
    }
}
