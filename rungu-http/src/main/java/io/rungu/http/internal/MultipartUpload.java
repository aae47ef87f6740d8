package io.rungu.http.internal;

import io.rungu.model.ErrorCode;
import io.rungu.model.RunguException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.MultiPart;
import org.eclipse.jetty.http.MultiPartFormData;
import org.eclipse.jetty.io.Content;

/**
 * One file field of a multipart/form-data body, read by Jetty's streaming parser for this request only (no server
 * setting is involved). Parts above {@link #MEMORY_BYTES} go to a temporary file while they arrive, so a slow or
 * large upload holds no more than that in memory until it is complete; the file is deleted once its bytes are read.
 * File names given as RFC 5987 {@code filename*=UTF-8''...} are decoded, and a Windows path is reduced to its name.
 */
final class MultipartUpload {
    /** A part up to this size stays in memory while it arrives; a larger one is written to a temporary file. */
    static final long MEMORY_BYTES = 64 * 1024;
    private static final int MAX_PARTS = 16;
    private static final int MAX_PART_HEADER_BYTES = 8 * 1024;

    private MultipartUpload() {}

    /** The field's file name (null when none was given), declared type (null when none) and bytes. */
    record File(String filename, String contentType, byte[] bytes) {}

    /** The boundary of a multipart/form-data Content-Type, or UNSUPPORTED_MEDIA_TYPE / INVALID. */
    static String boundary(String contentType) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            throw new RunguException(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                    "Upload the file as multipart/form-data in a field named 'file'");
        }
        String boundary = org.eclipse.jetty.http.MultiPart.extractBoundary(contentType);
        if (boundary == null || boundary.isEmpty() || boundary.length() > 200) {
            throw invalid("no boundary");
        }
        return boundary;
    }

    /**
     * Reads the body and returns the first part named {@code field}.
     *
     * @param maxBytes the most bytes the whole body may have (413 past it)
     */
    static File read(InputStream body, String boundary, long maxBytes, String field) {
        Path dir;
        try {
            dir = Files.createTempDirectory("rungu-upload");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary directory for an upload", e);
        }
        try {
            MultiPartFormData.Parser parser = new MultiPartFormData.Parser(boundary);
            parser.setMaxLength(maxBytes);
            parser.setMaxFileSize(maxBytes);
            parser.setMaxMemoryFileSize(MEMORY_BYTES);
            parser.setUseFilesForPartsWithoutFileName(true);
            parser.setFilesDirectory(dir);
            parser.setMaxParts(MAX_PARTS);
            parser.setPartHeadersMaxLength(MAX_PART_HEADER_BYTES);
            try (MultiPartFormData.Parts parts = parser.parse(Content.Source.from(body)).get()) {
                MultiPart.Part part = parts.getFirst(field);
                if (part == null) {
                    throw new RunguException(ErrorCode.INVALID, "No '" + field + "' field in the multipart data");
                }
                try (InputStream in = Content.Source.asInputStream(part.getContentSource())) {
                    return new File(part.getFileName(), part.getHeaders().get(HttpHeader.CONTENT_TYPE), in.readAllBytes());
                }
            }
        } catch (ExecutionException e) {
            throw refused(e.getCause(), maxBytes);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RunguException(ErrorCode.UNAVAILABLE, "The upload was interrupted");
        } catch (IOException e) {
            throw new RunguException(ErrorCode.INVALID, "Could not read the upload");
        } finally {
            deleteAll(dir);
        }
    }

    private static RunguException refused(Throwable cause, long maxBytes) {
        String why = cause == null || cause.getMessage() == null ? "" : cause.getMessage();
        if (why.startsWith("max length exceeded") || why.startsWith("max file size exceeded")) {
            return RunguException.tooLarge("body", "Upload is larger than " + maxBytes + " bytes");
        }
        if (cause instanceof IOException) {
            return new RunguException(ErrorCode.INVALID, "Could not read the upload");
        }
        return invalid(why.isEmpty() ? "malformed body" : why.lines().findFirst().orElse(why));
    }

    private static RunguException invalid(String why) {
        return new RunguException(ErrorCode.INVALID, "Invalid multipart data: " + why);
    }

    private static void deleteAll(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // the directory is in the system's temporary area; a leftover is cleaned with it
        }
    }
}
