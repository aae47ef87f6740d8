package io.rungu.cli.bench;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The bare route of the HTTP benchmark, run as its own process: a Javalin server with the defaults the packaged
 * server has (the same compression) that answers each request with the bytes Rungu gave for the same method and
 * path, read once from memory, so the difference to Rungu is Rungu's own work per request.
 *
 * <p>Arguments: the port and the directory the harness wrote ({@code index.tsv}: METHOD, path with query, content
 * type, file name, one a line). A path not in the index is answered with the first answer of its method (the vote
 * scenario sends more distinct paths than were captured).
 */
public final class BareServer {
    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        Path dir = Path.of(args[1]);
        Map<String, Answer> answers = new HashMap<>();
        Map<String, Answer> firstByMethod = new HashMap<>();
        for (String line : Files.readAllLines(dir.resolve("index.tsv"))) {
            String[] f = line.split("\t");
            Answer answer = new Answer(f[2], Files.readAllBytes(dir.resolve(f[3])));
            answers.put(f[0] + " " + f[1], answer);
            firstByMethod.putIfAbsent(f[0], answer);
        }
        Javalin app = Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.concurrency.useVirtualThreads = Runtime.version().feature() >= 21; // as RunguServer
            for (String method : List.of("GET", "POST")) {
                io.javalin.http.Handler handler = ctx -> answer(ctx, answers, firstByMethod.get(method));
                if (method.equals("GET")) {
                    c.routes.get("/*", handler);
                } else {
                    c.routes.post("/*", handler);
                }
            }
        }).start("127.0.0.1", port);
        System.out.println("bare route on port " + app.port());
    }

    private static void answer(Context ctx, Map<String, Answer> answers, Answer fallback) {
        String query = ctx.queryString();
        Answer a = answers.getOrDefault(ctx.method().name() + " " + ctx.path() + (query == null ? "" : "?" + query), fallback);
        ctx.contentType(a.contentType()).result(a.bytes());
    }

    private record Answer(String contentType, byte[] bytes) {}

    private BareServer() {}
}
