package io.rungu.http.bench;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.rungu.http.RunguPlugin;
import io.rungu.oauth.RunguAuth;
import io.rungu.model.Actor;
import io.rungu.model.PageRequest;
import io.rungu.model.PostQuery;
import io.rungu.model.PostSort;
import io.rungu.model.Project;
import io.rungu.model.Role;
import io.rungu.model.User;
import io.rungu.store.DemoData;
import io.rungu.store.RunguStore;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntFunction;

/**
 * Rungu's REST API against a bare Javalin route that returns the same bytes from memory, on one seeded SQLite
 * database (100k posts, 500k votes), loaded by the same client with the same concurrency. Not a test: run it with
 * {@code mvn -o -q -pl rungu-http -am test-compile -Pbench} (see docs/performance.md).
 *
 * <p>System properties: {@code bench.posts} (100000), {@code bench.votes} (500000), {@code bench.threads} (8),
 * {@code bench.seconds} (10), {@code bench.warmup} (5), {@code bench.db} (a temp file, reused when it exists),
 * {@code bench.only} (scenario numbers to run, e.g. "03"; all by default), {@code bench.pause} (seconds to wait
 * before loading, for probing the servers by hand), {@code bench.auth} ({@code session}: every request carries a
 * real session cookie checked by {@link RunguAuth}, as in the packaged server; {@code header}: a host resolver
 * reads the user id from a header, as an embedding host with its own login would).
 */
public final class HttpBenchmark {
    private static final String USER_HEADER = "X-Bench-User";
    /** Session cookie ("session=...") by user id, when {@code bench.auth=session}. */
    private static final Map<String, String> COOKIES = new ConcurrentHashMap<>();

    record Scenario(String name, String method, IntFunction<String> path, byte[] sample) {}

    record Result(double rps, double p50, double p99, long errors, double cpuMicrosPerRequest) {}

