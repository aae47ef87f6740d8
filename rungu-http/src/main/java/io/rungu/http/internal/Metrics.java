package io.rungu.http.internal;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * Request counts and latencies of one plugin, and the JVM's own numbers, in the Prometheus text exposition format
 * 0.0.4. Labels are route templates, methods and statuses, so the number of series stays bounded whatever paths
 * clients send.
 */
public final class Metrics {
    /** Upper bounds of the latency buckets, in seconds (Prometheus' defaults). */
    static final double[] BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    private record Key(String route, String method, String status) {}

    private static final class Histogram {
        final LongAdder[] counts = new LongAdder[BUCKETS.length];
        final LongAdder count = new LongAdder();
        final DoubleAdder sum = new DoubleAdder();

        Histogram() {
            for (int i = 0; i < counts.length; i++) {
                counts[i] = new LongAdder();
            }
        }

        void observe(double seconds) {
            for (int i = 0; i < BUCKETS.length; i++) {
                if (seconds <= BUCKETS[i]) {
                    counts[i].increment();
                    break; // cumulated when written
                }
            }
            count.increment();
            sum.add(seconds);
        }
    }

    /** A further series read at each scrape. */
    private record Extra(String name, String type, String help, LongSupplier value) {}

    /** A further metric with labels: label set text (such as {@code pool="read"}) to value, read at each scrape. */
    private record Labelled(String name, String type, String help, java.util.function.Supplier<Map<String, Long>> values) {}

    private final List<Labelled> labelled = new CopyOnWriteArrayList<>();

    private final List<Extra> extras = new CopyOnWriteArrayList<>();
    private final Map<Key, LongAdder> requests = new ConcurrentHashMap<>();
    private final Map<Key, Histogram> durations = new ConcurrentHashMap<>();

    /** Counts one finished request. */
    public void record(String route, String method, int status, long nanos) {
        requests.computeIfAbsent(new Key(route, method, Integer.toString(status)), k -> new LongAdder()).increment();
        durations.computeIfAbsent(new Key(route, method, ""), k -> new Histogram()).observe(nanos / 1e9);
    }

    /**
     * Adds a series without labels, read at each scrape.
     *
     * @param type {@code counter} (the name then ends in {@code _total}) or {@code gauge}
     */
    public void add(String name, String type, String help, LongSupplier value) {
        extras.add(new Extra(name, type, help, value));
    }

    /**
     * Adds a metric whose series differ by labels, read at each scrape.
     *
     * @param values label name to label value to the value; the label name must be a Prometheus label name
     */
    public void addLabelled(String name, String type, String help, String label,
            java.util.function.Supplier<Map<String, Long>> values) {
        labelled.add(new Labelled(name, type, help, () -> {
            Map<String, Long> series = new TreeMap<>();
            values.get().forEach((v, n) -> series.put(label + "=\"" + escape(v) + "\"", n));
            return series;
        }));
    }

    /** Everything, as the text a Prometheus server scrapes. */
    public String scrape() {
        StringBuilder out = new StringBuilder(8192);
        header(out, "rungu_http_requests_total", "counter", "HTTP requests answered, by route template, method and status.");
        new TreeMap<>(byText(requests)).forEach((k, v) -> out.append(k).append(' ').append(v).append('\n'));

        header(out, "rungu_http_request_duration_seconds", "histogram", "Time to answer HTTP requests, by route template and method.");
        Map<String, Histogram> hs = new TreeMap<>();
        durations.forEach((k, h) -> hs.put(labels(k.route(), k.method(), null), h));
        hs.forEach((labels, h) -> {
            String inner = labels.substring(1, labels.length() - 1);
            long cumulative = 0;
            for (int i = 0; i < BUCKETS.length; i++) {
                cumulative += h.counts[i].sum();
                out.append("rungu_http_request_duration_seconds_bucket{").append(inner).append(",le=\"")
                        .append(number(BUCKETS[i])).append("\"} ").append(cumulative).append('\n');
            }
            long count = h.count.sum();
            out.append("rungu_http_request_duration_seconds_bucket{").append(inner).append(",le=\"+Inf\"} ")
                    .append(count).append('\n');
            out.append("rungu_http_request_duration_seconds_sum").append(labels).append(' ').append(number(h.sum.sum())).append('\n');
            out.append("rungu_http_request_duration_seconds_count").append(labels).append(' ').append(count).append('\n');
        });
        for (Extra e : extras) {
            header(out, e.name(), e.type(), e.help());
            gauge(out, e.name(), e.value().getAsLong());
        }
        for (Labelled l : labelled) {
            Map<String, Long> series = l.values().get();
            if (!series.isEmpty()) {
                header(out, l.name(), l.type(), l.help());
                series.forEach((labels, value) -> gauge(out, l.name() + "{" + labels + "}", value));
            }
        }
        jvm(out);
        return out.toString();
    }

