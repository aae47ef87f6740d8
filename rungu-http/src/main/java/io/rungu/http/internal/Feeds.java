package io.rungu.http.internal;

import static io.javalin.http.HandlerType.GET;

import io.javalin.http.Context;
import io.rungu.http.internal.Route.Access;
import io.rungu.http.internal.Route.Shape;
import io.rungu.model.Actor;
import io.rungu.model.ChangelogQuery;
import io.rungu.model.PageRequest;
import io.rungu.model.PostQuery;
import io.rungu.model.PostSort;
import io.rungu.model.PostView;
import io.rungu.model.Project;
import io.rungu.store.Board;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Atom 1.0 feeds (RFC 4287) of a board: its newest posts and its changelog (done posts with their official
 * response). Feeds are public and the same for everyone: they are read as an anonymous visitor, carry only what the
 * board shows anyone (titles, descriptions, authors' display names, responses), and hold at most {@link #ENTRIES}
 * entries. Readers poll, so answers carry an ETag and may be kept for {@link #MAX_AGE_SECONDS}.
 */
public final class Feeds {
    /** Entries per feed. */
    static final int ENTRIES = 50;
    static final int MAX_AGE_SECONDS = 300;
    static final String ATOM = "http://www.w3.org/2005/Atom";
    static final String CONTENT_TYPE = "application/atom+xml; charset=utf-8";

    private static final XMLOutputFactory XML = XMLOutputFactory.newFactory();
    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

    private final Board board;
    private final String basePath;
    private final String publicUrl;

    /**
     * @param publicUrl the board's public URL, base path included; null to take scheme and host from each request
     */
    public Feeds(Board board, String basePath, String publicUrl) {
        this.board = board;
        this.basePath = basePath;
        this.publicUrl = publicUrl;
    }

    public void register(RouteTable t) {
        t.add(GET, "/feeds/{slug}/posts.atom", ctx -> posts(ctx))
                .doc("feeds", "Atom feed of a board's newest posts (at most " + ENTRIES + ")", Access.PUBLIC)
                .reply(200, Shape.ATOM, null).anonymousOnly().done();
        t.add(GET, "/feeds/{slug}/changelog.atom", ctx -> changelog(ctx))
                .doc("feeds", "Atom feed of a board's shipped posts with their official responses (at most "
                        + ENTRIES + ")", Access.PUBLIC)
                .reply(200, Shape.ATOM, null).anonymousOnly().done();
    }

    private void posts(Context ctx) {
        String slug = ctx.pathParam("slug");
        Project project = board.getProject(Actor.anonymous(), slug);
        List<PostView> posts = board.listPosts(Actor.anonymous(), slug,
                new PostQuery(PostSort.NEWEST, null, null, null, PageRequest.of(1, ENTRIES))).items();
        send(ctx, new FeedSpec(project, "posts", project.name() + ": new posts", "/board/" + path(slug), false), posts);
    }

    private void changelog(Context ctx) {
        String slug = ctx.pathParam("slug");
        Project project = board.getProject(Actor.anonymous(), slug);
        List<PostView> posts = board.changelog(Actor.anonymous(), slug,
                new ChangelogQuery(null, PageRequest.of(1, ENTRIES))).items();
        send(ctx, new FeedSpec(project, "changelog", project.name() + ": changelog",
                "/board/" + path(slug) + "/changelog", true), posts);
    }

    /** What distinguishes the two feeds. */
    private record FeedSpec(Project project, String kind, String title, String pagePath, boolean changelog) {}

    private void send(Context ctx, FeedSpec spec, List<PostView> posts) {
        String base = base(ctx);
        byte[] body = render(base, spec, posts);
        String etag = "\"" + sha256(body).substring(0, 32) + "\"";
        ctx.header("Cache-Control", "public, max-age=" + MAX_AGE_SECONDS);
        ctx.header("ETag", etag);
        ctx.header("X-Content-Type-Options", "nosniff");
        if (matches(ctx.header("If-None-Match"), etag)) {
            ctx.status(304);
            return;
        }
        ctx.contentType(CONTENT_TYPE).result(body);
    }

    /** Whether an If-None-Match header names this ETag (in a list, weak or strong, or as *). */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String c = candidate.strip();
            if (c.equals("*") || c.equals(etag) || c.equals("W/" + etag)) {
                return true;
            }
        }
        return false;
    }

    /** The absolute URL of the board's root, without a trailing slash. */
    private String base(Context ctx) {
        if (publicUrl != null) {
            return publicUrl;
        }
        String host = ctx.host() == null || ctx.host().isBlank() ? "localhost" : ctx.host();
        return ctx.scheme() + "://" + host + ctx.contextPath().replaceAll("/$", "") + basePath;
    }

    static byte[] render(String base, FeedSpec spec, List<PostView> posts) {
        String authority = authority(base);
        String slug = spec.project().slug();
        String self = base + "/feeds/" + path(slug) + "/" + spec.kind() + ".atom";
        Instant updated = spec.project().createdAt();
        for (PostView v : posts) {
            Instant at = entryUpdated(v, spec.changelog());
            if (at.isAfter(updated)) {
                updated = at;
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            XMLStreamWriter w = XML.createXMLStreamWriter(out, "UTF-8");
            w.writeStartDocument("UTF-8", "1.0");
            w.writeStartElement("feed");
            w.writeDefaultNamespace(ATOM);
            text(w, "id", tag(authority, spec.project().createdAt(), "board/" + path(slug) + "/" + spec.kind()));
            text(w, "title", spec.title());
            if (!spec.project().description().isBlank()) {
                text(w, "subtitle", spec.project().description());
            }
            text(w, "updated", time(updated));
            link(w, "self", "application/atom+xml", self);
            link(w, "alternate", "text/html", base + spec.pagePath());
            w.writeStartElement("author");
            text(w, "name", spec.project().name());
            w.writeEndElement();
            text(w, "generator", "Rungu");
            for (PostView v : posts) {
                entry(w, base, authority, spec, v);
            }
            w.writeEndElement();
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("Cannot write the feed", e);
        }
        return out.toByteArray();
    }

    private static void entry(XMLStreamWriter w, String base, String authority, FeedSpec spec, PostView v)
            throws XMLStreamException {
        var p = v.post();
        w.writeStartElement("entry");
        text(w, "id", tag(authority, p.createdAt(), (spec.changelog() ? "changelog/" : "post/") + path(p.id())));
        text(w, "title", p.title());
        text(w, "updated", time(entryUpdated(v, spec.changelog())));
        text(w, "published", time(spec.changelog() && p.doneAt() != null ? p.doneAt() : p.createdAt()));
        link(w, "alternate", "text/html",
                base + "/board/" + path(spec.project().slug()) + "/post/" + path(p.id()));
        if (v.creator() != null && v.creator().name() != null && !v.creator().name().isBlank()) {
            w.writeStartElement("author");
            text(w, "name", v.creator().name());
            w.writeEndElement();
        }
        w.writeEmptyElement("category");
        w.writeAttribute("term", p.category().wire());
        StringBuilder content = new StringBuilder();
        if (spec.changelog() && v.response() != null) {
            content.append(v.response().text()).append("\n\n");
        }
        content.append(p.description());
        if (!content.isEmpty()) {
            w.writeStartElement("content");
            w.writeAttribute("type", "text");
            w.writeCharacters(xmlText(content.toString().strip()));
            w.writeEndElement();
        }
        w.writeEndElement();
    }

    private static Instant entryUpdated(PostView v, boolean changelog) {
        Instant at = v.post().updatedAt();
        if (changelog && v.post().doneAt() != null && v.post().doneAt().isAfter(at)) {
            at = v.post().doneAt();
        }
        return at;
    }

    private static void text(XMLStreamWriter w, String name, String value) throws XMLStreamException {
        w.writeStartElement(name);
        w.writeCharacters(xmlText(value));
        w.writeEndElement();
    }

    /** The text without the characters XML 1.0 cannot hold (controls other than tab and line breaks). */
    static String xmlText(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(value.length());
        value.codePoints().filter(c -> c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
                || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF)).forEach(b::appendCodePoint);
        return b.toString();
    }

    private static void link(XMLStreamWriter w, String rel, String type, String href) throws XMLStreamException {
        w.writeEmptyElement("link");
        w.writeAttribute("rel", rel);
        w.writeAttribute("type", type);
        w.writeAttribute("href", href);
    }

    /** RFC 3339 in UTC, whole seconds (Atom readers vary in how they treat fractions). */
    private static String time(Instant at) {
        return DateTimeFormatter.ISO_INSTANT.format(at.truncatedTo(ChronoUnit.SECONDS));
    }

    /** A tag URI (RFC 4151) under the public URL's host, dated by when the thing was made, so it never changes. */
    private static String tag(String authority, Instant minted, String specific) {
        return "tag:" + authority + "," + DAY.format(minted) + ":rungu/" + specific;
    }

    private static String authority(String base) {
        String host;
        try {
            host = URI.create(base).getHost();
        } catch (IllegalArgumentException e) {
            host = null;
        }
        // A tag authority is a DNS name; an IP-literal or missing host falls back to localhost.
        return host == null || host.isBlank() || host.startsWith("[") ? "localhost"
                : host.toLowerCase(java.util.Locale.ROOT);
    }

    private static String path(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
