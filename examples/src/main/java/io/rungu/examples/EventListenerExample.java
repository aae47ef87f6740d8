package io.rungu.examples;

import io.rungu.model.Actor;
import io.rungu.model.BoardEvent;
import io.rungu.model.NewPost;
import io.rungu.model.NewProject;
import io.rungu.model.PostEdit;
import io.rungu.model.PostStatus;
import io.rungu.model.Role;
import io.rungu.store.Board;
import io.rungu.store.EventSubscription;
import io.rungu.store.RunguStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Subscribes the host application to the board's events in-process. Every Board write records its events in the
 * same transaction; the store hands them to each named consumer in order, once, and keeps the consumer's position
 * in the database, so events written while the application was down arrive after its restart.
 *
 * <p>Run: {@code java -cp ... io.rungu.examples.EventListenerExample [path/to/rungu.db]}
 */
public final class EventListenerExample {
    private EventListenerExample() {}

    public static void main(String[] args) throws Exception {
        Path file = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("rungu-example").resolve("rungu.db");
        for (BoardEvent event : run(file)) {
            System.out.println(event.sequence() + " " + event.type() + " by " + event.actorId() + " via " + event.channel());
        }
    }

    /** Makes a board, a post and a status change, and returns the events the listener received. */
    static List<BoardEvent> run(Path file) throws InterruptedException {
        BlockingQueue<BoardEvent> received = new LinkedBlockingQueue<>();
        try (RunguStore store = RunguStore.open(db -> db.url = "jdbc:sqlite:" + file);
             // "my-app" names this consumer: its position survives restarts. The listener runs on the store's event
             // thread; throwing from it means "not handled", and the event is offered again later.
             EventSubscription subscription = store.events().subscribe("my-app", received::add)) {
            Board board = store.board();
            Actor admin = Actor.of(store.accounts().ensureUser("owner@example.com", "Owner", Role.ADMIN).id(), Role.ADMIN);
            String slug = board.createProject(admin, new NewProject("Mobile app", null, "")).slug();
            String postId = board.createPost(admin, slug, new NewPost("Dark mode", "", null)).post().id();
            board.editPost(admin, postId, PostEdit.status(PostStatus.PLANNED));
            List<BoardEvent> events = new java.util.ArrayList<>();
            while (events.size() < 3) {
                BoardEvent event = received.poll(10, TimeUnit.SECONDS);
                if (event == null) {
                    throw new IllegalStateException("events did not arrive");
                }
                events.add(event);
            }
            return events;
        }
    }
}
