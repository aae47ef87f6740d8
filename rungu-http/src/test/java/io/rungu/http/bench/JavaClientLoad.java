package io.rungu.http.bench;

import io.javalin.http.Context;
import io.rungu.model.Actor;
import io.rungu.model.Role;
import io.rungu.model.User;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntFunction;

/**
 * The in-JVM {@code java.net.http} load of {@link DatabaseBenchmark}: threads sending requests as members named by a
 * header (a host resolver, {@link #actor}), counting requests/s, p50/p99 and the process CPU per request. It drives
 * no more than a few thousand requests per second, so it compares databases, not Rungu with a bare server: that is
 * the wrk benchmark's job (rungu-cli, {@code -Pbench}, docs/performance.md).
 */
final class JavaClientLoad {
    private static final String USER_HEADER = "X-Bench-User";

    record Result(double rps, double p50, double p99, long errors, double cpuMicrosPerRequest) {}

    static Actor actor(Context ctx) {
        String user = ctx.header(USER_HEADER);
        return user == null ? Actor.anonymous() : Actor.of(user, Role.MEMBER);
    }

    private static HttpResponse<byte[]> send(HttpClient client, String base, String method, String path, String user)
            throws IOException, InterruptedException {
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (user != null) {
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

    private JavaClientLoad() {}
}
