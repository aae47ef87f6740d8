package io.rungu.http.internal;

import static io.javalin.http.HandlerType.GET;

import io.javalin.http.Context;
import io.rungu.http.HttpConfig;
import io.rungu.http.internal.Route.Access;
import io.rungu.http.internal.Route.Param;
import io.rungu.http.internal.Route.Shape;
import io.rungu.model.Actor;
import io.rungu.model.BoardEvent;
import io.rungu.model.ErrorCode;
import io.rungu.model.EventTopic;
import io.rungu.model.Project;
import io.rungu.model.RunguException;
import io.rungu.store.Board;
import io.rungu.store.EventSubscription;
import io.rungu.store.Events;
import io.rungu.wire.Wire;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET <base>/api/projects/{slug}/events}: a board's events as Server-Sent Events.
 *
 * <p>One tail of the store's events per server feeds every stream (on PostgreSQL it sees the events of every server).
 * The tail only queues an event on the streams of its board; each stream renders it for its own viewer on a writer
 * thread, through the Board's reads ({@link Board#getPost}, {@link Board#getComment}, {@link Board#getProject}), so a
 * viewer gets exactly what those reads would give them and nothing else. An idle stream holds no thread (the request
 * is asynchronous); a stream whose queue fills up because its client does not read is ended.
 */
