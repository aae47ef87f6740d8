package io.rungu.e2e;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Small generated images for upload tests. */
final class Png {
    private Png() {}

    /** A {@code width}×{@code height} PNG with two colored bands, written to {@code file}. */
    static Path write(Path file, int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(new Color(0x4f46e5));
            g.fillRect(0, 0, width, height);
            g.setColor(new Color(0xf59e0b));
            g.fillRect(0, height / 2, width, height - height / 2);
            g.setColor(Color.WHITE);
            g.fillOval(width / 4, height / 4, width / 2, height / 2);
        } finally {
            g.dispose();
        }
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("no PNG writer");
        }
        return file;
    }
}
