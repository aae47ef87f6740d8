package io.rungu.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.rungu.model.Actor;
import io.rungu.model.NewPost;
import io.rungu.model.NewProject;
import io.rungu.model.PostEdit;
import io.rungu.model.PostStatus;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The Atom feeds of a board, read through the real server and parsed with the JDK's XML parser. */
class FeedsTest {
    static final String ATOM = "http://www.w3.org/2005/Atom";

    @TempDir
    Path dir;
    TestServer s;
    Actor.Account admin;
    Actor.Account member;

    void start(String publicUrl) {
        s = TestServer.start(dir, http -> {
            http.basePath = "/fb";
            http.baseUrl = publicUrl;
        }, config -> {});
        admin = s.admin();
        member = s.member("Mia Member");
        s.board().createProject(admin, new NewProject("Test & App", "test-app", "A board"));
    }

    @AfterEach
    void stop() {
        s.close();
    }

    static Document parse(byte[] xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }

    static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element e && ATOM.equals(e.getNamespaceURI()) && name.equals(e.getLocalName())) {
                found.add(e);
            }
        }
        return found;
    }

    static String text(Element parent, String name) {
        List<Element> found = children(parent, name);
        assertThat(found).as(name + " in " + parent.getLocalName()).hasSize(1);
        return found.get(0).getTextContent();
    }

    static Element link(Element parent, String rel) {
        return children(parent, "link").stream().filter(l -> l.getAttribute("rel").equals(rel)).findFirst()
                .orElseThrow(() -> new AssertionError("no link rel=" + rel));
    }

    /** The elements RFC 4287 requires of a feed and of each entry. */
    static void assertValidAtom(Element feed) {
        assertThat(feed.getNamespaceURI()).isEqualTo(ATOM);
        assertThat(feed.getLocalName()).isEqualTo("feed");
        assertThat(text(feed, "id")).startsWith("tag:");
        assertThat(text(feed, "title")).isNotBlank();
        assertThat(java.time.Instant.parse(text(feed, "updated"))).isNotNull();
        assertThat(children(feed, "author")).hasSize(1);
        for (Element entry : children(feed, "entry")) {
            assertThat(text(entry, "id")).startsWith("tag:");
            assertThat(text(entry, "title")).isNotBlank();
            assertThat(java.time.Instant.parse(text(entry, "updated"))).isNotNull();
            assertThat(link(entry, "alternate").getAttribute("href")).startsWith("http");
        }
    }

    @Test
    void the_posts_feed_is_atom_with_absolute_links_under_the_public_url_and_escaped_text() throws Exception {
        start("https://feedback.example.com/fb/");
        String older = s.board().createPost(member, "test-app",
                new NewPost("Older", "first", null)).post().id();
        s.stores.clock().advance(java.time.Duration.ofMinutes(1));
        s.board().createPost(member, "test-app",
                new NewPost("<script>alert(1)</script> & more", "Body with \u0001 control", null));

        var r = s.get("/feeds/test-app/posts.atom");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("application/atom+xml");
        assertThat(r.header("Cache-Control")).contains("max-age=");
        assertThat(r.text()).doesNotContain("<script>").doesNotContain("@");
        Element feed = parse(r.bytes()).getDocumentElement();
        assertValidAtom(feed);
        assertThat(text(feed, "title")).isEqualTo("Test & App: new posts");
        assertThat(text(feed, "id")).startsWith("tag:feedback.example.com,");
        assertThat(link(feed, "self").getAttribute("href"))
                .isEqualTo("https://feedback.example.com/fb/feeds/test-app/posts.atom");
        assertThat(link(feed, "alternate").getAttribute("href")).isEqualTo("https://feedback.example.com/fb/board/test-app");
        List<Element> entries = children(feed, "entry");
        assertThat(entries).hasSize(2);
        assertThat(text(entries.get(0), "title")).isEqualTo("<script>alert(1)</script> & more");
        assertThat(text(entries.get(0), "content")).isEqualTo("Body with  control");
        assertThat(children(entries.get(0), "content").get(0).getAttribute("type")).isEqualTo("text");
        assertThat(text(children(entries.get(0), "author").get(0), "name")).isEqualTo("Mia Member");
        assertThat(link(entries.get(1), "alternate").getAttribute("href"))
                .isEqualTo("https://feedback.example.com/fb/board/test-app/post/" + older);
        assertThat(text(feed, "updated")).isEqualTo(text(entries.get(0), "updated"));
    }

    @Test
    void the_changelog_feed_holds_done_posts_with_their_response_and_is_bounded() throws Exception {
        start(null);
        for (int i = 0; i < 52; i++) {
            s.board().createPost(member, "test-app", new NewPost("Post " + i, "", null));
        }
        String shipped = s.board().createPost(member, "test-app", new NewPost("Dark mode", "Please", null)).post().id();
        s.board().editPost(admin, shipped, PostEdit.status(PostStatus.DONE, "Shipped in **2.3**"));

        Element posts = parse(s.get("/feeds/test-app/posts.atom").bytes()).getDocumentElement();
        assertThat(children(posts, "entry")).hasSize(50);

        var r = s.get("/feeds/test-app/changelog.atom");
        assertThat(r.status()).isEqualTo(200);
        Element feed = parse(r.bytes()).getDocumentElement();
        assertValidAtom(feed);
        // Without a configured public URL the links follow the request's scheme and host.
        assertThat(link(feed, "self").getAttribute("href")).isEqualTo(s.base + "/feeds/test-app/changelog.atom");
        List<Element> entries = children(feed, "entry");
        assertThat(entries).hasSize(1);
        assertThat(text(entries.get(0), "title")).isEqualTo("Dark mode");
        assertThat(text(entries.get(0), "content")).isEqualTo("Shipped in **2.3**\n\nPlease");
        assertThat(text(entries.get(0), "id")).isNotEqualTo(text(children(posts, "entry").get(0), "id"));
    }

    @Test
    void an_unchanged_feed_answers_304_and_an_unknown_board_404() {
        start(null);
        var first = s.get("/feeds/test-app/posts.atom");
        String etag = first.header("ETag");
        assertThat(etag).isNotBlank();
        var again = s.req("GET", "/feeds/test-app/posts.atom").header("If-None-Match", etag).send();
        assertThat(again.status()).isEqualTo(304);
        assertThat(s.req("GET", "/feeds/test-app/posts.atom").header("If-None-Match", "\"other\", W/" + etag).send()
                .status()).isEqualTo(304);
        s.board().createPost(member, "test-app", new NewPost("New", "", null));
        var changed = s.req("GET", "/feeds/test-app/posts.atom").header("If-None-Match", etag).send();
        assertThat(changed.status()).isEqualTo(200);
        assertThat(s.get("/feeds/nope/posts.atom").status()).isEqualTo(404);
    }
}
