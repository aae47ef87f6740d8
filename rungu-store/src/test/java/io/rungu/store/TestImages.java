package io.rungu.store;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;

/** Real (and deliberately crafted) image files for upload tests, built in memory. */
public final class TestImages {
    private TestImages() {}

    /** A real {@code width}×{@code height} image written by ImageIO ("png", "jpeg" or "gif"). */
    public static byte[] image(String format, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < width; x++) {
            for (int y = 0; y < height; y++) {
                image.setRGB(x, y, (x + y) % 2 == 0 ? Color.ORANGE.getRGB() : Color.BLUE.getRGB());
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A small real PNG. */
    public static byte[] png() {
        return image("png", 4, 3);
    }

    /** A small real JPEG. */
    public static byte[] jpeg() {
        return image("jpeg", 4, 3);
    }

    /** A small real GIF. */
    public static byte[] gif() {
        return image("gif", 4, 3);
    }

    /** A valid PNG of exactly {@code size} bytes: a small image padded with a private ancillary chunk. */
    public static byte[] pngOfSize(int size) {
        byte[] small = image("png", 1, 1);
        int iend = small.length - 12;
        int padding = size - small.length - 12;
        if (padding < 0) {
            throw new IllegalArgumentException("at least " + (small.length + 12) + " bytes");
        }
        byte[] out = new byte[size];
        System.arraycopy(small, 0, out, 0, iend);
        System.arraycopy(chunk("ruNg", new byte[padding]), 0, out, iend, padding + 12);
        System.arraycopy(small, iend, out, size - 12, 12);
        return out;
    }

    /**
     * A PNG whose header claims {@code width}×{@code height} pixels with one tiny compressed block: well formed
     * (every chunk checksum right), but decoding it would need width × height × 3 bytes.
     */
    public static byte[] pngClaiming(int width, int height) {
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 2)
                .put((byte) 0).put((byte) 0).put((byte) 0);
        byte[] signature = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10};
        return concat(signature, chunk("IHDR", ihdr.array()), chunk("IDAT", new byte[] {0x78, (byte) 0x9C, 3, 0, 0, 0, 0, 1}),
                chunk("IEND", new byte[0]));
    }

    /** A WebP whose extended (VP8X) header says {@code width}×{@code height}. */
    public static byte[] webp(int width, int height) {
        ByteBuffer b = ByteBuffer.allocate(30 + 10).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(40 - 8).put("WEBP".getBytes(StandardCharsets.US_ASCII));
        b.put("VP8X".getBytes(StandardCharsets.US_ASCII)).putInt(10).putInt(0);
        b.put((byte) (width - 1)).put((byte) ((width - 1) >> 8)).put((byte) ((width - 1) >> 16));
        b.put((byte) (height - 1)).put((byte) ((height - 1) >> 8)).put((byte) ((height - 1) >> 16));
        return b.array();
    }

    /** The first bytes of a format followed by HTML: what a crafted "image" looks like. */
    public static byte[] magicThenHtml(byte[] magic) {
        return concat(magic, "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.US_ASCII));
    }

    static byte[] chunk(String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        return ByteBuffer.allocate(12 + data.length).putInt(data.length).put(typeBytes).put(data)
                .putInt((int) crc.getValue()).array();
    }

    static byte[] concat(byte[]... parts) {
        int length = Arrays.stream(parts).mapToInt(p -> p.length).sum();
        ByteBuffer b = ByteBuffer.allocate(length);
        for (byte[] p : parts) {
            b.put(p);
        }
        return b.array();
    }
}
