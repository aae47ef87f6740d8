package io.rungu.cli;

import io.rungu.wire.RunguVersion;
import picocli.CommandLine;

/** The Rungu version for {@code --version}: the one every artifact reports ({@link RunguVersion}). */
final class Version implements CommandLine.IVersionProvider {
    static String current() {
        return RunguVersion.current();
    }

    @Override
    public String[] getVersion() {
        return new String[] {"rungu " + current(), "Java " + Runtime.version()};
    }
}
