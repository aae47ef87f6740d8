package io.rungu.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.support.ui.Select;

/**
 * The web app in a browser whose language is German (issue #19, "Languages"): the main pages show no English
 * message. What counts as English is the web app's own catalogue (webapp/src/lib/messages/en, every value that
 * its German catalogue translates differently), matched against the text a person sees: visible text nodes,
 * placeholders and the options of visible lists. The board's own content is written in German, so a match is
 * always the interface. A string a page shows without the catalogue cannot be caught this way (it is in no
 * catalogue); the Vitest tests and review cover those.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GermanUiIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BOARD = "ideen";
    private static final String ADMIN = "admin@example.com";

    /** Every visible piece of text: text nodes, placeholders, and the options of visible selects. */
    private static final String VISIBLE_TEXT = """
            const out = [];
            const shown = (el) => el && el.checkVisibility({ opacityProperty: true, visibilityProperty: true })
                && !el.closest('.visually-hidden');
            const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
            for (let n = walker.nextNode(); n; n = walker.nextNode()) {
              const text = n.nodeValue.trim();
              if (text && shown(n.parentElement) && !n.parentElement.closest('script, style, option')) out.push(text);
            }
            for (const el of document.querySelectorAll('[placeholder]')) if (shown(el)) out.push(el.placeholder.trim());
            for (const s of document.querySelectorAll('select')) if (shown(s)) for (const o of s.options) out.push(o.text.trim());
            return out;
            """;

    private PackagedServer server;
    private Browser browser;
    private Catalogues.English english;
    private String postId;
    /** English found per page, reported together so one run shows every page. */
    private final Map<String, List<String>> englishSeen = new LinkedHashMap<>();

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        english = Catalogues.englishNotInGerman(Path.of("../webapp/src/lib/messages"));
        server = PackagedServer.start(dir);
        seedGermanBoard();
        browser = new Browser(Chromium.start(Chromium.newProfile(dir), "de-DE"), server.origin());
    }

    @AfterAll
    void stop() {
        Browser.closeBoth(browser, server);
    }

    /** A board whose content is German, so any English on the page comes from the interface. */
    private void seedGermanBoard() throws Exception {
        server.signInLink(ADMIN, true);
        server.cli("project", "add", "Produktideen", "--slug", BOARD,
                "--description", "Sag uns, was wir als Nächstes bauen sollen.");
        postId = createPost("Tabelle als CSV herunterladen", "Ein Knopf, der alle Beiträge mit Stimmen exportiert.", "feature");
        String planned = createPost("Dunkles Design im Editor", "Nachts ist der Editor zu hell.", "feature");
        String done = createPost("Absturz beim Speichern eines leeren Entwurfs", "Editor öffnen, ohne Text speichern.", "bug");
        server.cli("post", "status", planned, "planned", "--response", "Für das Frühjahr geplant.", "--as", ADMIN);
        server.cli("post", "status", done, "done", "--response", "Behoben in Version 2.3.", "--as", ADMIN);
        server.cli("comment", "add", postId, "Das würde mir sehr helfen.", "--as", ADMIN);
    }

    private String createPost(String title, String description, String category) throws Exception {
        String json = server.cli(Map.of(), "post", "create", BOARD, "--title", title, "--description", description,
                "--category", category, "--as", ADMIN, "--json");
        return JSON.readTree(json).get("id").asText();
    }

    @BeforeEach
    void forgetEarlierPages() {
        englishSeen.clear();
    }

    @Test
    @Order(1)
    void the_language_comes_from_the_browser() {
        browser.open("/");
        browser.find("project-list");
        assertThat(browser.js("return navigator.languages[0]")).asString().startsWith("de");
        assertThat(browser.js("return document.documentElement.lang")).isEqualTo("de");
        assertThat(new Select(browser.find("language-select")).getFirstSelectedOption().getText()).isEqualTo("Deutsch");
        checkNoEnglish("home");
        assertNoEnglishSeen();
    }

    @Test
    @Order(2)
    void the_main_pages_signed_out_show_no_english() {
        browser.open("/board/" + BOARD);
        browser.find("post-list");
        browser.find("login-to-post");
        checkNoEnglish("board");

        browser.open("/board/" + BOARD + "/post/" + postId);
        browser.find("post-detail");
        browser.find("comments-section");
        checkNoEnglish("post");

        browser.open("/board/" + BOARD + "/roadmap");
        browser.find("roadmap");
        checkNoEnglish("roadmap");

        browser.open("/board/" + BOARD + "/changelog");
        browser.find("changelog");
        checkNoEnglish("changelog");

        browser.open("/login");
        browser.find("no-providers");
        checkNoEnglish("sign-in");

        browser.open("/account");
        browser.find("account-signin");
        checkNoEnglish("account, signed out");
        assertNoEnglishSeen();
    }

    @Test
    @Order(3)
    void the_main_pages_signed_in_show_no_english() throws Exception {
        browser.open(server.signInLink(ADMIN, true));
        browser.find("user-name");

        browser.open("/board/" + BOARD);
        browser.find("post-list");
        browser.find("new-post-toggle");
        browser.screenshot("board-de");
        checkNoEnglish("board, signed in");

        browser.open("/board/" + BOARD + "/post/" + postId);
        browser.find("status-select");
        checkNoEnglish("post, signed in as admin");

        browser.open("/account");
        browser.find("profile-name");
        checkNoEnglish("account");
        assertNoEnglishSeen();
    }

    @Test
    @Order(4)
    void the_switcher_changes_the_language_and_remembers_it() {
        browser.open("/board/" + BOARD);
        browser.find("post-list");
        new Select(browser.find("language-select")).selectByValue("en");
        browser.until(d -> "en".equals(browser.js("return document.documentElement.lang")));
        browser.waitForText("new-post-toggle", "New post");
        browser.driver.navigate().refresh();
        browser.waitForText("new-post-toggle", "New post");
        assertThat(browser.js("return localStorage.getItem('rungu-locale')")).isEqualTo("en");
    }

    /** Notes the English messages visible on the page now. */
    private void checkNoEnglish(String page) {
        @SuppressWarnings("unchecked")
        List<String> texts = (List<String>) browser.js(VISIBLE_TEXT);
        assertThat(texts).as("visible text of the %s page", page).isNotEmpty();
        List<String> found = texts.stream().filter(english::matches).distinct().toList();
        if (!found.isEmpty()) {
            englishSeen.put(page, found);
        }
    }

    private void assertNoEnglishSeen() {
        Map<String, List<String>> seen = new LinkedHashMap<>(englishSeen);
        englishSeen.clear();
        assertThat(seen).as("English messages visible on German pages, by page").isEmpty();
    }
}
