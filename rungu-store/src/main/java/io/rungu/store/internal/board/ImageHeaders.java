package io.rungu.store.internal.board;

import io.rungu.model.Limits;
import io.rungu.model.RunguException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Reads an image's width and height without decoding its pixels, so that a file that only starts like an image,
 * or a small file that would decode into gigabytes, is refused. PNG, JPEG and GIF headers are read by the JDK's
 * ImageIO readers (PNG chunks and their checksums are also walked to the end); WebP's size comes from its RIFF
 * header, which the JDK cannot read.
 */
final class ImageHeaders {
    private ImageHeaders() {}

    /**
     * Refuses an image whose header does not parse as {@code mime} (INVALID) or whose area is over
     * {@link Limits#IMAGE_MAX_PIXELS} (TOO_LARGE).
     */
    static void check(byte[] bytes, String mime) {
        long[] size = switch (mime) {
            case "image/png" -> {
                requirePngChunks(bytes);
                yield imageIoSize(bytes, mime);
            }
            case "image/gif" -> {
                long[] frame = imageIoSize(bytes, mime);
                // The logical screen is what viewers allocate, whatever the first frame says.
                requireArea(new long[] {u16le(bytes, 6), u16le(bytes, 8)});
                yield frame;
            }
            case "image/jpeg" -> imageIoSize(bytes, mime);
            case "image/webp" -> webpSize(bytes);
            default -> throw new IllegalArgumentException("not an image type: " + mime);
        };
        requireArea(size);
    }

    private static void requireArea(long[] size) {
        if (size[0] <= 0 || size[1] <= 0) {
            throw RunguException.invalid("file", "The image has no width or height");
        }
        if (size[0] * size[1] > Limits.IMAGE_MAX_PIXELS) {
            throw RunguException.tooLarge("file", "Image too large: " + size[0] + " × " + size[1]
                    + " pixels (at most " + Limits.IMAGE_MAX_PIXELS / 1_000_000 + " megapixels)");
        }
    }

    private static long[] imageIoSize(byte[] bytes, String mime) {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByMIMEType(mime);
        if (!readers.hasNext()) {
            throw new IllegalStateException("This Java runtime has no ImageIO reader for " + mime);
        }
        ImageReader reader = readers.next();
        // A memory-backed stream: ImageIO's default would write a cache file and depends on a global setting.
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            reader.setInput(in, true, true);
            return new long[] {reader.getWidth(0), reader.getHeight(0)};
        } catch (IOException | RuntimeException e) {
            // Readers signal malformed input with IIOException and also with unchecked exceptions
            // (IndexOutOfBounds, IllegalArgument, NegativeArraySize); all of them mean "not this image type".
            throw notA(mime);
        } finally {
            reader.dispose();
        }
    }

    /** Every chunk is whole with a correct CRC, IHDR comes first, and IEND ends the file. */
    private static void requirePngChunks(byte[] bytes) {
        int at = 8;
        boolean first = true;
        CRC32 crc = new CRC32();
        while (true) {
            if (at + 12 > bytes.length) {
                throw notA("image/png");
            }
            long length = u32be(bytes, at);
            if (length > bytes.length - at - 12) {
                throw notA("image/png");
            }
            String type = new String(bytes, at + 4, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
            if (first && (!type.equals("IHDR") || length != 13)) {
                throw notA("image/png");
            }
            crc.reset();
            crc.update(bytes, at + 4, 4 + (int) length);
            if (crc.getValue() != u32be(bytes, at + 8 + (int) length)) {
                throw notA("image/png");
            }
            at += 12 + (int) length;
            first = false;
            if (type.equals("IEND")) {
                if (at != bytes.length) {
                    throw RunguException.invalid("file", "The PNG image has data after its end");
                }
                return;
            }
        }
    }

    /** Width and height from the first chunk: VP8X (extended), VP8L (lossless) or VP8 (lossy). */
    private static long[] webpSize(byte[] bytes) {
        if (bytes.length < 30 || u32le(bytes, 4) + 8 > bytes.length || u32le(bytes, 4) < 22
                || u32le(bytes, 16) > bytes.length - 20L) {
            throw notA("image/webp");
        }
        String chunk = new String(bytes, 12, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
        return switch (chunk) {
            case "VP8X" -> new long[] {u24le(bytes, 24) + 1, u24le(bytes, 27) + 1};
            case "VP8L" -> {
                if ((bytes[20] & 0xFF) != 0x2F) {
                    throw notA("image/webp");
                }
                long bits = u32le(bytes, 21);
                yield new long[] {(bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1};
            }
            case "VP8 " -> {
                if ((bytes[23] & 0xFF) != 0x9D || (bytes[24] & 0xFF) != 0x01 || (bytes[25] & 0xFF) != 0x2A) {
                    throw notA("image/webp");
                }
                yield new long[] {u16le(bytes, 26) & 0x3FFF, u16le(bytes, 28) & 0x3FFF};
            }
            default -> throw notA("image/webp");
        };
    }

    private static RunguException notA(String mime) {
        String kind = mime.substring("image/".length()).toUpperCase(Locale.ROOT);
        return RunguException.invalid("file", "The file is not a valid " + kind + " image: its content does not "
                + "parse as one");
    }

    private static long u16le(byte[] b, int at) {
        return at + 2 > b.length ? 0 : (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }

    private static long u24le(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (long) (b[at + 2] & 0xFF) << 16;
    }

    private static long u32le(byte[] b, int at) {
        return u24le(b, at) | (long) (b[at + 3] & 0xFF) << 24;
    }

    private static long u32be(byte[] b, int at) {
        return (long) (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | (b[at + 3] & 0xFF);
    }
}
