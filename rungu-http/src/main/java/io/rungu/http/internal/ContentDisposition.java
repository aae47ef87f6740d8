package io.rungu.http.internal;

import java.nio.charset.StandardCharsets;

/** RFC 6266 Content-Disposition values: an ASCII fallback name plus the exact UTF-8 name. */
public final class ContentDisposition {
    private ContentDisposition() {}

    /** {@code inline; filename="..."; filename*=UTF-8''...}, safe for any input (quotes, CR/LF, non-ASCII). */
    public static String inline(String filename) {
        return "inline; " + names(filename);
    }

    /** {@code attachment; filename=...}: the browser saves the file instead of showing it. */
    public static String attachment(String filename) {
        return "attachment; " + names(filename);
    }

    private static String names(String filename) {
        String name = filename == null || filename.isEmpty() ? "attachment" : filename;
        StringBuilder ascii = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            ascii.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? c : '_');
        }
        StringBuilder encoded = new StringBuilder();
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "!#$&+-.^_`|~".indexOf(c) >= 0) {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return "filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }
}