public final class LiveEvents implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LiveEvents.class);
    private static final byte[] HEARTBEAT = ": heartbeat\n\n".getBytes(StandardCharsets.US_ASCII);
    /** Queued in place of an event to make the writer send a heartbeat. */
    private static final Object BEAT = new Object();
    private static final int REPLAY_BATCH = 1000;
    /** Events read at most while looking for a board's missed ones, however few of them are the board's. */
    private static final int REPLAY_SCAN = 20_000;

    private final Board board;
    private final Events events;
    private final Json json;
    private final Guard guard;
    private final HttpConfig.Live settings;
    private final Map<String, Set<Stream>> byProject = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> perIp = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicLong dropped = new AtomicLong();
    private final ExecutorService writers;
    private final ScheduledExecutorService timer;
    private EventSubscription tail;
    private boolean closed;

    public LiveEvents(Board board, Events events, Json json, Guard guard, HttpConfig.Live settings) {
        this.board = board;
        this.events = events;
        this.json = json;
        this.guard = guard;
        this.settings = settings;
        // A writer thread exists only while a stream has something to send; at most one per stream.
        this.writers = new ThreadPoolExecutor(0, settings.maxStreams, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                daemon("rungu-live-writer"));
        this.timer = Executors.newSingleThreadScheduledExecutor(daemon("rungu-live-heartbeat"));
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    public void register(RouteTable t) {
        t.add(GET, "/api/projects/{slug}/events", this::stream)
                .doc("boards", "Live events of a board (Server-Sent Events); resume with Last-Event-ID", Access.PUBLIC)
                .query(new Param("last_event_id", "integer", "resume after this event (as the Last-Event-ID header, "
                        + "for clients that cannot set it); at most " + settings.replayEvents + " missed events are "
                        + "replayed, past that a resync event says to reload"))
                .reply(200, Shape.EVENTS, null)
                .also(429, "Too many open streams from this address or on this server", "Error").done();
    }

    /** Open streams now; for the metrics. */
    public int openStreams() {
        return open.get();
    }

    /** Streams ended because their client fell too far behind; for the metrics. */
    public long droppedStreams() {
        return dropped.get();
    }

    private void stream(Context ctx) throws IOException {
        Actor actor = Guard.actor(ctx);
        Project project = board.getProject(actor, ctx.pathParam("slug")); // 404/403 exactly as the board's reads
        long resumeAfter = lastEventId(ctx);
        String ip = guard.clientIp(ctx);
        Stream s = admit(ctx, actor, project, ip);
        ctx.status(200);
        ctx.res().setCharacterEncoding("UTF-8");
        ctx.res().setContentType("text/event-stream");
        ctx.res().setHeader("Cache-Control", "no-store");
        ctx.res().setHeader("X-Accel-Buffering", "no");
        ctx.res().setHeader("Connection", "close"); // a stream never shares its connection; its end closes it
        CompletableFuture<Void> done = s.done;
        ctx.future(() -> done);
        try {
            s.out = ctx.res().getOutputStream();
            s.write("retry: 3000\n: connected\n\n".getBytes(StandardCharsets.US_ASCII));
            if (resumeAfter >= 0) {
                s.replayedTo = replay(s, resumeAfter);
            }
        } catch (IOException | RuntimeException e) {
            s.close();
        }
        s.ready();
    }

    /** Counts the stream against the limits, or refuses it with 429; registers it with its board. */
    private Stream admit(Context ctx, Actor actor, Project project, String ip) {
        synchronized (this) {
            if (closed) {
                throw new RunguException(ErrorCode.UNAVAILABLE, "The server is stopping");
            }
            if (open.get() >= settings.maxStreams) {
                ctx.header("Retry-After", "30");
                throw new RunguException(ErrorCode.RATE_LIMITED, "Too many live streams on this server (at most "
                        + settings.maxStreams + "); retry in 30 s");
            }
            AtomicInteger fromIp = perIp.computeIfAbsent(ip, k -> new AtomicInteger());
            if (fromIp.get() >= settings.streamsPerIp) {
                ctx.header("Retry-After", "30");
                throw new RunguException(ErrorCode.RATE_LIMITED, "Too many live streams from your address (at most "
                        + settings.streamsPerIp + "); close one or retry in 30 s");
            }
            if (tail == null) { // the first stream starts the tail and the heartbeat
                tail = events.tail(this::publish);
                long beat = settings.heartbeat.toMillis();
                timer.scheduleAtFixedRate(this::beat, beat, beat, TimeUnit.MILLISECONDS);
            }
            fromIp.incrementAndGet();
            open.incrementAndGet();
            Stream s = new Stream(actor, project, ip, System.nanoTime() + settings.maxDuration.toNanos());
            byProject.computeIfAbsent(project.id(), k -> ConcurrentHashMap.newKeySet()).add(s);
            return s;
        }
    }

    /** The event to resume after: the {@code Last-Event-ID} header, else the query parameter; -1 for none. */
    private static long lastEventId(Context ctx) {
        String value = ctx.header("Last-Event-ID");
        if (value == null || value.isBlank()) {
            value = ctx.queryParam("last_event_id");
        }
        if (value == null || value.isBlank()) {
            return -1;
        }
        try {
            long id = Long.parseLong(value.trim());
            if (id >= 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw RunguException.invalid("last_event_id", "Last-Event-ID must be an event id (a whole number >= 0), got '"
                + (value.length() > 40 ? value.substring(0, 40) + "..." : value) + "'");
    }

    /**
     * Writes the board's events after {@code after}, up to the replay limit; past it, a {@code resync} event tells
     * the client to reload. Returns the newest event id looked at, so queued live events up to it are not sent twice.
     */
    private long replay(Stream s, long after) throws IOException {
        long position = after;
        int sent = 0;
        int scanned = 0;
        while (scanned < REPLAY_SCAN) {
            List<BoardEvent> batch = events.after(position, REPLAY_BATCH);
            for (BoardEvent event : batch) {
                position = event.sequence();
                if (!event.projectId().equals(s.project.id()) || EventTopic.of(event.type()).isEmpty()) {
                    continue;
                }
                if (sent == settings.replayEvents) {
                    s.write(frame("resync", null, "{}"));
                    return Long.MAX_VALUE;
                }
                byte[] frame = render(s, event);
                if (frame != null) {
                    s.write(frame);
                    sent++;
                }
            }
            scanned += batch.size();
            if (batch.size() < REPLAY_BATCH) {
                return position;
            }
        }
        s.write(frame("resync", null, "{}"));
        return Long.MAX_VALUE;
    }

    /** The tail's listener, on the store's event thread: queues the event on its board's streams, nothing more. */
    private void publish(BoardEvent event) {
        if (EventTopic.of(event.type()).isEmpty()) {
            return;
        }
        Set<Stream> streams = byProject.get(event.projectId());
        if (streams != null) {
            for (Stream s : streams) {
                s.offer(event);
            }
        }
    }

    private void beat() {
        long now = System.nanoTime();
        for (Set<Stream> streams : byProject.values()) {
            for (Stream s : streams) {
                if (now - s.endsAt >= 0) {
                    s.close();
                } else {
                    s.offer(BEAT);
                }
            }
        }
    }

    /**
     * The frame of {@code event} for this stream's viewer, or null when they may not see it. The Board decides:
     * a post they may not read (a hidden or waiting post, a board they lost access to) and a comment they may not
     * read (an internal note) are left out.
     */
    private byte[] render(Stream s, BoardEvent event) {
        EventTopic topic = EventTopic.of(event.type()).orElse(null);
        if (topic == null || topic == EventTopic.PROJECT_CREATED) {
            return null;
        }
        String id = Long.toString(event.sequence());
        Actor actor = s.actor;
        try {
            switch (topic) {
                case PROJECT_DELETED -> {
                    return frame(topic.wire(), id, json(new Wire.Removal(event.projectId(), null)));
                }
                case POST_DELETED -> {
                    boolean unknownToOthers = event.type() == BoardEvent.Type.POST_REJECTED || event.unlisted();
                    boolean withdrewIt = actor.userId() != null && actor.userId().equals(event.actorId());
                    if (unknownToOthers && !actor.isAdmin() && !withdrewIt) {
                        // It was hidden or waiting for approval: only admins (and the author who withdrew it) knew it
                        return null;
                    }
                    board.getProject(actor, s.project.slug());
                    return frame(topic.wire(), id, json(new Wire.Removal(event.projectId(), event.postId())));
                }
                case COMMENT_CREATED -> board.getComment(actor, event.commentId());
                default -> { }
            }
            if (event.postId() == null) {
                return null;
            }
            return frame(topic.wire(), id, json(Wire.post(board.getPost(actor, event.postId()))));
        } catch (RunguException e) {
            if (e.code() != ErrorCode.NOT_FOUND && e.code() != ErrorCode.FORBIDDEN
                    && e.code() != ErrorCode.UNAUTHENTICATED) {
                throw e;
            }
            if (event.type() == BoardEvent.Type.POST_HIDDEN && event.postId() != null) {
                // Gone from this viewer's board: they may have seen it before, so they learn no more than its id.
                return frame(EventTopic.POST_DELETED.wire(), id, json(new Wire.Removal(event.projectId(), event.postId())));
            }
            return null;
        }
    }

    private String json(Object value) {
        return new String(json.write(value), StandardCharsets.UTF_8);
    }

    private static byte[] frame(String name, String id, String data) {
        StringBuilder b = new StringBuilder(data.length() + 64);
        if (id != null) {
            b.append("id: ").append(id).append('\n');
        }
        b.append("event: ").append(name).append('\n');
        b.append("data: ").append(data).append("\n\n");
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Ends every stream and stops the tail; for the server stopping. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            if (tail != null) {
                tail.close();
            }
        }
        byProject.values().forEach(streams -> streams.forEach(Stream::close));
        timer.shutdownNow();
        writers.shutdown();
    }

    /** One client's stream: its viewer, its bounded queue and the writer that drains it. */
    private final class Stream {
        final Actor actor;
        final Project project;
        final String ip;
        final long endsAt;
        final ArrayBlockingQueue<Object> queue = new ArrayBlockingQueue<>(settings.queueEvents);
        final CompletableFuture<Void> done = new CompletableFuture<>();
        /** True while a writer task is scheduled or running; only then does anything write to {@link #out}. */
        final AtomicBoolean writing = new AtomicBoolean(true);
        final AtomicBoolean closing = new AtomicBoolean();
        volatile OutputStream out;
        /** Live events up to this id were replayed already. */
        volatile long replayedTo = -1;

        Stream(Actor actor, Project project, String ip, long endsAt) {
            this.actor = actor;
            this.project = project;
            this.ip = ip;
            this.endsAt = endsAt;
        }

        /** The initial part is written; from now on the writer tasks send what is queued. */
        void ready() {
            writing.set(false);
            if (!closing.get()) {
                schedule();
            } else if (writing.compareAndSet(false, true)) {
                done.complete(null);
            }
        }

        void offer(Object item) {
            if (closing.get()) {
                return;
            }
            if (!queue.offer(item)) {
                if (item == BEAT) {
                    return; // a full queue is being written already: no need to show life
                }
                dropped.incrementAndGet();
                LOG.debug("Live stream of {} on board {} fell {} events behind; ending it", ip, project.slug(),
                        settings.queueEvents);
                close();
                return;
            }
            schedule();
        }

        private void schedule() {
            if (writing.compareAndSet(false, true)) {
                try {
                    writers.execute(this::drain);
                } catch (java.util.concurrent.RejectedExecutionException e) {
                    writing.set(false);
                    close();
                }
            }
        }

        /** Sends what is queued; ends the response once the stream is closing. */
        private void drain() {
            while (true) {
                try {
                    Object item;
                    while (!closing.get() && (item = queue.poll()) != null) {
                        byte[] bytes = item == BEAT ? HEARTBEAT : eventFrame((BoardEvent) item);
                        if (bytes != null) {
                            write(bytes);
                        }
                        if (item instanceof BoardEvent e && e.type() == BoardEvent.Type.PROJECT_DELETED) {
                            close();
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    if (!(e instanceof IOException)) {
                        LOG.warn("Live stream of board {} failed: {}", project.slug(), e.toString());
                    }
                    close();
                }
                if (closing.get()) {
                    queue.clear();
                    done.complete(null);
                    return;
                }
                writing.set(false);
                if (queue.isEmpty() && !closing.get() || !writing.compareAndSet(false, true)) {
                    return;
                }
            }
        }

        private byte[] eventFrame(BoardEvent event) {
            return event.sequence() <= replayedTo ? null : render(this, event);
        }

        void write(byte[] bytes) throws IOException {
            out.write(bytes);
            out.flush();
        }

        /**
         * Stops queuing and frees the stream's places in the limits at once; the response ends when no writer is
         * busy (a writer blocked on a client that does not read ends it once its write fails or completes).
         */
        void close() {
            if (!closing.compareAndSet(false, true)) {
                return;
            }
            synchronized (LiveEvents.this) {
                Set<Stream> streams = byProject.get(project.id());
                if (streams != null) {
                    streams.remove(this);
                }
                open.decrementAndGet();
                perIp.computeIfPresent(ip, (k, n) -> n.decrementAndGet() <= 0 ? null : n);
            }
            queue.clear();
            if (writing.compareAndSet(false, true)) {
                done.complete(null);
            }
        }
    }
}
