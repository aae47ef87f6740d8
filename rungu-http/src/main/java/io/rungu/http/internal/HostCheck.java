package io.rungu.http.internal;

import io.javalin.http.Context;
import io.rungu.model.RunguException;
import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Refuses requests addressed to a host other than the configured public URL's. Loopback names always pass: a
 * browser on another site cannot make them point at this server (which is what DNS rebinding does with a name).
 */
public final class HostCheck {
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]");

    private final Set<String> allowed;

    /** Null when no public URL is configured: then every Host passes. */
    public static HostCheck of(String baseUrl, List<String> extraHosts) {
        if (baseUrl == null) {
            return null;
        }
        Set<String> allowed = new HashSet<>();
        allowed.add(authority(baseUrl));
        for (String h : extraHosts) {
            allowed.add(h.strip().toLowerCase(Locale.ROOT));
        }
        return new HostCheck(allowed);
    }

    private HostCheck(Set<String> allowed) {
        this.allowed = allowed;
    }

    /** {@code host:port} of an http(s) URL, lower-cased, the default port written out; null when it is not one. */
    public static String authority(String url) {
        try {
            URI uri = URI.create(url.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                return null;
            }
            int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
            return uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** @throws RunguException INVALID (400) when the request's Host is not this server's */
    public void check(Context ctx) {
        String host = ctx.header("Host");
        String h = host == null ? "" : host.strip().toLowerCase(Locale.ROOT);
        int colon = h.lastIndexOf(':');
        boolean hasPort = colon >= 0 && !h.endsWith("]");
        String name = hasPort ? h.substring(0, colon) : h;
        // A Host without a port means the scheme's default; behind a TLS proxy the scheme seen here is not the
        // browser's, so either default port is taken.
        if (LOOPBACK.contains(name) || allowed.contains(h)
                || !hasPort && (allowed.contains(h + ":80") || allowed.contains(h + ":443"))) {
            return;
        }
        String shown = host == null ? "" : host.length() > 100 ? host.substring(0, 100) : host;
        throw RunguException.invalid("host", "This server does not answer for the host '"
                + shown.replaceAll("\\p{Cntrl}", "?") + "'; use its public URL");
    }
}