    private static Map<String, Long> byText(Map<Key, LongAdder> counters) {
        Map<String, Long> m = new TreeMap<>();
        counters.forEach((k, v) -> m.put("rungu_http_requests_total" + labels(k.route(), k.method(), k.status()), v.sum()));
        return m;
    }

    private static void jvm(StringBuilder out) {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        MemoryUsage nonHeap = ManagementFactory.getMemoryMXBean().getNonHeapMemoryUsage();
        header(out, "rungu_jvm_memory_used_bytes", "gauge", "JVM memory in use.");
        gauge(out, "rungu_jvm_memory_used_bytes{area=\"heap\"}", heap.getUsed());
        gauge(out, "rungu_jvm_memory_used_bytes{area=\"nonheap\"}", nonHeap.getUsed());
        header(out, "rungu_jvm_memory_committed_bytes", "gauge", "JVM memory committed by the operating system.");
        gauge(out, "rungu_jvm_memory_committed_bytes{area=\"heap\"}", heap.getCommitted());
        gauge(out, "rungu_jvm_memory_committed_bytes{area=\"nonheap\"}", nonHeap.getCommitted());
        header(out, "rungu_jvm_memory_max_bytes", "gauge", "Most JVM memory that can be used (-1 when undefined).");
        gauge(out, "rungu_jvm_memory_max_bytes{area=\"heap\"}", heap.getMax());
        gauge(out, "rungu_jvm_memory_max_bytes{area=\"nonheap\"}", nonHeap.getMax());

        header(out, "rungu_jvm_gc_collections_total", "counter", "Garbage collections, by collector.");
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            gauge(out, "rungu_jvm_gc_collections_total{gc=\"" + escape(gc.getName()) + "\"}", Math.max(0, gc.getCollectionCount()));
        }
        header(out, "rungu_jvm_gc_collection_seconds_total", "counter", "Time spent in garbage collection, by collector.");
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            out.append("rungu_jvm_gc_collection_seconds_total{gc=\"").append(escape(gc.getName())).append("\"} ")
                    .append(number(Math.max(0, gc.getCollectionTime()) / 1000.0)).append('\n');
        }

        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        header(out, "rungu_jvm_threads", "gauge", "Live platform threads of the JVM, by kind.");
        gauge(out, "rungu_jvm_threads{state=\"live\"}", threads.getThreadCount());
        gauge(out, "rungu_jvm_threads{state=\"daemon\"}", threads.getDaemonThreadCount());
        gauge(out, "rungu_jvm_threads{state=\"peak\"}", threads.getPeakThreadCount());

        header(out, "rungu_process_uptime_seconds", "gauge", "Time since the JVM started.");
        out.append("rungu_process_uptime_seconds ").append(number(ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0)).append('\n');
        header(out, "rungu_process_start_time_seconds", "gauge", "Start time of the JVM since the Unix epoch.");
        out.append("rungu_process_start_time_seconds ")
                .append(number(ManagementFactory.getRuntimeMXBean().getStartTime() / 1000.0)).append('\n');
        header(out, "rungu_jvm_available_processors", "gauge", "Processors available to the JVM.");
        gauge(out, "rungu_jvm_available_processors", Runtime.getRuntime().availableProcessors());
    }

    private static void header(StringBuilder out, String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static void gauge(StringBuilder out, String series, long value) {
        out.append(series).append(' ').append(value).append('\n');
    }

    private static String labels(String route, String method, String status) {
        StringBuilder b = new StringBuilder("{route=\"").append(escape(route)).append("\",method=\"").append(escape(method)).append('"');
        if (status != null) {
            b.append(",status=\"").append(escape(status)).append('"');
        }
        return b.append('}').toString();
    }

    /** A label value as the format wants it: backslash, double quote and line feed escaped. */
    static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    /** A sample value: integers without a fraction, others as Java writes doubles (which the format accepts). */
    static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
