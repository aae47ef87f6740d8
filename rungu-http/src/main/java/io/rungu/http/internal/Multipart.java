package io.rungu.http.internal;

import io.rungu.model.ErrorCode;
import io.rungu.model.RunguException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * A minimal multipart/form-data reader over a body already read with a size bound. Only what an upload needs:
 * find one named part and return its file name, declared type and bytes.
 */
public final class Multipart {
    private Multipart() {}

    /** One part of the form. */
    public record Part(String name, String filename, String contentType, byte[] bytes) {}

    /** The boundary of a multipart/form-data Content-Type, or UNSUPPORTED_MEDIA_TYPE. */
    public static String boundary(String contentType) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            throw new RunguException(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                    "Upload the file as multipart/form-data in a field named 'file'");
        }
        for (String param : contentType.split(";")) {
            String p = param.trim();
            if (p.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
                String b = p.substring("boundary=".length()).trim();
                if (b.length() >= 2 && b.startsWith("\"") && b.endsWith("\"")) {
                    b = b.substring(1, b.length() - 1);
                }
                if (!b.isEmpty() && b.length() <= 200) {
                    return b;
                }
            }
        }
        throw new RunguException(ErrorCode.INVALID, "Invalid multipart data: no boundary");
    }

    /** The first part named {@code field}; INVALID when the body is not well-formed or has no such part. */
    public static Part find(byte[] body, String boundary, String field) {
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        int pos = indexOf(body, delimiter, 0);
        if (pos < 0) {
            throw invalid("no boundary found");
        }
        while (true) {
            int afterDelim = pos + delimiter.length;
            if (startsWith(body, afterDelim, "--")) {
                break; // closing delimiter
            }
            if (!startsWith(body, afterDelim, "\r\n")) {
                throw invalid("malformed delimiter");
            }
            int headersStart = afterDelim + 2;
            int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), headersStart);
            if (headersEnd < 0 || headersEnd - headersStart > 8 * 1024) {
                throw invalid("malformed part headers");
            }
            String headers = new String(body, headersStart, headersEnd - headersStart, StandardCharsets.UTF_8);
            int contentStart = headersEnd + 4;
            byte[] next = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
            int contentEnd = indexOf(body, next, contentStart);
            if (contentEnd < 0) {
                throw invalid("unterminated part");
            }
            Part part = part(headers, Arrays.copyOfRange(body, contentStart, contentEnd));
            if (field.equals(part.name())) {
                return part;
            }
            pos = contentEnd + 2;
        }
        throw new RunguException(ErrorCode.INVALID, "No '" + field + "' field in the multipart data");
    }

    private static Part part(String headers, byte[] bytes) {
        String name = null;
        String filename = null;
        String type = null;
        for (String line : headers.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            if (key.equals("content-disposition")) {
                name = param(value, "name");
                filename = param(value, "filename");
            } else if (key.equals("content-type")) {
                type = value;
            }
        }
        return new Part(name, filename, type, bytes);
    }

    /** A parameter of a header value, quoted (with backslash escapes) or bare. */
    static String param(String header, String key) {
        int i = 0;
        while (i < header.length()) {
            int semi = header.indexOf(';', i);
            if (semi < 0) {
                return null;
            }
            int start = semi + 1;
            while (start < header.length() && header.charAt(start) == ' ') {
                start++;
            }
            int eq = header.indexOf('=', start);
            if (eq < 0) {
                return null;
            }
            String k = header.substring(start, eq).trim().toLowerCase(Locale.ROOT);
            int v = eq + 1;
            StringBuilder value = new StringBuilder();
            if (v < header.length() && header.charAt(v) == '"') {
                v++;
                while (v < header.length() && header.charAt(v) != '"') {
                    char c = header.charAt(v);
                    if (c == '\\' && v + 1 < header.length()) {
                        v++;
                        c = header.charAt(v);
                    }
                    value.append(c);
                    v++;
                }
                v++;
            } else {
                while (v < header.length() && header.charAt(v) != ';') {
                    value.append(header.charAt(v++));
                }
            }
            if (k.equals(key)) {
                return value.toString().trim();
            }
            i = v;
        }
        return null;
    }

    private static RunguException invalid(String why) {
        return new RunguException(ErrorCode.INVALID, "Invalid multipart data: " + why);
    }

    private static boolean startsWith(byte[] a, int at, String s) {
        if (at + s.length() > a.length) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (a[at + i] != (byte) s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    static int indexOf(byte[] a, byte[] needle, int from) {
        outer:
        for (int i = Math.max(0, from); i <= a.length - needle.length; i++) {
            if (a[i] != needle[0]) {
                continue;
            }
            for (int j = 1; j < needle.length; j++) {
                if (a[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
