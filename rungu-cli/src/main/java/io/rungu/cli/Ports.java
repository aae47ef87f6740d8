package io.rungu.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** The listen address, checked before anything else starts so a port in use leaves no database behind. */
final class Ports {
    private Ports() {}

    /** Binds and releases {@code host:port} (as Jetty will, with SO_REUSEADDR); fails with one line when taken. */
    static void checkFree(String host, int port) {
        if (port == 0) {
            return;
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(host, port));
        } catch (IOException | IllegalArgumentException | SecurityException e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new CliException(ExitCode.FAILURE, "cannot listen on " + host + ":" + port + ": " + reason
                    + " (choose another with --port or RUNGU_PORT, or stop what uses it)");
        }
    }
}
