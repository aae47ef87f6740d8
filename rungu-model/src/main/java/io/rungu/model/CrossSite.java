package io.rungu.model;

import java.net.URI;
import java.util.Collection;
import java.util.Locale;

/**
 * The one cross-site write rule, for writes authenticated by credentials a browser sends by itself (a session
 * cookie, a host application's login cookie). Pure: the caller passes the request's headers.
 *
 * <p>A write passes when its {@code Origin} is one the operator allows (CORS), or when the browser says it comes
 * from this site: {@code Sec-Fetch-Site: cross-site} is always refused; an {@code Origin} must be this site's (the
 * request's {@code Host}, or one of {@code ownOrigins}); without {@code Origin}, only {@code same-origin},
 * {@code none} or no {@code Sec-Fetch-Site} at all (a non-browser client) pass.
 */
public final class CrossSite {
    /** The message of the refusal. */
    public static final String MESSAGE = "Cross-site request refused: send it from this site, or use an API token";

    private CrossSite() {}

    /**
     * Refuses (FORBIDDEN, {@link #MESSAGE}) a write the browser says came from another site.
     *
     * @param origin         the {@code Origin} header, or null
     * @param secFetchSite   the {@code Sec-Fetch-Site} header, or null
     * @param host           the {@code Host} header, or null
     * @param ownOrigins     this site's origins besides the Host, as {@code scheme://host[:port]} (e.g. the base URL's)
     * @param allowedOrigins origins allowed to write with credentials (CORS), compared exactly
     */
    public static void check(String origin, String secFetchSite, String host, Collection<String> ownOrigins,
            Collection<String> allowedOrigins) {
        if (!allowed(origin, secFetchSite, host, ownOrigins, allowedOrigins)) {
            throw RunguException.forbidden(MESSAGE);
        }
    }

    /** True when {@link #check} lets the write through. */
    public static boolean allowed(String origin, String secFetchSite, String host, Collection<String> ownOrigins,
            Collection<String> allowedOrigins) {
        if (origin != null && allowedOrigins.contains(origin)) {
            return true;
        }
        if ("cross-site".equalsIgnoreCase(secFetchSite)) {
            return false;
        }
        if (origin != null) {
            return isOwn(origin, host, ownOrigins);
        }
        return secFetchSite == null || secFetchSite.equalsIgnoreCase("same-origin")
                || secFetchSite.equalsIgnoreCase("none");
    }

    private static boolean isOwn(String origin, String host, Collection<String> ownOrigins) {
        String normalized = normalize(origin);
        if (normalized == null) {
            return false; // "null" (sandboxed or privacy-sensitive contexts) or malformed
        }
        for (String own : ownOrigins) {
            if (normalized.equals(normalize(own))) {
                return true;
            }
        }
        if (host == null || host.isBlank()) {
            return false;
        }
        // The request's own Host also counts (a dev proxy, a second public name): browsers set Host themselves.
        String h = host.strip().toLowerCase(Locale.ROOT);
        if (h.lastIndexOf(':') < 0 || h.endsWith("]")) {
            h = h + ":" + defaultPort(URI.create(origin.strip()).getScheme());
        }
        return normalized.endsWith("://" + h);
    }

    /** {@code scheme://host:port} in lower case with the default port made explicit; null when not an origin. */
    static String normalize(String origin) {
        try {
            URI uri = URI.create(origin.strip());
            if (uri.getScheme() == null || uri.getHost() == null) {
                return null;
            }
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            int port = uri.getPort() < 0 ? defaultPort(scheme) : uri.getPort();
            return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static int defaultPort(String scheme) {
        return "https".equalsIgnoreCase(scheme) ? 443 : 80;
    }
}
