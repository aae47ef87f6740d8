package io.rungu.store.board;

import io.rungu.model.Actor;
import io.rungu.model.Role;
import io.rungu.store.Board;
import io.rungu.store.RunguStore;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A server process that toggles votes from many threads until it is killed: each voter (one per thread) votes once
 * for each post, and the line {@code ack <user> <post>} is printed only after the toggle was answered. Run and
 * killed by {@link VoteCrashTest}; arguments: database JDBC URL, a file of user ids, a file of post ids.
 */
public final class VotingProcess {
    private VotingProcess() {}

    public static void main(String[] args) throws Exception {
        RunguStore store = RunguStore.open(c -> c.url = args[0]);
        Board board = store.board();
        List<String> users = Files.readAllLines(Path.of(args[1]));
        List<String> posts = Files.readAllLines(Path.of(args[2]));
        PrintStream out = System.out;
        for (String user : users) {
            new Thread(() -> {
                Actor.Account voter = Actor.of(user, Role.MEMBER);
                for (String post : posts) {
                    board.toggleVote(voter, post);
                    synchronized (out) {
                        out.println("ack " + user + " " + post);
                        out.flush();
                    }
                }
            }).start();
        }
        Thread.sleep(Long.MAX_VALUE); // until killed
    }
}