    public static void main(String[] args) throws Exception {
        int posts = Integer.getInteger("bench.posts", 100_000);
        int votes = Integer.getInteger("bench.votes", 500_000);
        int threads = Integer.getInteger("bench.threads", 8);
        int seconds = Integer.getInteger("bench.seconds", 10);
        int warmup = Integer.getInteger("bench.warmup", 5);
        Path db = Path.of(System.getProperty("bench.db",
                System.getProperty("java.io.tmpdir") + "/rungu-bench-" + posts + "-" + votes + ".db"));
        boolean seeded = Files.exists(db);

        try (RunguStore store = RunguStore.open(c -> c.url = "jdbc:sqlite:" + db)) {
            if (!seeded) {
                long t0 = System.nanoTime();
                DemoData.generate(store, new DemoData.Options(10, posts, votes, posts / 2, 10_000, 42),
                        (step, done, total) -> { });
                System.out.printf(Locale.ROOT, "seeded %s: %d posts, %d votes in %.1f s%n", db, posts, votes,
                        (System.nanoTime() - t0) / 1e9);
            } else {
                System.out.println("reusing " + db);
            }
            BenchBoard bench = BenchBoard.of(store);
            List<User> users = bench.members();
            Project project = bench.project();
            List<String> postIds = bench.postIds();
            List<String> words = bench.words();
            User viewer = users.get(0);

            boolean sessions = !System.getProperty("bench.auth", "session").equals("header");
            RunguAuth auth = sessions ? RunguAuth.create(store, a -> {
                a.secret = "benchmark-secret-0123456789abcdef0123456789";
                a.baseUrl = "http://localhost";
                a.secureCookies = false;
            }) : null;
            Javalin rungu = Javalin.create(c -> {
                c.startup.showJavalinBanner = false;
                c.registerPlugin(sessions
                        ? new RunguPlugin(store, auth, http -> http.rateLimits.enabled = false)
                        : new RunguPlugin(store, HttpBenchmark::actor, http -> http.rateLimits.enabled = false));
            }).start("127.0.0.1", 0);
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String base = "http://127.0.0.1:" + rungu.port();
            if (sessions) {
                for (User u : users) {
                    String link = auth.createSignInLink(u.email(), Role.MEMBER, java.time.Duration.ofMinutes(5));
                    HttpResponse<byte[]> signedIn = send(client, base, "GET", link.substring(link.indexOf("/auth/link/")), null);
                    String cookie = signedIn.headers().allValues("Set-Cookie").stream()
                            .filter(c -> c.startsWith("session=")).findFirst()
                            .orElseThrow(() -> new IllegalStateException("sign-in gave no session cookie"));
                    COOKIES.put(u.id(), cookie.substring(0, cookie.indexOf(';')));
                }
            }
            String slug = project.slug();
            List<Scenario> scenarios = List.of(
                    new Scenario("board list (most_votes, 20/page, voted-state)", "GET",
                            i -> "/api/projects/" + slug + "/posts?sort=most_votes&per_page=20&page=" + (1 + i % 5), null),
                    new Scenario("post detail", "GET", i -> "/api/posts/" + postIds.get(i % postIds.size()), null),
                    new Scenario("search (q, relevance, 20/page)", "GET",
                            i -> "/api/projects/" + slug + "/posts?per_page=20&q=" + words.get(i % words.size()), null),
                    new Scenario("vote toggle", "POST", i -> "/api/posts/" + postIds.get(i % postIds.size()) + "/vote", null));
            List<Scenario> withSamples = new ArrayList<>();
            for (Scenario s : scenarios) {
                byte[] sample = send(client, base, s.method(), s.path().apply(0), viewer.id()).body();
                withSamples.add(new Scenario(s.name(), s.method(), s.path(), sample));
            }

            Javalin bare = Javalin.create(c -> {
                c.startup.showJavalinBanner = false;
                for (int i = 0; i < withSamples.size(); i++) {
                    byte[] bytes = withSamples.get(i).sample();
                    io.javalin.http.Handler h = ctx -> ctx.contentType("application/json; charset=utf-8").result(bytes);
                    c.routes.get("/bare/" + i, h);
                    c.routes.post("/bare/" + i, h);
                }
            }).start("127.0.0.1", 0);
            String bareBase = "http://127.0.0.1:" + bare.port();
            long pause = Long.getLong("bench.pause", 0);
            if (pause > 0) {
                System.out.println("rungu " + base + "/api/projects/" + slug + "/posts?sort=most_votes&per_page=20 bare "
                        + bareBase + "/bare/0 user " + viewer.id());
                Thread.sleep(pause * 1000);
            }

            System.out.printf(Locale.ROOT, "%nboard '%s' (%d posts), viewer %s, %d client threads, %d s per run (+%d s warm-up), "
                    + "%s, JDK %s%n", slug, project.postCount(), viewer.id(), threads, seconds, warmup,
                    sessions ? "session cookies (RunguAuth)" : "host resolver (header)", System.getProperty("java.version"));
            System.out.printf(Locale.ROOT, "%-48s %10s %8s %8s %8s | %10s %8s %8s %8s | %6s%n", "scenario", "rungu r/s",
                    "p50 ms", "p99 ms", "cpu µs", "bare r/s", "p50 ms", "p99 ms", "cpu µs", "ratio");
            String only = System.getProperty("bench.only", "");
            // warm every path on both servers first, so JIT compilation is not billed to the first scenario
            for (int i = 0; i < withSamples.size(); i++) {
                int index = i;
                run(client, base, withSamples.get(i).method(), withSamples.get(i).path(), users, threads, warmup);
                run(client, bareBase, withSamples.get(i).method(), k -> "/bare/" + index, users, threads, warmup);
            }
            for (int i = 0; i < withSamples.size(); i++) {
                if (!only.isEmpty() && !only.contains(Integer.toString(i))) {
                    continue;
                }
                Scenario s = withSamples.get(i);
                int index = i;
                Result r = load(client, base, s.method(), s.path(), users, threads, warmup, seconds);
                Result b = load(client, bareBase, s.method(), k -> "/bare/" + index, users, threads, warmup, seconds);
                System.out.printf(Locale.ROOT, "%-48s %10.0f %8.2f %8.2f %8.0f | %10.0f %8.2f %8.2f %8.0f | %5.0f%%%s%n",
                        s.name(), r.rps(), r.p50(), r.p99(), r.cpuMicrosPerRequest(), b.rps(), b.p50(), b.p99(),
                        b.cpuMicrosPerRequest(), 100 * r.rps() / b.rps(),
                        r.errors() + b.errors() > 0 ? "  (errors: " + r.errors() + "/" + b.errors() + ")" : "");
            }
            Actor viewerActor = Actor.of(viewer.id(), Role.MEMBER);
            var board = store.board();
            IntFunction<Object> list = listCalls(board, users, slug);
            String listUncached;
            try (RunguStore uncached = RunguStore.open(c -> {
                c.url = "jdbc:sqlite:" + db;
                c.cacheTtl = java.time.Duration.ZERO;
            })) {
                listUncached = direct(listCalls(uncached.board(), users, slug));
            }
            System.out.printf(Locale.ROOT, "%nin-process Board calls (one thread, no HTTP), p50/mean ms: list %s (list cache off: %s), "
                            + "detail %s, search %s%n",
                    direct(list), listUncached,
                    direct(i -> board.getPost(viewerActor, postIds.get(i % postIds.size()))),
                    direct(i -> board.listPosts(viewerActor, slug, new PostQuery(null, null, null, words.get(i % words.size()),
                            PageRequest.of(1, 20)))));
            bare.stop();
            rungu.stop();
        }
    }

