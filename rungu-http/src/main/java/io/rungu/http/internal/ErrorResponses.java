package io.rungu.http.internal;

import io.javalin.http.Context;
import io.javalin.http.servlet.JavalinServletContext;
import io.javalin.http.servlet.Task;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Keeps Rungu's error responses Rungu's while the host's remaining handlers still run. Javalin runs the host's
 * {@code error(status)} handlers and then its {@code after} handlers for every response; skipping them all would
 * hide Rungu's errors from the host's access logs and metrics. So every remaining task runs, and whatever one of
 * them changes of the status, content type or body is put back right after it, before the next one sees it.
 */
final class ErrorResponses {
    private ErrorResponses() {}

    static void keep(Context ctx) {
        if (!(ctx instanceof JavalinServletContext servlet)) {
            ctx.skipRemainingHandlers();
            return;
        }
        int status = ctx.statusCode();
        String contentType = ctx.res().getContentType();
        byte[] body = bytes(ctx.resultInputStream());
        ctx.result(body);
        InputStream[] current = {ctx.resultInputStream()};
        Deque<Task> tasks = servlet.getTasks();
        List<Task> remaining = new ArrayList<>(tasks);
        tasks.clear();
        for (Task task : remaining) {
            tasks.add(new Task(task.getSkipOnExceptionAndRedirect(), () -> {
                try {
                    return task.getHandler().handle();
                } finally {
                    if (ctx.statusCode() != status || ctx.resultInputStream() != current[0]
                            || !java.util.Objects.equals(ctx.res().getContentType(), contentType)) {
                        ctx.status(status);
                        if (contentType != null) {
                            ctx.contentType(contentType);
                        }
                        ctx.result(body);
                        current[0] = ctx.resultInputStream();
                    }
                }
            }));
        }
    }

    private static byte[] bytes(InputStream in) {
        if (in == null) {
            return new byte[0];
        }
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
