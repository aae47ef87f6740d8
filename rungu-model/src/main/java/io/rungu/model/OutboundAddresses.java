package io.rungu.model;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

/**
 * The server-side request forgery guard for URLs Rungu itself fetches (webhook deliveries, OAuth client metadata
 * documents): only {@code http} and {@code https}, and every address the host name resolves to must be public,
 * unless private addresses are explicitly allowed. Check right before each connection, after DNS resolution, so a
 * name that later resolves somewhere private is refused then too, and connect to an address the check returned
 * ({@link OutboundHttp} does both), so the name is not looked up again in between.
 */
public final class OutboundAddresses {

    /** Resolves a host name; tests inject one to show refusals without any traffic. */
    @FunctionalInterface
    public interface Resolver {
        List<InetAddress> resolve(String host) throws UnknownHostException;
    }

    /** The JDK's resolver. */
    public static final Resolver SYSTEM = host -> List.of(InetAddress.getAllByName(host));

    private final Resolver resolver;
    private final boolean allowPrivate;

    /**
     * @param resolver     how host names are resolved
     * @param allowPrivate true to allow loopback, private and link-local addresses (a board inside a private network)
     */
    public OutboundAddresses(Resolver resolver, boolean allowPrivate) {
        this.resolver = java.util.Objects.requireNonNull(resolver, "resolver");
        this.allowPrivate = allowPrivate;
    }

    /** Whether private addresses are allowed. */
    public boolean allowsPrivate() { return allowPrivate; }

    /**
     * Checks a URL and returns the addresses its host resolves to.
     *
     * @param field the input field named in the error
     * @throws RunguException {@code invalid} for a malformed URL, a scheme other than http(s), credentials in the
     *                        URL, a host that does not resolve, or (unless allowed) a non-public address
     */
    public List<InetAddress> check(String field, URI url) {
        if (url == null || !url.isAbsolute() || url.getHost() == null || url.getHost().isEmpty()) {
            throw RunguException.invalid(field, "must be an absolute http or https URL");
        }
        String scheme = url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw RunguException.invalid(field, "must use http or https");
        }
        if (url.getRawUserInfo() != null) {
            throw RunguException.invalid(field, "must not carry a user name or password");
        }
        String host = url.getHost();
        if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
        List<InetAddress> addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            throw RunguException.invalid(field, "host " + host + " does not resolve");
        }
        if (addresses.isEmpty()) throw RunguException.invalid(field, "host " + host + " does not resolve");
        if (!allowPrivate) {
            for (InetAddress address : addresses) {
                if (!isPublic(address)) {
                    throw RunguException.invalid(field, "host " + host + " resolves to a private address ("
                            + address.getHostAddress() + "); such addresses are refused unless the server allows them");
                }
            }
        }
        return addresses;
    }

    /** True for a globally routable unicast address: not loopback, private, link-local, shared, reserved or multicast. */
    public static boolean isPublic(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) return isPublicV4(b);
        if (address instanceof Inet6Address) {
            if (isMappedOrCompatibleV4(b)) return isPublicV4(java.util.Arrays.copyOfRange(b, 12, 16));
            int first = b[0] & 0xff;
            if ((first & 0xfe) == 0xfc) return false;                       // fc00::/7 unique local
            if (first == 0x20 && (b[1] & 0xff) == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8) {
                return false;                                               // 2001:db8::/32 documentation
            }
            if (first == 0x00 || first == 0xff) return false;                // reserved, multicast
            if (first == 0x20 && (b[1] & 0xff) == 0x02) return isPublicV4(java.util.Arrays.copyOfRange(b, 2, 6)); // 6to4
            if (first == 0x00 && (b[1] & 0xff) == 0x64) return false;        // 64:ff9b::/96 translation
            return true;
        }
        return false;
    }

    private static boolean isMappedOrCompatibleV4(byte[] b) {
        for (int i = 0; i < 10; i++) if (b[i] != 0) return false;
        return (b[10] == 0 && b[11] == 0) || ((b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff);
    }

    private static boolean isPublicV4(byte[] b) {
        int a0 = b[0] & 0xff;
        int a1 = b[1] & 0xff;
        int a2 = b[2] & 0xff;
        return !(a0 == 0 || a0 == 10 || a0 == 127 || a0 >= 224                 // this network, private, loopback, multicast/reserved
                || (a0 == 100 && a1 >= 64 && a1 <= 127)                      // 100.64/10 shared (carrier-grade NAT)
                || (a0 == 169 && a1 == 254)                                  // link-local, cloud metadata
                || (a0 == 172 && a1 >= 16 && a1 <= 31)
                || (a0 == 192 && a1 == 168)
                || (a0 == 192 && a1 == 0 && (a2 == 0 || a2 == 2))            // IETF assignments, TEST-NET-1
                || (a0 == 198 && (a1 == 18 || a1 == 19))                     // benchmarking
                || (a0 == 198 && a1 == 51 && a2 == 100)                      // TEST-NET-2
                || (a0 == 203 && a1 == 0 && a2 == 113));                     // TEST-NET-3
    }
}
