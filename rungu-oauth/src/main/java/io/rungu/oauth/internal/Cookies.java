package io.rungu.oauth.internal;

import io.javalin.http.Context;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Builds and reads cookies by hand, so every attribute is exactly what the security rules say. */
public final class Cookies {
    private final boolean secure;
    private final String path;

    /**
     * @param secure add {@code Secure}
     * @param path   the mount's base path, or {@code /}
     */
    public Cookies(boolean secure, String path) {
        this.secure = secure;
        this.path = path;
    }

    /** Sets an HttpOnly, SameSite=Lax cookie under {@code path + subPath}. */
    public void set(Context ctx, String name, String value, Duration maxAge, String subPath) {
        ctx.res().addHeader("Set-Cookie", name + "=" + value + "; Path=" + path(subPath) + "; Max-Age="
                + maxAge.toSeconds() + "; HttpOnly; SameSite=Lax" + (secure ? "; Secure" : ""));
    }

    /** Tells the browser to drop the cookie set with the same name and path. */
    public void clear(Context ctx, String name, String subPath) {
        ctx.res().addHeader("Set-Cookie", name + "=; Path=" + path(subPath) + "; Max-Age=0; HttpOnly; SameSite=Lax"
                + (secure ? "; Secure" : ""));
    }

    private String path(String subPath) {
        if (subPath == null || subPath.isEmpty()) {
            return path;
        }
        return ("/".equals(path) ? "" : path) + subPath;
    }

    /** Every value sent for the cookie name (a browser may send several with different paths). */
    public static List<String> values(Context ctx, String name) {
        List<String> values = new ArrayList<>();
        var headers = ctx.req().getHeaders("Cookie");
        while (headers != null && headers.hasMoreElements()) {
            for (String part : headers.nextElement().split(";")) {
                int eq = part.indexOf('=');
                if (eq > 0 && part.substring(0, eq).strip().equals(name)) {
                    String value = part.substring(eq + 1).strip();
                    if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                        value = value.substring(1, value.length() - 1);
                    }
                    if (!value.isEmpty()) {
                        values.add(value);
                    }
                }
            }
        }
        return values;
    }
}
