package io.rungu.mcp.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads newline-terminated lines of bytes, holding at most {@code maxBytes} of one line in memory: the rest of a
 * longer line is read and dropped, and the line is reported as oversized.
 */
final class BoundedLineReader {
    /** One line without its terminator; {@code bytes} is null when the line was longer than the limit. */
    record Line(byte[] bytes) {
        boolean oversized() {
            return bytes == null;
        }

        boolean blank() {
            if (bytes == null) {
                return false;
            }
            for (byte b : bytes) {
                if (b != ' ' && b != '\t' && b != '\r') {
                    return false;
                }
            }
            return true;
        }
    }

    private final InputStream in;
    private final int maxBytes;
    private final byte[] buffer = new byte[8192];
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private int pos;
    private int len;

    BoundedLineReader(InputStream in, int maxBytes) {
        this.in = in;
        this.maxBytes = maxBytes;
    }

    /** The next line, or null at the end of the stream. A last line without newline is returned too. */
    Line next() throws IOException {
        line.reset();
        boolean oversized = false;
        boolean started = false;
        while (true) {
            if (pos == len) {
                int n = in.read(buffer);
                if (n < 0) {
                    return started ? finish(oversized) : null;
                }
                pos = 0;
                len = n;
            }
            started = true;
            int start = pos;
            while (pos < len && buffer[pos] != '\n') {
                pos++;
            }
            int count = pos - start;
            if (!oversized) {
                if (line.size() + count > maxBytes + 1) { // +1 tolerates the '\r' of a CRLF line at the limit
                    oversized = true;
                    line.reset();
                } else {
                    line.write(buffer, start, count);
                }
            }
            if (pos < len) {
                pos++; // the newline
                return finish(oversized);
            }
        }
    }

    private Line finish(boolean oversized) {
        if (oversized) {
            return new Line(null);
        }
        byte[] bytes = line.toByteArray();
        int n = bytes.length;
        if (n > 0 && bytes[n - 1] == '\r') {
            n--;
        }
        if (n > maxBytes) {
            return new Line(null);
        }
        return new Line(n == bytes.length ? bytes : java.util.Arrays.copyOf(bytes, n));
    }
}
