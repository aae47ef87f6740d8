import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.module.ModuleFinder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Build tooling, not part of any artifact: writes the Rungu container image as one tarball that {@code docker load}
 * (manifest.json) and OCI tools (oci-layout, index.json, blobs/) both read, without a container engine or a registry.
 *
 * <p>Run by rungu-cli's {@code image} profile and e2e's verify (exec-maven-plugin, as a single-file source program):
 * {@code java BuildImage.java --jar=rungu.jar --out=rungu-image.tar --work=DIR --version=V [--modules=a,b]
 * [--optional-modules=c,d] [--tag=rungu] [--source=URL] [--url=URL]}.
 *
 * <p>The image has no base to pull: three layers on an empty root file system,
 * <ol>
 *   <li>os: the C libraries the Java runtime and SQLite's native library link against, copied from this machine
 *       (found with ldd), minimal /etc/passwd, /etc/group and /etc/nsswitch.conf, /tmp and the /data volume;</li>
 *   <li>runtime: /opt/java, a runtime jlinked from the JDK running this program with just the modules Rungu needs;</li>
 *   <li>app: /app/rungu.jar.</li>
 * </ol>
 * Layers are reproducible: entries sorted, every mtime the same, owner root (the data directory the image's user),
 * no user or group names. They are stored uncompressed, so each layer's digest is also its diff_id.
 */
public final class BuildImage {
    static final int UID = 65532;
    static final String USER = UID + ":" + UID;
    static final int PORT = 3000;
    /** Every file's mtime and the config's "created": fixed, so the same inputs give the same digests. */
    static final Instant EPOCH = Instant.parse("1970-01-01T00:00:01Z");
    /** Flags of the server's JVM, sized for a container's memory and CPU limits (docs/operations.md). */
    static final List<String> JVM_FLAGS = List.of("-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError",
            "-Djava.awt.headless=true");
    /**
     * The modules of the runtime: {@code jdeps --multi-release 17 --ignore-missing-deps --print-module-deps
     * rungu-cli/target/rungu.jar} (java.desktop is ImageIO for uploads; java.security.jgss and .sasl PostgreSQL's and
     * the mail library's authentication; jdk.unsupported sun.misc.Unsafe). Run it again when a dependency changes; the
     * e2e ImageIT starts the server on the result.
     */
    static final List<String> MODULES = List.of("java.base", "java.desktop", "java.instrument", "java.management",
            "java.naming", "java.net.http", "java.rmi", "java.security.jgss", "java.security.sasl", "java.sql", "jdk.jfr",
            "jdk.unsupported");
    /**
     * Modules that only services reach, so jdeps cannot see them, linked when the building JDK has them: elliptic
     * curves for TLS (ECDHE with OAuth providers, webhooks, SMTP; part of java.base from Java 22) and DNS for JNDI.
     */
    static final List<String> OPTIONAL_MODULES = List.of("jdk.crypto.ec", "jdk.naming.dns");
    /** The health probe is a second, short-lived JVM: small heap, C1 only. */
    static final List<String> PROBE_FLAGS = List.of("-Xmx32m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
            "-Djava.awt.headless=true");

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (!arg.startsWith("--") || eq < 0) {
                throw new IllegalArgumentException("arguments are --name=value, got " + arg);
            }
            options.put(arg.substring(2, eq), arg.substring(eq + 1));
        }
        long started = System.nanoTime();
        Path out = new BuildImage(options).build();
        System.out.printf(Locale.ROOT, "[image] %s (%,d bytes) in %.1f s%n", out, Files.size(out),
                (System.nanoTime() - started) / 1e9);
    }

    private final Path jar;
    private final Path out;
    private final Path work;
    private final String version;
    private final String tag;
    private final List<String> modules;
    private final List<String> optionalModules;
    private final String source;
    private final String url;

    BuildImage(Map<String, String> options) {
        this.jar = Path.of(required(options, "jar")).toAbsolutePath();
        this.out = Path.of(required(options, "out")).toAbsolutePath();
        this.work = Path.of(required(options, "work")).toAbsolutePath();
        this.version = required(options, "version");
        this.tag = options.getOrDefault("tag", "rungu");
        this.modules = options.containsKey("modules") ? list(options.get("modules")) : MODULES;
        this.optionalModules = options.containsKey("optional-modules") ? list(options.get("optional-modules")) : OPTIONAL_MODULES;
        this.source = options.getOrDefault("source", "");
        this.url = options.getOrDefault("url", "");
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("--" + name + "= is required");
        }
        return value;
    }

    private static List<String> list(String value) {
        return value == null || value.isBlank() ? List.of()
                : Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    Path build() throws IOException, InterruptedException {
        if (!System.getProperty("os.name").equals("Linux")) {
            throw new IllegalStateException("the image holds this machine's Java runtime and C libraries, so it is built on "
                    + "Linux only (this is " + System.getProperty("os.name") + "); use the Dockerfile elsewhere");
        }
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no " + jar + ": package rungu-cli first");
        }
        String architecture = switch (System.getProperty("os.arch")) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            default -> throw new IllegalStateException("unsupported architecture " + System.getProperty("os.arch"));
        };
        deleteTree(work);
        Files.createDirectories(work);
        Path runtime = jlink(work.resolve("runtime"));

        Layer os = new Layer();
        os.directory("data", 0700, UID);
        os.directory("tmp", 01777, 0);
        os.file("etc/passwd", 0644, ("root:x:0:0:root:/root:/sbin/nologin\n"
                + "rungu:x:" + UID + ":" + UID + ":Rungu:/data:/sbin/nologin\n").getBytes(StandardCharsets.US_ASCII));
        os.file("etc/group", 0644, ("root:x:0:\nrungu:x:" + UID + ":\n").getBytes(StandardCharsets.US_ASCII));
        os.file("etc/nsswitch.conf", 0644, "passwd: files\ngroup: files\nhosts: files dns\n".getBytes(StandardCharsets.US_ASCII));
        for (Path library : nativeLibraries(runtime, architecture)) {
            os.file(library.toString().substring(1), 0755, library);
        }
        Layer java = new Layer();
        java.tree("opt/java", runtime);
        Layer app = new Layer();
        app.file("app/rungu.jar", 0644, jar);

        List<Blob> layers = List.of(os.write(work.resolve("layer-os.tar")), java.write(work.resolve("layer-runtime.tar")),
                app.write(work.resolve("layer-app.tar")));
        Blob config = Blob.of(Json.write(config(architecture, layers)));
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("schemaVersion", 2);
        manifest.put("mediaType", "application/vnd.oci.image.manifest.v1+json");
        manifest.put("config", descriptor("application/vnd.oci.image.config.v1+json", config));
        manifest.put("layers", layers.stream().map(l -> descriptor("application/vnd.oci.image.layer.v1.tar", l)).toList());
        Blob manifestBlob = Blob.of(Json.write(manifest));

        Map<String, Object> manifestDescriptor = descriptor("application/vnd.oci.image.manifest.v1+json", manifestBlob);
        manifestDescriptor.put("annotations", Map.of("io.containerd.image.name", "docker.io/library/" + tag + ":" + version,
                "org.opencontainers.image.ref.name", version));
        Map<String, Object> index = new LinkedHashMap<>();
        index.put("schemaVersion", 2);
        index.put("mediaType", "application/vnd.oci.image.index.v1+json");
        index.put("manifests", List.of(manifestDescriptor));
        Map<String, Object> dockerManifest = new LinkedHashMap<>();
        dockerManifest.put("Config", config.path());
        dockerManifest.put("RepoTags", List.of(tag + ":" + version, tag + ":latest"));
        dockerManifest.put("Layers", layers.stream().map(Blob::path).toList());

        Layer archive = new Layer();
        archive.directory("blobs", 0755, 0);
        archive.directory("blobs/sha256", 0755, 0);
        for (Blob blob : layers) {
            archive.file(blob.path(), 0644, blob.file);
        }
        archive.file(config.path(), 0644, config.bytes);
        archive.file(manifestBlob.path(), 0644, manifestBlob.bytes);
        archive.file("index.json", 0644, Json.write(index));
        archive.file("manifest.json", 0644, Json.write(List.of(dockerManifest)));
        archive.file("oci-layout", 0644, "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.US_ASCII));
        Files.createDirectories(out.getParent());
        archive.write(out);
        for (Blob blob : layers) {
            Files.delete(blob.file);
        }
        return out;
    }

    private Map<String, Object> config(String architecture, List<Blob> layers) {
        List<String> entrypoint = new ArrayList<>();
        entrypoint.add("/opt/java/bin/java");
        entrypoint.addAll(JVM_FLAGS);
        entrypoint.addAll(List.of("-jar", "/app/rungu.jar"));
        List<String> probe = new ArrayList<>(List.of("CMD", "/opt/java/bin/java"));
        probe.addAll(PROBE_FLAGS);
        probe.addAll(List.of("-jar", "/app/rungu.jar", "healthcheck", "--timeout", "5", "--url",
                "http://127.0.0.1:" + PORT + "/health"));
        Map<String, Object> healthcheck = new LinkedHashMap<>();
        healthcheck.put("Test", probe);
        healthcheck.put("Interval", 30_000_000_000L);
        healthcheck.put("Timeout", 10_000_000_000L);
        healthcheck.put("StartPeriod", 60_000_000_000L);
        healthcheck.put("Retries", 3);
        Map<String, String> labels = new TreeMap<>();
        labels.put("org.opencontainers.image.title", "Rungu");
        labels.put("org.opencontainers.image.description", "Self-hosted product-feedback board");
        labels.put("org.opencontainers.image.version", version);
        labels.put("org.opencontainers.image.licenses", "Apache-2.0");
        labels.put("org.opencontainers.image.base.name", "scratch");
        labels.put("org.opencontainers.image.created", EPOCH.toString());
        if (!source.isEmpty()) {
            labels.put("org.opencontainers.image.source", source);
        }
        if (!url.isEmpty()) {
            labels.put("org.opencontainers.image.url", url);
            labels.put("org.opencontainers.image.documentation", url);
        }
        labels.put("io.rungu.java.version", Runtime.version().toString());
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("User", USER);
        inner.put("Env", List.of("PATH=/opt/java/bin:/usr/local/bin:/usr/bin:/bin", "JAVA_HOME=/opt/java",
                "RUNGU_DATA_DIR=/data", "RUNGU_HOST=0.0.0.0", "RUNGU_PORT=" + PORT));
        inner.put("Entrypoint", entrypoint);
        inner.put("Cmd", List.of("serve"));
        inner.put("WorkingDir", "/data");
        inner.put("ExposedPorts", Map.of(PORT + "/tcp", Map.of()));
        inner.put("Volumes", Map.of("/data", Map.of()));
        inner.put("StopSignal", "SIGTERM");
        inner.put("Labels", labels);
        inner.put("Healthcheck", healthcheck);
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("created", EPOCH.toString());
        config.put("architecture", architecture);
        config.put("os", "linux");
        config.put("config", inner);
        config.put("rootfs", Map.of("type", "layers", "diff_ids", layers.stream().map(Blob::digest).toList()));
        config.put("history", List.of(
                Map.of("created", EPOCH.toString(), "created_by", "rungu BuildImage: C libraries, users, /tmp, /data"),
                Map.of("created", EPOCH.toString(), "created_by", "rungu BuildImage: jlink " + String.join(",", linkedModules)),
                Map.of("created", EPOCH.toString(), "created_by", "rungu BuildImage: /app/rungu.jar " + version)));
        return config;
    }

    private static Map<String, Object> descriptor(String mediaType, Blob blob) {
        Map<String, Object> descriptor = new LinkedHashMap<>();
        descriptor.put("mediaType", mediaType);
        descriptor.put("digest", blob.digest());
        descriptor.put("size", blob.size);
        return descriptor;
    }

    private List<String> linkedModules = List.of();

    /** jlink of the JDK running this program: the modules given, plus the optional ones this JDK has. */
    private Path jlink(Path output) throws IOException {
        ToolProvider jlink = ToolProvider.findFirst("jlink").orElseThrow(() -> new IllegalStateException(
                "no jlink in " + System.getProperty("java.home") + ": build the image with a JDK, not a JRE"));
        List<String> wanted = new ArrayList<>(modules);
        ModuleFinder system = ModuleFinder.ofSystem();
        for (String module : optionalModules) {
            if (system.find(module).isPresent()) {
                wanted.add(module);
            }
        }
        linkedModules = List.copyOf(wanted);
        List<String> arguments = new ArrayList<>(List.of("--add-modules", String.join(",", wanted), "--strip-debug",
                "--no-header-files", "--no-man-pages",
                // zip level 6 either way; Java 21 renamed the option's value.
                Runtime.version().feature() >= 21 ? "--compress=zip-6" : "--compress=2", "--output", output.toString()));
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        try (var print = new java.io.PrintStream(log, true, StandardCharsets.UTF_8)) {
            int status = jlink.run(print, print, arguments.toArray(String[]::new));
            if (status != 0) {
                boolean jmods = Files.isDirectory(Path.of(System.getProperty("java.home"), "jmods"));
                throw new IllegalStateException("jlink " + String.join(" ", arguments) + " failed (" + status + "):\n"
                        + log.toString(StandardCharsets.UTF_8) + (jmods ? "" : "\nThis JDK has no jmods directory: install "
                        + "its jmods (Debian, Ubuntu: the openjdk-<version>-jmods package) or build with a JDK that has them "
                        + "or links from its own run-time image (JDK 24+ built that way, such as Temurin 25)."));
            }
        }
        // A Linux distribution's JDK may link its CA certificates to the system's store: keep the file, not the link.
        try (Stream<Path> files = Files.walk(output)) {
            for (Path link : files.filter(Files::isSymbolicLink).toList()) {
                Path target = link.toRealPath();
                Files.delete(link);
                Files.copy(target, link);
            }
        }
        // The X11 and sound parts of java.desktop: the server is headless and silent, and they would pull the X and ALSA
        // libraries into the image.
        for (String name : List.of("libawt_xawt.so", "libjawt.so", "libsplashscreen.so", "libjsound.so")) {
            Files.deleteIfExists(output.resolve("lib").resolve(name));
        }
        return output;
    }

    private static final Pattern LDD_RESOLVED = Pattern.compile("^\\s*(\\S+) => (/\\S+) \\(0x[0-9a-f]+\\)$");
    private static final Pattern LDD_MISSING = Pattern.compile("^\\s*(\\S+) => not found$");
    private static final Pattern LDD_DIRECT = Pattern.compile("^\\s*(/\\S+) \\(0x[0-9a-f]+\\)$");

    /** The shared libraries (and the dynamic loader) the runtime's executables and libraries and SQLite's need. */
    private List<Path> nativeLibraries(Path runtime, String architecture) throws IOException, InterruptedException {
        List<Path> elfs = new ArrayList<>();
        try (Stream<Path> files = Files.walk(runtime)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                if (isElf(file)) {
                    elfs.add(file);
                }
            }
        }
        Path sqlite = work.resolve("libsqlitejdbc.so");
        String entryName = "org/sqlite/native/Linux/" + (architecture.equals("amd64") ? "x86_64" : "aarch64") + "/libsqlitejdbc.so";
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            ZipEntry entry = zip.getEntry(entryName);
            if (entry == null) {
                throw new IllegalStateException(jar + " has no " + entryName);
            }
            try (InputStream in = zip.getInputStream(entry)) {
                Files.copy(in, sqlite);
            }
        }
        elfs.add(sqlite);
        Set<String> inRuntime = new java.util.HashSet<>();
        for (Path elf : elfs) {
            inRuntime.add(elf.getFileName().toString());
        }
        java.util.SortedSet<Path> libraries = new java.util.TreeSet<>();
        for (Path elf : elfs) {
            Process ldd = new ProcessBuilder("ldd", elf.toString()).redirectErrorStream(true).start();
            String output = new String(ldd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (ldd.waitFor() != 0) {
                throw new IllegalStateException("ldd " + elf + " failed:\n" + output);
            }
            for (String line : output.split("\n")) {
                Matcher resolved = LDD_RESOLVED.matcher(line);
                Matcher missing = LDD_MISSING.matcher(line);
                Matcher direct = LDD_DIRECT.matcher(line);
                if (resolved.matches()) {
                    if (!resolved.group(2).startsWith(runtime.toString())) {
                        libraries.add(Path.of(resolved.group(2)).normalize());
                    }
                } else if (missing.matches()) {
                    if (!inRuntime.contains(missing.group(1))) {
                        throw new IllegalStateException(elf + " needs " + missing.group(1) + ", which this machine lacks");
                    }
                } else if (direct.matches()) {
                    libraries.add(Path.of(direct.group(1)).normalize());
                }
            }
        }
        Files.delete(sqlite);
        return List.copyOf(libraries);
    }

    private static boolean isElf(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] magic = in.readNBytes(4);
            return magic.length == 4 && magic[0] == 0x7f && magic[1] == 'E' && magic[2] == 'L' && magic[3] == 'F';
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** A blob of the image: in memory (config, manifest) or a file (a layer), with its sha256. */
    static final class Blob {
        final byte[] bytes;
        final Path file;
        final String sha256;
        final long size;

        private Blob(byte[] bytes, Path file, String sha256, long size) {
            this.bytes = bytes;
            this.file = file;
            this.sha256 = sha256;
            this.size = size;
        }

        static Blob of(byte[] bytes) {
            return new Blob(bytes, null, HexFormat.of().formatHex(sha256().digest(bytes)), bytes.length);
        }

        String digest() {
            return "sha256:" + sha256;
        }

        String path() {
            return "blobs/sha256/" + sha256;
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A reproducible tar (ustar): entries sorted by name, parents before children, every parent directory present,
     * one mtime, numeric owners only.
     */
    static final class Layer {
        private record Entry(int mode, int owner, byte[] bytes, Path file, boolean directory) {}

        private final TreeMap<String, Entry> entries = new TreeMap<>();

        void directory(String name, int mode, int owner) {
            parents(name);
            entries.put(name + "/", new Entry(mode, owner, null, null, true));
        }

        void file(String name, int mode, byte[] bytes) {
            parents(name);
            entries.put(name, new Entry(mode, 0, bytes, null, false));
        }

        void file(String name, int mode, Path file) {
            parents(name);
            entries.put(name, new Entry(mode, 0, null, file, false));
        }

        /** A directory of this machine under {@code name}, files 0755 when executable, else 0644. */
        void tree(String name, Path dir) throws IOException {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted().toList()) {
                    String relative = dir.relativize(p).toString();
                    String entry = relative.isEmpty() ? name : name + "/" + relative;
                    if (Files.isDirectory(p)) {
                        directory(entry, 0755, 0);
                    } else {
                        boolean executable = Files.getPosixFilePermissions(p).contains(PosixFilePermission.OWNER_EXECUTE);
                        file(entry, executable ? 0755 : 0644, p);
                    }
                }
            }
        }

        private void parents(String name) {
            int slash = name.indexOf('/');
            while (slash > 0) {
                entries.putIfAbsent(name.substring(0, slash + 1), new Entry(0755, 0, null, null, true));
                slash = name.indexOf('/', slash + 1);
            }
        }

        /** Writes the tar to {@code target}; the blob's digest is the sha256 of these (uncompressed) bytes. */
        Blob write(Path target) throws IOException {
            MessageDigest digest = sha256();
            long size;
            try (OutputStream file = Files.newOutputStream(target);
                 var buffered = new java.io.BufferedOutputStream(file, 1 << 16);
                 DigestOutputStream out = new DigestOutputStream(buffered, digest)) {
                long written = 0;
                for (Map.Entry<String, Entry> e : entries.entrySet()) {
                    Entry entry = e.getValue();
                    long length = entry.directory ? 0 : entry.bytes != null ? entry.bytes.length : Files.size(entry.file);
                    byte[] header = header(e.getKey(), entry.mode, entry.owner, length, entry.directory);
                    out.write(header);
                    written += header.length;
                    if (entry.bytes != null) {
                        out.write(entry.bytes);
                    } else if (entry.file != null) {
                        Files.copy(entry.file, out);
                    }
                    int padding = (int) ((512 - length % 512) % 512);
                    out.write(new byte[padding]);
                    written += length + padding;
                }
                out.write(new byte[1024]);
                size = written + 1024;
            }
            return new Blob(null, target, HexFormat.of().formatHex(digest.digest()), size);
        }

        private static byte[] header(String name, int mode, int owner, long size, boolean directory) {
            byte[] h = new byte[512];
            byte[] full = name.getBytes(StandardCharsets.UTF_8);
            String prefix = "";
            String rest = name;
            if (full.length > 100) {
                // ustar: split at a slash into prefix (<= 155 bytes) and name (<= 100 bytes).
                int split = name.lastIndexOf('/', directory ? name.length() - 2 : name.length() - 1);
                while (split > 0 && (split > 155 || name.length() - split - 1 > 100)) {
                    split = name.lastIndexOf('/', split - 1);
                }
                if (split <= 0 || name.length() - split - 1 > 100) {
                    throw new IllegalStateException("path too long for a ustar entry: " + name);
                }
                prefix = name.substring(0, split);
                rest = name.substring(split + 1);
            }
            put(h, 0, 100, rest.getBytes(StandardCharsets.UTF_8));
            octal(h, 100, 8, mode);
            octal(h, 108, 8, owner);
            octal(h, 116, 8, owner);
            octal(h, 124, 12, size);
            octal(h, 136, 12, EPOCH.getEpochSecond());
            Arrays.fill(h, 148, 156, (byte) ' ');
            h[156] = (byte) (directory ? '5' : '0');
            put(h, 257, 6, "ustar\0".getBytes(StandardCharsets.US_ASCII));
            put(h, 263, 2, "00".getBytes(StandardCharsets.US_ASCII));
            octal(h, 329, 8, 0);
            octal(h, 337, 8, 0);
            put(h, 345, 155, prefix.getBytes(StandardCharsets.UTF_8));
            long sum = 0;
            for (byte b : h) {
                sum += b & 0xff;
            }
            byte[] checksum = String.format(Locale.ROOT, "%06o\0 ", sum).getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(checksum, 0, h, 148, 8);
            return h;
        }

        private static void put(byte[] h, int offset, int length, byte[] value) {
            if (value.length > length) {
                throw new IllegalStateException("tar field too long: " + new String(value, StandardCharsets.UTF_8));
            }
            System.arraycopy(value, 0, h, offset, value.length);
        }

        private static void octal(byte[] h, int offset, int length, long value) {
            String digits = Long.toOctalString(value);
            if (digits.length() > length - 1) {
                throw new IllegalStateException("tar field overflow: " + value);
            }
            String padded = "0".repeat(length - 1 - digits.length()) + digits;
            put(h, offset, length, (padded + "\0").getBytes(StandardCharsets.US_ASCII));
        }
    }

    /** Just enough JSON for image configs and manifests: maps (keys sorted when not already ordered), lists, strings, numbers. */
    static final class Json {
        static byte[] write(Object value) {
            StringBuilder out = new StringBuilder();
            append(out, value);
            return out.toString().getBytes(StandardCharsets.UTF_8);
        }

        private static void append(StringBuilder out, Object value) {
            if (value instanceof Map<?, ?> map) {
                Map<?, ?> ordered = map instanceof LinkedHashMap || map instanceof TreeMap ? map : new TreeMap<>(map);
                out.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> e : ordered.entrySet()) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    string(out, e.getKey().toString());
                    out.append(':');
                    append(out, e.getValue());
                }
                out.append('}');
            } else if (value instanceof List<?> list) {
                out.append('[');
                for (int i = 0; i < list.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    append(out, list.get(i));
                }
                out.append(']');
            } else if (value instanceof Number number) {
                out.append(number);
            } else {
                string(out, value.toString());
            }
        }

        private static void string(StringBuilder out, String s) {
            out.append('"');
            for (char c : s.toCharArray()) {
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    default -> {
                        if (c < 0x20) {
                            out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
            out.append('"');
        }
    }
}
