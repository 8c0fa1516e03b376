package dev.dl4jrunner.infer;

import dev.dl4jrunner.run.AtomicFiles;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A PNG grid of images with two caption lines each, the first in red: the worst-misclassified images of an
 * evaluation, so that people see what the model gets wrong. Images are read with ImageIO and scaled to fit their
 * tile; one ImageIO cannot read (a CMYK JPEG, say) gets a grey tile that says so.
 */
final class ContactSheet {
    static final int TILE = 160;
    private static final int COLUMNS = 6;
    private static final int MARGIN = 8;
    private static final int CAPTION = 32;
    private static final int TITLE = 28;

    /** One image and its two caption lines. */
    record Tile(Path image, String headline, String detail) {
    }

    private ContactSheet() {
    }

    static void write(Path target, String title, List<Tile> tiles) throws IOException {
        BufferedImage sheet = render(title, tiles);
        AtomicFiles.write(target, temporary -> {
            if (!ImageIO.write(sheet, "png", temporary.toFile())) {
                throw new IOException("no PNG writer");
            }
        });
    }

    static BufferedImage render(String title, List<Tile> tiles) {
        int columns = Math.max(1, Math.min(COLUMNS, tiles.size()));
        int rows = (tiles.size() + columns - 1) / columns;
        int width = MARGIN + columns * (TILE + MARGIN);
        int height = TITLE + MARGIN + rows * (TILE + CAPTION + MARGIN);
        BufferedImage sheet = new BufferedImage(Math.max(width, 480), height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, sheet.getWidth(), sheet.getHeight());
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
            g.drawString(fit(g, title, sheet.getWidth() - 2 * MARGIN), MARGIN, TITLE - 8);
            for (int i = 0; i < tiles.size(); i++) {
                int x = MARGIN + (i % columns) * (TILE + MARGIN);
                int y = TITLE + MARGIN + (i / columns) * (TILE + CAPTION + MARGIN);
                drawTile(g, tiles.get(i), x, y);
            }
        } finally {
            g.dispose();
        }
        return sheet;
    }

    private static void drawTile(Graphics2D g, Tile tile, int x, int y) {
        BufferedImage image = read(tile.image());
        if (image == null) {
            g.setColor(Color.LIGHT_GRAY);
            g.fillRect(x, y, TILE, TILE);
            g.setColor(Color.DARK_GRAY);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            g.drawString("cannot show this image", x + 8, y + TILE / 2);
        } else {
            double scale = Math.min((double) TILE / image.getWidth(), (double) TILE / image.getHeight());
            int w = Math.max(1, (int) Math.round(image.getWidth() * scale));
            int h = Math.max(1, (int) Math.round(image.getHeight() * scale));
            g.drawImage(image, x + (TILE - w) / 2, y + (TILE - h) / 2, w, h, null);
        }
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 11));
        g.setColor(new Color(0xB00020));
        g.drawString(fit(g, tile.headline(), TILE), x, y + TILE + 13);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.setColor(Color.DARK_GRAY);
        g.drawString(fit(g, tile.detail(), TILE), x, y + TILE + 27);
    }

    private static BufferedImage read(Path file) {
        try {
            return ImageIO.read(file.toFile());
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** {@code text}, cut with an ellipsis in the middle to fit {@code width} pixels: file names keep their end. */
    private static String fit(Graphics2D g, String text, int width) {
        FontMetrics metrics = g.getFontMetrics();
        if (metrics.stringWidth(text) <= width) {
            return text;
        }
        for (int keep = text.length() - 1; keep > 2; keep--) {
            int head = keep / 2;
            String cut = text.substring(0, head) + "…" + text.substring(text.length() - (keep - head));
            if (metrics.stringWidth(cut) <= width) {
                return cut;
            }
        }
        return "…";
    }
}
