package io.rungu.model;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * One HTTP/1.1 exchange with a URL Rungu fetches itself (webhook deliveries, OAuth client metadata documents),
 * connected to an address {@link OutboundAddresses} has just checked. The host name is resolved once, for the check,
 * and the connection goes to one of those very addresses: a name that answers with a public address to the check
 * and a private one a moment later (DNS rebinding) cannot steer the request inside. TLS still verifies the
 * certificate against the host name (and sends it as SNI), so pinning the address weakens nothing. The JVM's proxy
 * settings are followed as the JDK's own HTTP client follows them (see the constructor with a {@link ProxySelector}).
 *
 * <p>What it does not do, on purpose: follow redirects, keep connections alive ({@code Connection: close}), or
 * read more of a body than asked. The whole exchange, connecting included, must end within the timeout, so a
 * receiver that answers a byte at a time is cut off too.
 */
public final class OutboundHttp {
    /** The most a response's status line and headers may take together. */
    public static final int HEADERS_MAX_BYTES = 64 * 1024;

    /** The longest line that frames a chunk of a chunked body. */
    private static final int CHUNK_LINE_MAX_BYTES = 1024;

    private static final java.util.regex.Pattern IPV4 = java.util.regex.Pattern.compile("[0-9.]+");

    /**
     * A response.
     *
     * @param status    the HTTP status code
     * @param body      the body, at most the bytes asked for
     * @param truncated true when the body held more than that
     */
    public record Response(int status, byte[] body, boolean truncated) {}

    private final OutboundAddresses addresses;
    private final SSLContext tls;
    private final Duration timeout;
    private final ProxySelector proxies;

    /**
     * @param addresses the guard each URL passes before its connection
     * @param tls       the TLS context of https URLs; null for the JVM's default (its trust store)
     * @param timeout   the longest a whole exchange may take
     */
    public OutboundHttp(OutboundAddresses addresses, SSLContext tls, Duration timeout) {
        this(addresses, tls, timeout, null);
    }

    /**
     * As above, through the proxies {@code proxies} names (null: the JVM's {@link ProxySelector#getDefault}, which
     * follows {@code http.proxyHost}, {@code https.proxyHost} and {@code http.nonProxyHosts}). Through an HTTP
     * proxy the proxy connects, so it resolves the name itself: the address check still runs first, but keeping the
     * connection on the checked address is then the proxy's part. A SOCKS proxy is handed the checked address.
     */
    public OutboundHttp(OutboundAddresses addresses, SSLContext tls, Duration timeout, ProxySelector proxies) {
        this.addresses = Objects.requireNonNull(addresses, "addresses");
        this.tls = tls;
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.proxies = proxies;
    }

