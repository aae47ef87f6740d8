package io.rungu.store.internal.board;

import io.rungu.model.Limits;
import io.rungu.model.RunguException;
import java.util.Locale;

/** Uploads are judged by their bytes: PNG, JPEG, WebP or GIF that parse as such, within the size and area limits, with a safe file name. */
final class AttachmentRules {
    private AttachmentRules() {}

    /** The image type detected from the first bytes, or null. */
    static String detectMime(byte[] bytes) {
        if (bytes.length >= 4 && (bytes[0] & 0xFF) == 0x89 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G') {
            return "image/png";
        }
        if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xD8 && (bytes[2] & 0xFF) == 0xFF) {
            return "image/jpeg";
        }
        if (bytes.length >= 12 && bytes[0] == 'R' && bytes[1] == 'I' && bytes[2] == 'F' && bytes[3] == 'F'
                && bytes[8] == 'W' && bytes[9] == 'E' && bytes[10] == 'B' && bytes[11] == 'P') {
            return "image/webp";
        }
        if (bytes.length >= 4 && bytes[0] == 'G' && bytes[1] == 'I' && bytes[2] == 'F' && bytes[3] == '8') {
            return "image/gif";
        }
        return null;
    }

    /**
     * The detected type of an acceptable upload.
     *
     * @throws RunguException INVALID when empty, unrecognised, contradicting the declared type or not parsing as
     *                        the detected type; TOO_LARGE past {@link Limits#ATTACHMENT_MAX_BYTES} or
     *                        {@link Limits#IMAGE_MAX_PIXELS}
     */
    static String check(byte[] bytes, String declaredMime) {
        if (bytes == null || bytes.length == 0) {
            throw RunguException.invalid("file", "Empty file");
        }
        if (bytes.length > Limits.ATTACHMENT_MAX_BYTES) {
            throw RunguException.tooLarge("file", "File too large (at most "
                    + Limits.ATTACHMENT_MAX_BYTES / (1024 * 1024) + " MiB)");
        }
        String detected = detectMime(bytes);
        if (detected == null) {
            throw RunguException.invalid("file",
                    "Unrecognized image format: the content is not PNG, JPEG, WebP or GIF");
        }
        String declared = normalise(declaredMime);
        if (declared != null && !declared.equals(detected)) {
            throw RunguException.invalid("file", "MIME type mismatch: declared " + declared + ", detected " + detected);
        }
        ImageHeaders.check(bytes, detected);
        return detected;
    }

    /** The declared type without parameters, lower-cased, {@code image/jpg} read as JPEG; null when not telling. */
    private static String normalise(String declaredMime) {
        if (declaredMime == null) {
            return null;
        }
        String mime = declaredMime.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (mime.isEmpty() || mime.equals("application/octet-stream")) {
            return null;
        }
        return mime.equals("image/jpg") ? "image/jpeg" : mime;
    }

    /**
     * A display name safe in a Content-Disposition header: no directories, control characters, quotes or
     * backslashes, at most {@link Limits#FILENAME_MAX} characters; "upload" plus the type's extension when
     * nothing is left.
     */
    static String filename(String raw, String mime) {
        String name = raw == null ? "" : raw;
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        name = name.substring(slash + 1);
        StringBuilder clean = new StringBuilder();
        name.codePoints()
                .filter(cp -> !Character.isISOControl(cp) && cp != '"' && cp != '\'' && cp != '\\'
                        && Character.getType(cp) != Character.FORMAT && Character.getType(cp) != Character.LINE_SEPARATOR
                        && Character.getType(cp) != Character.PARAGRAPH_SEPARATOR)
                .forEach(clean::appendCodePoint);
        name = clean.toString().strip();
        if (name.isEmpty() || name.equals(".") || name.equals("..")) {
            return "upload" + extension(mime);
        }
        return Text.cut(name, Limits.FILENAME_MAX).strip();
    }

    static String extension(String mime) {
        return switch (mime) {
            case "image/png" -> ".png";
            case "image/jpeg" -> ".jpg";
            case "image/webp" -> ".webp";
            case "image/gif" -> ".gif";
            default -> "";
        };
    }
}