    /** Board list calls as the HTTP scenario makes them: most voted, pages 1-5, the viewer changing every 13 calls. */
    private static IntFunction<Object> listCalls(io.rungu.store.Board board, List<User> users, String slug) {
        return i -> board.listPosts(Actor.of(users.get((i / 13) % users.size()).id(), Role.MEMBER), slug,
                new PostQuery(PostSort.MOST_VOTES, null, null, null, PageRequest.of(1 + i % 5, 20)));
    }

    /** p50 of a Board call on one thread: up to 500 calls after 50 warm-up calls, at most ~5 s in all. */
    private static String direct(IntFunction<Object> call) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        for (int i = 0; i < 50 && System.nanoTime() < deadline; i++) {
            call.apply(i);
        }
        long[] took = new long[500];
        int n = 0;
        while (n < took.length && (n < 5 || System.nanoTime() < deadline)) {
            long t0 = System.nanoTime();
            call.apply(n);
            took[n++] = System.nanoTime() - t0;
        }
        double mean = Arrays.stream(took, 0, n).average().orElse(0) / 1e6;
        Arrays.sort(took, 0, n);
        return String.format(Locale.ROOT, "%.2f/%.2f", took[n / 2] / 1e6, mean);
    }

    static Actor actor(Context ctx) {
        String user = ctx.header(USER_HEADER);
        return user == null ? Actor.anonymous() : Actor.of(user, Role.MEMBER);
    }

    private static HttpResponse<byte[]> send(HttpClient client, String base, String method, String path, String user)
            throws IOException, InterruptedException {
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        String cookie = user == null ? null : COOKIES.get(user);
        if (cookie != null) {
            // Same origin, as the web app's own writes are: the cross-site check lets them through.
            req.header("Cookie", cookie).header("Origin", "http://localhost");
        } else if (user != null) {
            req.header(USER_HEADER, user);
        }
        return client.send(req.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static Result load(HttpClient client, String base, String method, IntFunction<String> path, List<User> users,
                               int threads, int warmupSeconds, int seconds) throws Exception {
        run(client, base, method, path, users, threads, warmupSeconds);
        return run(client, base, method, path, users, threads, seconds);
    }

    private static Result run(HttpClient client, String base, String method, IntFunction<String> path, List<User> users,
                              int threads, int seconds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicBoolean stop = new AtomicBoolean();
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        List<Future<long[]>> futures = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            futures.add(pool.submit(() -> {
                long[] latencies = new long[1 << 16];
                int n = 0;
                long errors = 0;
                int i = thread * 7919;
                while (!stop.get()) {
                    String user = users.get((i / 13) % users.size()).id();
                    long t0 = System.nanoTime();
                    int status;
                    try {
                        status = send(client, base, method, path.apply(i), user).statusCode();
                    } catch (IOException e) {
                        status = 599; // a pooled keep-alive connection closed under the client: counted, not fatal
                    }
                    long took = System.nanoTime() - t0;
                    if (status >= 400) {
                        errors++;
                    }
                    if (n == latencies.length) {
                        latencies = Arrays.copyOf(latencies, n * 2);
                    }
                    latencies[n++] = took;
                    i++;
                }
                long[] out = Arrays.copyOf(latencies, n + 1);
                out[n] = errors;
                return out;
            }));
        }
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        List<Long> all = new ArrayList<>();
        long errors = 0;
        for (Future<long[]> f : futures) {
            long[] l = f.get();
            for (int k = 0; k < l.length - 1; k++) {
                all.add(l[k]);
            }
            errors += l[l.length - 1];
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long cpu = os.getProcessCpuTime() - cpu0;
        pool.shutdown();
        long[] sorted = all.stream().mapToLong(Long::longValue).sorted().toArray();
        return new Result(sorted.length / elapsed, sorted[sorted.length / 2] / 1e6,
                sorted[(int) (sorted.length * 0.99)] / 1e6, errors, cpu / 1e3 / sorted.length);
    }

    private HttpBenchmark() {}
}