    /**
     * Checks {@code url}, connects to one of the addresses it resolved to (or to the proxy named for it) and makes
     * one request.
     *
     * @param field    the input field named in a refusal
     * @param method   GET or POST
     * @param headers  request headers (no line breaks in names or values); Host, Connection and Content-Length
     *                 are set here
     * @param body     the request body, or null for none
     * @param maxBody  the most bytes of the response body read
     * @throws RunguException         {@code invalid} when the URL is refused ({@link OutboundAddresses#check})
     * @throws SocketTimeoutException when the exchange took longer than the timeout
     * @throws IOException            when no address could be reached or the answer is not HTTP/1.x
     */
    public Response exchange(String field, String method, URI url, Map<String, String> headers, byte[] body,
            int maxBody) throws IOException {
        List<InetAddress> checked = addresses.check(field, url);
        boolean https = url.getScheme().equalsIgnoreCase("https");
        int port = url.getPort() >= 0 ? url.getPort() : https ? 443 : 80;
        Proxy proxy = proxyFor(url);
        boolean viaHttpProxy = proxy.type() == Proxy.Type.HTTP;
        byte[] head = requestHead(method, url, headers, body == null ? -1 : body.length, viaHttpProxy && !https);
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Socket socket = viaHttpProxy ? connectToProxy((InetSocketAddress) proxy.address(), deadline)
                : connect(proxy, checked, port, deadline)) {
            if (viaHttpProxy && https) {
                tunnel(socket, url.getHost() + ":" + port, deadline);
            }
            Socket channel = https ? handshake(socket, url.getHost(), port, deadline) : socket;
            OutputStream out = channel.getOutputStream();
            out.write(head);
            if (body != null) {
                out.write(body);
            }
            out.flush();
            return read(new DeadlineInput(channel, deadline), method, maxBody);
        }
    }

    /** The first proxy the selector names for {@code url}, or {@link Proxy#NO_PROXY}. */
    private Proxy proxyFor(URI url) {
        ProxySelector selector = proxies != null ? proxies : ProxySelector.getDefault();
        if (selector == null) {
            return Proxy.NO_PROXY;
        }
        List<Proxy> named = selector.select(url);
        return named == null || named.isEmpty() ? Proxy.NO_PROXY : named.get(0);
    }

    private static Socket connectToProxy(InetSocketAddress proxy, long deadline) throws IOException {
        InetSocketAddress address = proxy.isUnresolved() ? new InetSocketAddress(proxy.getHostString(), proxy.getPort())
                : proxy;
        Socket socket = new Socket();
        try {
            socket.connect(address, remainingMillis(deadline));
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /** Asks an HTTP proxy for a tunnel to {@code authority} ({@code host:port}), for TLS to go through. */
    private static void tunnel(Socket socket, String authority, long deadline) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(("CONNECT " + authority + " HTTP/1.1\r\nHost: " + authority + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        DeadlineInput in = new DeadlineInput(socket, deadline);
        int status = statusCode(in.headerLine());
        in.headers();
        if (status / 100 != 2) {
            throw new IOException("The proxy refused a tunnel to " + authority + ": HTTP " + status);
        }
    }

    /** Connects straight, or through a SOCKS proxy, to the first of the checked addresses that answers. */
    private static Socket connect(Proxy proxy, List<InetAddress> checked, int port, long deadline)
            throws IOException {
        IOException last = null;
        for (InetAddress address : checked) {
            Socket socket = proxy.type() == Proxy.Type.SOCKS ? new Socket(proxy) : new Socket();
            try {
                socket.connect(new InetSocketAddress(address, port), remainingMillis(deadline));
                return socket;
            } catch (IOException e) {
                socket.close();
                last = e;
                if (e instanceof SocketTimeoutException) {
                    break;
                }
            }
        }
        throw last;
    }

    private Socket handshake(Socket socket, String host, int port, long deadline) throws IOException {
        SSLContext context = tls;
        if (context == null) {
            try {
                context = SSLContext.getDefault();
            } catch (NoSuchAlgorithmException e) {
                throw new IOException("TLS is not available: " + e.getMessage(), e);
            }
        }
        String name = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        SSLSocket ssl = (SSLSocket) context.getSocketFactory().createSocket(socket, name, port, true);
        SSLParameters parameters = ssl.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        if (!host.startsWith("[") && !IPV4.matcher(name).matches()) {
            parameters.setServerNames(List.of(new SNIHostName(name)));
        }
        ssl.setSSLParameters(parameters);
        ssl.setSoTimeout(remainingMillis(deadline));
        ssl.startHandshake();
        return ssl;
    }

    /** The request line and headers; {@code absolute}: the target as a whole URL, as an HTTP proxy wants it. */
    private static byte[] requestHead(String method, URI url, Map<String, String> headers, int length,
            boolean absolute) {
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        StringBuilder head = new StringBuilder(256);
        head.append(method).append(' ');
        if (absolute) {
            head.append(url.getScheme().toLowerCase(Locale.ROOT)).append("://").append(url.getRawAuthority());
        }
        head.append(path);
        if (url.getRawQuery() != null) {
            head.append('?').append(url.getRawQuery());
        }
        head.append(" HTTP/1.1\r\nHost: ").append(url.getRawAuthority()).append("\r\nConnection: close\r\n");
        if (length >= 0) {
            head.append("Content-Length: ").append(length).append("\r\n");
        }
        headers.forEach((name, value) -> {
            if (!name.matches("[A-Za-z0-9-]+") || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("Header " + name + " cannot be sent");
            }
            head.append(name).append(": ").append(value).append("\r\n");
        });
        return head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static Response read(DeadlineInput in, String method, int maxBody) throws IOException {
        int status;
        Map<String, String> headers;
        do {
            status = statusCode(in.headerLine());
            headers = in.headers();
        } while (status >= 100 && status < 200);
        if (method.equals("HEAD") || status == 204 || status == 304) {
            return new Response(status, new byte[0], false);
        }
        String encoding = headers.getOrDefault("transfer-encoding", "").toLowerCase(Locale.ROOT);
        if (encoding.endsWith("chunked")) {
            return chunked(in, status, maxBody);
        }
        String length = headers.get("content-length");
        long declared = length == null ? Long.MAX_VALUE : parseLength(length);
        byte[] read = in.readUpTo((int) Math.min(declared, (long) maxBody + 1));
        boolean truncated = read.length > maxBody;
        return new Response(status, truncated ? java.util.Arrays.copyOf(read, maxBody) : read, truncated);
    }

    private static Response chunked(DeadlineInput in, int status, int maxBody) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String size = in.line(CHUNK_LINE_MAX_BYTES);
            int semicolon = size.indexOf(';');
            long chunk = parseHex(semicolon >= 0 ? size.substring(0, semicolon) : size);
            if (chunk == 0) {
                return new Response(status, body.toByteArray(), false);
            }
            int room = maxBody - body.size();
            byte[] part = in.readUpTo((int) Math.min(chunk, (long) room + 1));
            if (part.length > room) {
                body.write(part, 0, room);
                return new Response(status, body.toByteArray(), true);
            }
            body.write(part);
            if (part.length < chunk) {
                throw new IOException("The answer ended inside a chunk");
            }
            in.line(CHUNK_LINE_MAX_BYTES);
        }
    }

    private static int statusCode(String line) throws IOException {
        String[] parts = line.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.") || !parts[1].matches("[1-5][0-9][0-9]")) {
            throw new IOException("The answer is not HTTP/1.x: " + line.substring(0, Math.min(line.length(), 80)));
        }
        return Integer.parseInt(parts[1]);
    }

    private static long parseLength(String value) throws IOException {
        try {
            long length = Long.parseLong(value.trim());
            if (length >= 0) {
                return length;
            }
        } catch (NumberFormatException e) {
            // falls through to the refusal
        }
        throw new IOException("Bad Content-Length: " + value);
    }

    private static long parseHex(String value) throws IOException {
        try {
            long size = Long.parseLong(value.trim(), 16);
            if (size >= 0) {
                return size;
            }
        } catch (NumberFormatException e) {
            // falls through to the refusal
        }
        throw new IOException("Bad chunk size: " + value);
    }

    private static int remainingMillis(long deadline) throws SocketTimeoutException {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
            throw new SocketTimeoutException("The exchange took longer than its timeout");
        }
        return (int) Math.min(Integer.MAX_VALUE, left);
    }

    /** The response bytes, each read bounded by what is left of the exchange's time. */
    private static final class DeadlineInput {
        private final Socket socket;
        private final InputStream in;
        private final long deadline;
        private final byte[] buffer = new byte[8192];
        private int position;
        private int limit;
        private int headerBytes;

        DeadlineInput(Socket socket, long deadline) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
            this.deadline = deadline;
        }

        private boolean fill() throws IOException {
            socket.setSoTimeout(remainingMillis(deadline));
            int n = in.read(buffer);
            if (n <= 0) {
                return false;
            }
            position = 0;
            limit = n;
            return true;
        }

        /** One line of the status line and headers, all of them counted against {@link #HEADERS_MAX_BYTES}. */
        String headerLine() throws IOException {
            String line = line(HEADERS_MAX_BYTES - headerBytes);
            headerBytes += line.length() + 2;
            return line;
        }

        /** One line without its CR LF, of at most {@code max} bytes. */
        String line(int max) throws IOException {
            StringBuilder line = new StringBuilder(64);
            while (true) {
                if (position == limit && !fill()) {
                    throw new IOException("The answer ended inside its framing");
                }
                byte b = buffer[position++];
                if (line.length() >= max) {
                    throw new IOException("The answer's headers or chunk framing are too long");
                }
                if (b == '\n') {
                    int end = line.length();
                    return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
                }
                line.append((char) (b & 0xff));
            }
        }

        /** Header lines up to the empty one, names in lower case. */
        Map<String, String> headers() throws IOException {
            Map<String, String> headers = new java.util.HashMap<>();
            for (String line = headerLine(); !line.isEmpty(); line = headerLine()) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                            line.substring(colon + 1).trim());
                }
            }
            return headers;
        }

        /** Up to {@code max} bytes, fewer when the answer ends first. */
        byte[] readUpTo(int max) throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(max, 8192));
            while (out.size() < max) {
                if (position == limit && !fill()) {
                    break;
                }
                int n = Math.min(limit - position, max - out.size());
                out.write(buffer, position, n);
                position += n;
            }
            return out.toByteArray();
        }
    }
}
