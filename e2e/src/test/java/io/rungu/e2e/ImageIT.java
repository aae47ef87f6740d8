package io.rungu.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The container image tarball that e2e's pre-integration-test phase builds (rungu-cli/src/image/BuildImage.java, the
 * same program as {@code ./mvnw -Pimage package}), checked without a container engine: its manifests and digests,
 * its config (non-root user, volume, health check, JVM flags), reproducible layers, and the layers unpacked and run:
 * the jlinked runtime starts {@code rungu.jar serve} on SQLite and answers {@code /health}, which proves it holds every
 * module the server needs. When a Docker daemon answers, the tarball is also given to {@code docker load}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImageIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** BuildImage's fixed mtime, 1970-01-01T00:00:01Z. */
    private static final long MTIME = 1;
    private static final int UID = 65532;

    private Path tarball;
    private Path dir;
    /** Outer tarball entries by name: sha256 of the content, and the content of the small ones. */
    private final Map<String, String> sha256 = new LinkedHashMap<>();
    private final Map<String, Path> files = new LinkedHashMap<>();
    private JsonNode config;
    private List<String> layerPaths;
    private Path rootfs;
    private Process server;

    @BeforeAll
    void unpack(@TempDir Path dir) throws IOException {
        this.dir = dir;
        tarball = Path.of(System.getProperty("rungu.image", "target/rungu-image.tar")).toAbsolutePath();
        assertThat(tarball).as("the image tarball (e2e's pre-integration-test builds it)").isRegularFile();
        Path blobs = Files.createDirectories(dir.resolve("archive"));
        try (InputStream in = new BufferedInputStream(Files.newInputStream(tarball), 1 << 16)) {
            Tar.read(in, entry -> {
                if (!entry.directory()) {
                    Path file = blobs.resolve(entry.name().replace('/', '_'));
                    sha256.put(entry.name(), copy(entry.content(), file));
                    files.put(entry.name(), file);
                }
            });
        }
        List<String> layers = new ArrayList<>();
        JsonNode docker = read("manifest.json");
        docker.get(0).get("Layers").forEach(l -> layers.add(l.asText()));
        layerPaths = layers;
        config = read(docker.get(0).get("Config").asText());
    }

    @AfterAll
    void stop() throws InterruptedException {
        if (server != null) {
            server.destroy();
            if (!server.waitFor(15, TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void docker_and_oci_manifests_agree_and_every_digest_is_the_content_s_sha256() throws IOException {
        assertThat(read("oci-layout").get("imageLayoutVersion").asText()).isEqualTo("1.0.0");
        JsonNode docker = read("manifest.json");
        assertThat(docker).hasSize(1);
        assertThat(docker.get(0).get("RepoTags").toString()).contains("\"rungu:" + version() + "\"", "\"rungu:latest\"");
        // Docker's manifest.json names blobs by path; each path's name is its content's sha256.
        String configPath = docker.get(0).get("Config").asText();
        assertThat(configPath).isEqualTo("blobs/sha256/" + sha256.get(configPath));
        for (String layer : layerPaths) {
            assertThat(layer).isEqualTo("blobs/sha256/" + sha256.get(layer));
        }

        JsonNode index = read("index.json");
        assertThat(index.get("manifests")).hasSize(1);
        JsonNode descriptor = index.get("manifests").get(0);
        assertThat(descriptor.get("annotations").get("org.opencontainers.image.ref.name").asText()).isEqualTo(version());
        JsonNode manifest = blob(descriptor);
        assertThat(blob(manifest.get("config"))).isEqualTo(config);
        List<String> ociLayers = new ArrayList<>();
        manifest.get("layers").forEach(l -> ociLayers.add("blobs/sha256/" + digestHex(l)));
        assertThat(ociLayers).isEqualTo(layerPaths);
        manifest.get("layers").forEach(l -> assertThat(blobSize(l)).isEqualTo(l.get("size").asLong()));

        // Uncompressed layers: each diff_id is the sha256 of the layer tar itself.
        List<String> diffIds = new ArrayList<>();
        config.get("rootfs").get("diff_ids").forEach(d -> diffIds.add(d.asText()));
        assertThat(diffIds).containsExactlyElementsOf(layerPaths.stream().map(p -> "sha256:" + sha256.get(p)).toList());
        assertThat(config.get("os").asText()).isEqualTo("linux");
        assertThat(config.get("architecture").asText()).isIn("amd64", "arm64");
    }

    @Test
    void the_config_runs_the_server_as_a_non_root_user_with_a_data_volume_and_a_health_check() {
        JsonNode c = config.get("config");
        assertThat(c.get("User").asText()).isEqualTo(UID + ":" + UID);
        assertThat(c.get("Volumes").has("/data")).isTrue();
        assertThat(c.get("ExposedPorts").has("3000/tcp")).isTrue();
        assertThat(c.get("Env").toString()).contains("RUNGU_DATA_DIR=/data", "RUNGU_HOST=0.0.0.0", "RUNGU_PORT=3000");
        assertThat(strings(c.get("Entrypoint"))).startsWith("/opt/java/bin/java")
                .contains("-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError")
                .endsWith("-jar", "/app/rungu.jar");
        assertThat(strings(c.get("Cmd"))).containsExactly("serve");
        List<String> probe = strings(c.get("Healthcheck").get("Test"));
        assertThat(probe).startsWith("CMD", "/opt/java/bin/java").contains("healthcheck", "--url")
                .endsWith("http://127.0.0.1:3000/health");
        assertThat(c.get("Healthcheck").get("Interval").asLong()).isPositive();
        assertThat(c.get("Labels").get("org.opencontainers.image.version").asText()).isEqualTo(version());
        assertThat(c.get("Labels").get("org.opencontainers.image.source").asText()).startsWith("https://");
        assertThat(c.get("Labels").get("org.opencontainers.image.licenses").asText()).isEqualTo("Apache-2.0");
    }

    @Test
    void layers_are_reproducible_sorted_with_one_mtime_and_root_owned_but_the_data_directory() throws IOException {
        Path root = rootfs();
        for (String layer : layerPaths) {
            List<String> names = new ArrayList<>();
            try (InputStream in = new BufferedInputStream(Files.newInputStream(files.get(layer)), 1 << 16)) {
                Tar.read(in, entry -> {
                    names.add(entry.name());
                    assertThat(entry.mtime()).as("mtime of %s", entry.name()).isEqualTo(MTIME);
                    int owner = entry.name().equals("data/") ? UID : 0;
                    assertThat(entry.uid()).as("uid of %s", entry.name()).isEqualTo(owner);
                    assertThat(entry.gid()).as("gid of %s", entry.name()).isEqualTo(owner);
                    assertThat(entry.name()).doesNotStartWith("/").doesNotContain("../");
                });
            }
            assertThat(names).as("entries of %s", layer).isSorted().doesNotHaveDuplicates();
        }
        assertThat(Files.readString(root.resolve("etc/passwd"))).contains("rungu:x:" + UID + ":" + UID + ":");
        assertThat(root.resolve("app/rungu.jar")).isRegularFile();
        assertThat(root.resolve("opt/java/bin/java")).isExecutable();
        // The dynamic loader and C library the runtime was linked against (the image has no distribution under it).
        try (var libs = Files.walk(root)) {
            assertThat(libs.map(p -> p.getFileName().toString())).contains("libc.so.6").anyMatch(n -> n.startsWith("ld-linux"));
        }
        assertThat(root.resolve("opt/java/lib/libawt_xawt.so")).doesNotExist();
    }

    @Test
    void the_jlinked_runtime_has_tls_certificates_and_the_modules_rungu_needs() throws Exception {
        Path java = rootfs().resolve("opt/java/bin/java");
        Process p = new ProcessBuilder(java.toString(), "--list-modules").redirectErrorStream(true).start();
        String modules = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(modules).contains("java.sql@", "java.net.http@", "java.desktop@", "java.management@", "jdk.unsupported@")
                .doesNotContain("jdk.compiler@", "jdk.jshell@");
        if (ModuleLayer.boot().findModule("jdk.crypto.ec").isPresent()) {
            assertThat(modules).contains("jdk.crypto.ec@");
        }
        KeyStore cacerts = KeyStore.getInstance(rootfs().resolve("opt/java/lib/security/cacerts").toFile(), (char[]) null);
        assertThat(cacerts.size()).as("CA certificates for outgoing TLS (OAuth, webhooks, SMTP)").isGreaterThan(50);
    }

    /**
     * As root where mount namespaces are allowed (CI), the server runs the way a container engine runs it: chrooted
     * into the unpacked layers as uid 65532, with only the image's files (its C libraries, /etc/passwd, /tmp, /data),
     * and a /proc and /dev of its own. Elsewhere (or with {@code -Drungu.image.chroot=false}) the unpacked runtime and
     * jar run on this machine, which still proves the module set.
     */
    @Test
    void the_unpacked_image_serves_health_with_its_own_runtime_and_passes_its_own_health_check() throws Exception {
        Path root = rootfs();
        boolean contained = canContain(root);
        Path data = contained ? root.resolve("data") : Files.createDirectories(dir.resolve("data"));
        int port = PackagedServer.freePort();
        JsonNode c = config.get("config");
        List<String> serve = new ArrayList<>(strings(c.get("Entrypoint")));
        serve.addAll(strings(c.get("Cmd")));
        Path log = dir.resolve("image-server.log");
        ProcessBuilder builder = command(root, contained, serve).redirectErrorStream(true).redirectOutput(log.toFile());
        image(builder.environment(), contained ? Path.of("/data") : data, port);
        long started = System.nanoTime();
        server = builder.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::destroy, "stop-image-server"));
        awaitHealth("http://127.0.0.1:" + port + "/health/ready", log);
        System.out.printf("[image] %s answered /health/ready %.1f s after start%n",
                contained ? "the image, chrooted as uid " + UID + ",": "the unpacked runtime", (System.nanoTime() - started) / 1e9);
        // The server keeps its state in the data directory (the image's volume): the SQLite file and the generated secret.
        assertThat(data.resolve("rungu.db")).isRegularFile();
        assertThat(data.resolve("secret")).isRegularFile();
        if (contained) {
            assertThat(Files.getAttribute(data.resolve("rungu.db"), "unix:uid")).isEqualTo(UID);
        }

        List<String> probe = new ArrayList<>();
        strings(c.get("Healthcheck").get("Test")).stream().skip(1).forEach(a -> probe.add(a.replace(":3000/", ":" + port + "/")));
        ProcessBuilder check = command(root, contained, probe).redirectErrorStream(true);
        image(check.environment(), contained ? Path.of("/data") : data, port);
        Process healthcheck = check.start();
        String output = new String(healthcheck.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(healthcheck.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(healthcheck.exitValue()).as("the image's health check: %s", output).isZero();
        assertThat(output).contains("OK");
        printSizes();
    }

    /** The image's command: chrooted into the layers in new mount and PID namespaces, or from the unpacked root. */
    private static ProcessBuilder command(Path root, boolean contained, List<String> command) {
        List<String> line = new ArrayList<>();
        if (contained) {
            // sh stays the namespace's first process (no exec): when unshare is stopped, --kill-child kills sh, and
            // with it every process of the namespace. The server itself would survive unshare: chroot's change of
            // user clears the parent-death signal --kill-child sets.
            line.addAll(List.of("unshare", "--mount", "--pid", "--fork", "--kill-child", "/bin/sh", "-c",
                    "mount -t proc proc \"$0/proc\" && mount --rbind /dev \"$0/dev\" && chroot --userspec="
                            + UID + ":" + UID + " \"$0\" \"$@\"", root.toString()));
            line.addAll(command);
        } else {
            command.forEach(a -> line.add(inRoot(root, a)));
        }
        return new ProcessBuilder(line);
    }

    /** Whether this test may chroot into the layers: root, with unshare, chroot and mount namespaces allowed. */
    private static boolean canContain(Path root) throws IOException, InterruptedException {
        if (!Boolean.parseBoolean(System.getProperty("rungu.image.chroot", "true"))) {
            System.out.println("[image] -Drungu.image.chroot=false: the unpacked runtime runs on this machine, not chrooted");
            return false;
        }
        if (!Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"))) {
            System.out.println("[image] not root: the unpacked runtime runs on this machine, not chrooted");
            return false;
        }
        Files.createDirectories(root.resolve("proc"));
        Files.createDirectories(root.resolve("dev"));
        try {
            Process p = new ProcessBuilder("unshare", "--mount", "--pid", "--fork", "/bin/sh", "-c",
                    "mount -t proc proc \"$0/proc\" && command -v chroot", root.toString())
                    .redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0) {
                return true;
            }
            System.out.println("[image] no mount namespace here (" + output.strip() + "): the unpacked runtime runs unchrooted");
        } catch (IOException e) {
            System.out.println("[image] no unshare here (" + e.getMessage() + "): the unpacked runtime runs unchrooted");
        }
        return false;
    }

    @Test
    void docker_loads_the_tarball_when_a_daemon_is_available() throws Exception {
        Process info = new ProcessBuilder("docker", "info").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!info.waitFor(30, TimeUnit.SECONDS) || info.exitValue() != 0) {
            System.out.println("[image] no Docker daemon here (docker info failed): docker load not tried");
            return;
        }
        Process load = new ProcessBuilder("docker", "load", "-i", tarball.toString()).redirectErrorStream(true).start();
        String output = new String(load.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(load.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(load.exitValue()).as("docker load: %s", output).isZero();
        assertThat(output).contains("rungu:" + version());
    }

    private static List<String> strings(JsonNode array) {
        List<String> list = new ArrayList<>();
        array.forEach(n -> list.add(n.asText()));
        return list;
    }

    /** The image's absolute paths (/opt/java, /app) under the unpacked root. */
    private static String inRoot(Path root, String argument) {
        if (argument.startsWith("/opt/java/") || argument.startsWith("/app/")) {
            return root.resolve(argument.substring(1)).toString();
        }
        return argument;
    }

    /** The image's environment, with the data directory and port of this test, and nothing inherited of Rungu's. */
    private void image(Map<String, String> env, Path data, int port) {
        env.keySet().removeIf(k -> k.startsWith("RUNGU_") || k.startsWith("APP_") || k.startsWith("JAVA_TOOL")
                || k.startsWith("JDK_JAVA") || k.equals("DATABASE_URL"));
        for (JsonNode variable : config.get("config").get("Env")) {
            String[] pair = variable.asText().split("=", 2);
            if (!pair[0].equals("PATH")) {
                env.put(pair[0], pair[1]);
            }
        }
        env.put("RUNGU_DATA_DIR", data.toString());
        env.put("RUNGU_HOST", "127.0.0.1");
        env.put("RUNGU_PORT", Integer.toString(port));
        env.put("RUNGU_SECURE_COOKIES", "false");
    }

    private void awaitHealth(String url, Path log) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plusSeconds(90);
        while (Instant.now().isBefore(deadline)) {
            if (!server.isAlive()) {
                throw new AssertionError("the image's server exited with " + server.exitValue() + ":\n" + Files.readString(log));
            }
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (ConnectException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the image's server did not answer " + url + " within 90 s:\n" + Files.readString(log));
    }

    private void printSizes() throws IOException {
        long total = 0;
        StringBuilder line = new StringBuilder();
        for (String layer : layerPaths) {
            long size = Files.size(files.get(layer));
            total += size;
            line.append(String.format(" %.1f", size / 1e6));
        }
        System.out.printf("[image] %s: %.1f MB tarball, layers (os, runtime, app) MB:%s, %.1f MB unpacked%n", tarball.getFileName(),
                Files.size(tarball) / 1e6, line, total / 1e6);
    }

    /** The layers unpacked in order into one directory (there are no deletions between them). */
    private synchronized Path rootfs() throws IOException {
        if (rootfs != null) {
            return rootfs;
        }
        Path root = Files.createDirectories(dir.resolve("rootfs"));
        boolean asRoot = Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        for (String layer : layerPaths) {
            try (InputStream in = new BufferedInputStream(Files.newInputStream(files.get(layer)), 1 << 16)) {
                Tar.read(in, entry -> {
                    Path target = root.resolve(entry.name()).normalize();
                    assertThat(target).startsWithRaw(root);
                    if (entry.directory()) {
                        Files.createDirectories(target);
                    } else {
                        Files.createDirectories(target.getParent());
                        Files.copy(entry.content(), target);
                    }
                    Files.setAttribute(target, "unix:mode", entry.mode());
                    if (asRoot) {
                        Files.setAttribute(target, "unix:uid", entry.uid());
                        Files.setAttribute(target, "unix:gid", entry.gid());
                    }
                });
            }
        }
        rootfs = root;
        return root;
    }

    private JsonNode read(String name) throws IOException {
        Path file = files.get(name);
        assertThat(file).as("%s in the tarball", name).isNotNull();
        return JSON.readTree(file.toFile());
    }

    private JsonNode blob(JsonNode descriptor) throws IOException {
        String path = "blobs/sha256/" + digestHex(descriptor);
        assertThat(sha256.get(path)).as("blob %s", path).isEqualTo(digestHex(descriptor));
        assertThat(Files.size(files.get(path))).isEqualTo(descriptor.get("size").asLong());
        return read(path);
    }

    private long blobSize(JsonNode descriptor) {
        try {
            return Files.size(files.get("blobs/sha256/" + digestHex(descriptor)));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String digestHex(JsonNode descriptor) {
        String digest = descriptor.get("digest").asText();
        assertThat(digest).startsWith("sha256:");
        return digest.substring("sha256:".length());
    }

    private static String version() {
        return System.getProperty("rungu.version", "0.1.0-SNAPSHOT");
    }

    private static String copy(InputStream in, Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
                out.write(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** One tar entry; its content stream is valid until the next entry is read. */
    record TarEntry(String name, int mode, int uid, int gid, long mtime, boolean directory, InputStream content) {}

    /** A ustar reader, enough for the tarballs BuildImage writes. */
    static final class Tar {
        interface Visitor {
            void visit(TarEntry entry) throws IOException;
        }

        static void read(InputStream in, Visitor visitor) throws IOException {
            while (true) {
                byte[] header = in.readNBytes(512);
                if (header.length < 512 || header[0] == 0) {
                    return;
                }
                String prefix = text(header, 345, 155);
                String name = (prefix.isEmpty() ? "" : prefix + "/") + text(header, 0, 100);
                long size = octal(header, 124, 12);
                Bounded content = new Bounded(in, size);
                visitor.visit(new TarEntry(name, (int) octal(header, 100, 8), (int) octal(header, 108, 8),
                        (int) octal(header, 116, 8), octal(header, 136, 12), header[156] == '5', content));
                in.skipNBytes(content.left + (512 - size % 512) % 512);
            }
        }

        private static String text(byte[] header, int offset, int length) {
            int end = offset;
            while (end < offset + length && header[end] != 0) {
                end++;
            }
            return new String(header, offset, end - offset, StandardCharsets.UTF_8);
        }

        private static long octal(byte[] header, int offset, int length) {
            String s = text(header, offset, length).trim();
            return s.isEmpty() ? 0 : Long.parseLong(s, 8);
        }
    }

    /** The content of one entry: at most {@code size} bytes of the archive. */
    private static final class Bounded extends InputStream {
        private final InputStream in;
        private long left;

        Bounded(InputStream in, long size) {
            this.in = in;
            this.left = size;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }

    }
}
