package io.rungu.http.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which address a request comes from, for rate limits. Without trust in {@code X-Forwarded-For} it is the TCP peer.
 * With it, the header is read from the right, because each proxy appends the address it received the request from
 * and only the leftmost entries are under the client's control: the client is the rightmost address that is not a
 * trusted proxy. With no proxies listed, only the peer itself (the nearest hop) is trusted, so the client is the
 * rightmost entry of the header.
 */
public final class ClientAddress {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private final boolean trustForwardedFor;
    private final List<Range> trustedProxies;

    /**
     * @param trustForwardedFor read {@code X-Forwarded-For} from any peer, trusting the peer as one proxy
     * @param trustedProxies    addresses or CIDR ranges of the proxies in front of the server; when not empty, the
     *                          header is read only from such a peer, and as many of these hops are skipped
     */
    public ClientAddress(boolean trustForwardedFor, List<String> trustedProxies) {
        this.trustForwardedFor = trustForwardedFor;
        this.trustedProxies = trustedProxies.stream().map(r -> Range.parse(r).orElseThrow(
                () -> new IllegalArgumentException("Not an address or CIDR range: " + r))).toList();
    }

    /** Why {@code entry} is not usable as a trusted proxy, or empty when it is an address or CIDR range. */
    public static Optional<String> problem(String entry) {
        return entry != null && Range.parse(entry).isPresent() ? Optional.empty()
                : Optional.of("trustedProxies entries must be IPv4 or IPv6 addresses or CIDR ranges such as 10.0.0.0/8 "
                + "or fd00::/8, got '" + entry + "'");
    }

    /**
     * The client's address.
     *
     * @param peer          the TCP peer's address
     * @param forwardedFor  every {@code X-Forwarded-For} header value, in order (empty when absent)
     */
    public String of(String peer, List<String> forwardedFor) {
        if (!trustForwardedFor && trustedProxies.isEmpty()) {
            return peer;
        }
        List<String> hops = new ArrayList<>();
        for (String value : forwardedFor) {
            for (String hop : value.split(",")) {
                if (!hop.isBlank()) {
                    hops.add(hop.trim());
                }
            }
        }
        if (trustedProxies.isEmpty()) {
            return hops.isEmpty() ? peer : canonical(hops.get(hops.size() - 1));
        }
        if (!trusted(peer)) {
            return peer;
        }
        String client = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            client = canonical(hops.get(i));
            if (!trusted(client)) {
                break;
            }
        }
        return client;
    }

    private boolean trusted(String address) {
        byte[] bytes = Range.bytes(address);
        if (bytes == null) {
            return false;
        }
        for (Range r : trustedProxies) {
            if (r.contains(bytes)) {
                return true;
            }
        }
        return false;
    }

    /** The address in one spelling, so {@code ::1} and {@code [0:0::1]} share a bucket; anything else as given. */
    private static String canonical(String hop) {
        byte[] bytes = Range.bytes(hop);
        try {
            return bytes == null ? hop : InetAddress.getByAddress(bytes).getHostAddress();
        } catch (UnknownHostException e) {
            return hop;
        }
    }

    /** An address range: the first {@code prefix} bits of {@code network}. */
    private record Range(byte[] network, int prefix) {
        static Optional<Range> parse(String text) {
            String t = text.trim();
            int slash = t.indexOf('/');
            byte[] network = bytes(slash < 0 ? t : t.substring(0, slash));
            if (network == null) {
                return Optional.empty();
            }
            int prefix = network.length * 8;
            if (slash >= 0) {
                try {
                    prefix = Integer.parseInt(t.substring(slash + 1));
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
                if (prefix < 0 || prefix > network.length * 8) {
                    return Optional.empty();
                }
            }
            return Optional.of(new Range(network, prefix));
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (address[full] & mask) == (network[full] & mask);
        }

        /**
         * The bytes of an IP literal (IPv4 maps to 4 bytes, IPv4-mapped IPv6 too), brackets and an IPv4 port
         * allowed; null for anything else. Never resolves a name.
         */
        static byte[] bytes(String text) {
            String t = text.trim();
            if (t.startsWith("[")) {
                int end = t.indexOf(']');
                if (end < 0) {
                    return null;
                }
                t = t.substring(1, end);
            } else if (t.indexOf(':') == t.lastIndexOf(':') && t.indexOf(':') > 0) {
                t = t.substring(0, t.indexOf(':')); // 203.0.113.7:51234
            }
            int zone = t.indexOf('%');
            if (zone >= 0) {
                t = t.substring(0, zone);
            }
            if (IPV4.matcher(t).matches()) {
                return ipv4(t);
            }
            if (!IPV6.matcher(t).matches()) {
                return null;
            }
            try { // a literal with ':' is parsed as IPv6, never looked up
                return InetAddress.getByName(t).getAddress();
            } catch (UnknownHostException e) {
                return null;
            }
        }

        private static byte[] ipv4(String dotted) {
            String[] parts = dotted.split("\\.");
            byte[] bytes = new byte[4];
            for (int i = 0; i < 4; i++) {
                int v = Integer.parseInt(parts[i]);
                if (v > 255) {
                    return null;
                }
                bytes[i] = (byte) v;
            }
            return bytes;
        }
    }
}
