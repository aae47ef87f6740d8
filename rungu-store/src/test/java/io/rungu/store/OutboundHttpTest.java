package io.rungu.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.rungu.model.OutboundAddresses;
import io.rungu.model.OutboundHttp;
import io.rungu.model.RunguException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link OutboundHttp} (a rungu-model class, tested here beside {@link SelfSignedTls}) against real servers on
 * 127.0.0.1, reached through names under the reserved {@code .test} domain that only the injected resolver knows: a
 * request that arrives proves the connection went to the address the guard checked, since the system resolver could
 * not have found it.
 */
class OutboundHttpTest {
    private static final String NAME = "receiver.rungu.test";
    private static final List<String> HOSTS = new CopyOnWriteArrayList<>();
    private static final AtomicInteger LOOKUPS = new AtomicInteger();
    private static HttpServer plain;
    private static HttpsServer tls;
    private static SSLContext trusting;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        plain = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        plain.createContext("/echo", exchange -> {
            HOSTS.add(exchange.getRequestHeaders().getFirst("Host"));
            byte[] body = exchange.getRequestBody().readAllBytes();
            byte[] answer = ("got " + exchange.getRequestMethod() + " " + new String(body, StandardCharsets.UTF_8)
                    + " " + exchange.getRequestHeaders().getFirst("X-Test")).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(201, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        plain.createContext("/chunked", exchange -> {
            exchange.sendResponseHeaders(200, 0); // length 0: the server sends the body in chunks
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 100; i++) {
                    out.write(("part" + i + ";").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            }
        });
        plain.start();

        SelfSignedTls certificate = SelfSignedTls.forHost(dir, NAME);
        trusting = certificate.client();
        tls = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        tls.setHttpsConfigurator(new HttpsConfigurator(certificate.server()));
        tls.createContext("/doc", exchange -> {
            byte[] answer = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        tls.start();
    }

    @AfterAll
    static void stop() {
        plain.stop(0);
        tls.stop(0);
    }

    /** Every .test name resolves to loopback, once per call, counted. */
    private static OutboundHttp http(Duration timeout) {
        OutboundAddresses addresses = new OutboundAddresses(host -> {
            LOOKUPS.incrementAndGet();
            if (!host.endsWith(".test")) {
                throw new java.net.UnknownHostException(host);
            }
            return List.of(InetAddress.getLoopbackAddress());
        }, true);
        return new OutboundHttp(addresses, trusting, timeout);
    }

    @Test
    void a_request_goes_to_the_checked_address_with_the_name_in_its_host_header_and_one_lookup() throws Exception {
        int port = plain.getAddress().getPort();
        int before = LOOKUPS.get();
        OutboundHttp.Response response = http(Duration.ofSeconds(5)).exchange("url", "POST",
                URI.create("http://" + NAME + ":" + port + "/echo?x=1"), Map.of("X-Test", "yes"),
                "hello".getBytes(StandardCharsets.UTF_8), 1000);
        assertThat(response.status()).isEqualTo(201);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("got POST hello yes");
        assertThat(response.truncated()).isFalse();
        assertThat(HOSTS).contains(NAME + ":" + port);
        assertThat(LOOKUPS.get() - before).isEqualTo(1);
    }

    @Test
    void a_chunked_body_is_decoded_and_cut_at_the_limit() throws Exception {
        URI url = URI.create("http://" + NAME + ":" + plain.getAddress().getPort() + "/chunked");
        OutboundHttp.Response whole = http(Duration.ofSeconds(5)).exchange("url", "GET", url, Map.of(), null, 10_000);
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            expected.append("part").append(i).append(';');
        }
        assertThat(new String(whole.body(), StandardCharsets.UTF_8)).isEqualTo(expected.toString());
        assertThat(whole.truncated()).isFalse();

        OutboundHttp.Response cut = http(Duration.ofSeconds(5)).exchange("url", "GET", url, Map.of(), null, 12);
        assertThat(new String(cut.body(), StandardCharsets.UTF_8)).isEqualTo(expected.substring(0, 12));
        assertThat(cut.truncated()).isTrue();
    }

    @Test
    void https_verifies_the_certificate_against_the_name_not_the_pinned_address() throws Exception {
        int port = tls.getAddress().getPort();
        OutboundHttp.Response response = http(Duration.ofSeconds(5)).exchange("client_id", "GET",
                URI.create("https://" + NAME + ":" + port + "/doc"), Map.of(), null, 1000);
        assertThat(response.status()).isEqualTo(200);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("{\"ok\":true}");

        // Same address, another name: the certificate does not name it.
        assertThatThrownBy(() -> http(Duration.ofSeconds(5)).exchange("client_id", "GET",
                URI.create("https://elsewhere.rungu.test:" + port + "/doc"), Map.of(), null, 1000))
                .isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void a_receiver_that_answers_a_byte_at_a_time_is_cut_off_at_the_timeout() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread dripping = new Thread(() -> {
                try (Socket s = server.accept(); OutputStream out = s.getOutputStream()) {
                    byte[] head = "HTTP/1.1 200 OK\r\nX-Slow: ".getBytes(StandardCharsets.ISO_8859_1);
                    out.write(head);
                    while (true) {
                        out.write('a');
                        out.flush();
                        Thread.sleep(20); // the point of the test: a server that is slow on purpose
                    }
                } catch (IOException | InterruptedException e) {
                    // the client hung up, as it should
                }
            });
            dripping.start();
            long start = System.nanoTime();
            assertThatThrownBy(() -> http(Duration.ofMillis(400)).exchange("url", "GET",
                    URI.create("http://" + NAME + ":" + server.getLocalPort() + "/"), Map.of(), null, 100))
                    .isInstanceOf(SocketTimeoutException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
            dripping.join(5_000);
        }
    }

    @Test
    void a_refused_url_never_connects_and_header_injection_is_refused() {
        OutboundHttp guarded = new OutboundHttp(new OutboundAddresses(host -> {
            throw new AssertionError("a refused URL must not be resolved");
        }, false), null, Duration.ofSeconds(1));
        assertThatThrownBy(() -> guarded.exchange("url", "GET", URI.create("ftp://files.rungu.test/x"), Map.of(),
                null, 10)).isInstanceOf(RunguException.class).hasMessageContaining("http or https");
        URI url = URI.create("http://" + NAME + ":" + plain.getAddress().getPort() + "/echo");
        assertThatThrownBy(() -> http(Duration.ofSeconds(1)).exchange("url", "GET", url,
                Map.of("X-Test", "a\r\nInjected: yes"), null, 10)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void through_an_http_proxy_plain_requests_name_the_whole_url_and_https_goes_through_a_tunnel() throws Exception {
        try (LoopbackProxy proxy = new LoopbackProxy()) {
            java.net.ProxySelector selector = new java.net.ProxySelector() {
                @Override
                public List<java.net.Proxy> select(URI uri) {
                    return List.of(new java.net.Proxy(java.net.Proxy.Type.HTTP, proxy.address()));
                }

                @Override
                public void connectFailed(URI uri, java.net.SocketAddress address, IOException e) {}
            };
            OutboundHttp http = new OutboundHttp(new OutboundAddresses(host -> List.of(InetAddress.getLoopbackAddress()),
                    true), trusting, Duration.ofSeconds(5), selector);
            String plainUrl = "http://" + NAME + ":" + plain.getAddress().getPort() + "/echo";
            OutboundHttp.Response echoed = http.exchange("url", "POST", URI.create(plainUrl), Map.of("X-Test", "p"),
                    "via".getBytes(StandardCharsets.UTF_8), 1000);
            assertThat(new String(echoed.body(), StandardCharsets.UTF_8)).isEqualTo("got POST via p");

            String tlsAuthority = NAME + ":" + tls.getAddress().getPort();
            OutboundHttp.Response doc = http.exchange("client_id", "GET", URI.create("https://" + tlsAuthority + "/doc"),
                    Map.of(), null, 1000);
            assertThat(new String(doc.body(), StandardCharsets.UTF_8)).isEqualTo("{\"ok\":true}");
            assertThat(proxy.requestLines).containsExactly("POST " + plainUrl + " HTTP/1.1",
                    "CONNECT " + tlsAuthority + " HTTP/1.1");
        }
    }

    /**
     * A forwarding proxy on 127.0.0.1 that knows {@link #NAME} as loopback: it records each request line, answers
     * CONNECT with a tunnel, and relays everything else to the named port.
     */
    private static final class LoopbackProxy implements AutoCloseable {
        final List<String> requestLines = new CopyOnWriteArrayList<>();
        private final ServerSocket server;
        private final Thread acceptor;

        LoopbackProxy() throws IOException {
            server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
            acceptor = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket client = server.accept();
                        Thread connection = new Thread(() -> serve(client));
                        connection.setDaemon(true);
                        connection.start();
                    } catch (IOException e) {
                        return; // closed
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
        }

        java.net.InetSocketAddress address() {
            return (java.net.InetSocketAddress) server.getLocalSocketAddress();
        }

        private void serve(Socket client) {
            try (client) {
                java.io.InputStream in = client.getInputStream();
                StringBuilder head = new StringBuilder();
                while (!head.toString().endsWith("\r\n\r\n")) {
                    int b = in.read();
                    if (b < 0) {
                        return;
                    }
                    head.append((char) b);
                }
                String line = head.substring(0, head.indexOf("\r\n"));
                requestLines.add(line);
                String target = line.split(" ")[1];
                boolean tunnel = line.startsWith("CONNECT ");
                int port = tunnel ? Integer.parseInt(target.substring(target.lastIndexOf(':') + 1))
                        : URI.create(target).getPort();
                try (Socket upstream = new Socket(InetAddress.getLoopbackAddress(), port)) {
                    if (tunnel) {
                        client.getOutputStream().write("HTTP/1.1 200 Connection established\r\n\r\n"
                                .getBytes(StandardCharsets.ISO_8859_1));
                    } else {
                        upstream.getOutputStream().write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
                    }
                    Thread up = new Thread(() -> relay(in, upstream));
                    up.setDaemon(true);
                    up.start();
                    relay(upstream.getInputStream(), client);
                    up.join(5_000);
                }
            } catch (IOException | InterruptedException e) {
                // one side hung up
            }
        }

        private static void relay(java.io.InputStream from, Socket to) {
            try {
                from.transferTo(to.getOutputStream());
                to.shutdownOutput();
            } catch (IOException e) {
                // one side hung up
            }
        }

        @Override
        public void close() throws IOException, InterruptedException {
            server.close();
            acceptor.join(5_000);
        }
    }
}
