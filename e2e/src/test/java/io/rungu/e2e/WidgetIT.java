package io.rungu.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.WebElement;

/**
 * The feedback widget in Chromium, embedded by a page on another site: the host page is served from
 * {@code http://localhost:P} by a tiny server in this test, the board ({@code rungu.jar serve}) runs on
 * {@code http://127.0.0.1:Q}, which the browser treats as a different site. The widget lists and searches posts,
 * signs in through the board's popup (which hands it a widget token by postMessage), votes and creates a post, and
 * leaves the host page's styles and globals as they were.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WidgetIT {
    private static final String BOARD = "ideas";
    /** The host page's own look, with rules aggressive enough to reach into a widget that did not isolate itself. */
    private static final String HOST_STYLE = """
            <style>
              * { font-family: Georgia, serif; }
              body { background: rgb(250, 240, 230); color: rgb(10, 20, 30); margin: 8px; }
              h1 { color: rgb(200, 0, 0); font-size: 40px; }
              button { background: rgb(0, 128, 0) !important; color: rgb(255, 255, 0); padding: 3px; }
              p.lead { letter-spacing: 2px; }
              ul, li, input, textarea { border: 3px dashed rgb(255, 0, 255); }
            </style>""";
    private static final String HOST_BODY = """
            <h1 id="title">Acme product</h1>
            <p class="lead" id="lead">Welcome to Acme.</p>
            <button id="buy">Buy now</button>
            <ul id="list"><li>One</li></ul>""";

    private Path dir;
    private PackagedServer board;
    private HttpServer host;
    private String hostOrigin;
    private Browser browser;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        this.dir = dir;
        int hostPort = PackagedServer.freePort();
        hostOrigin = "http://localhost:" + hostPort;
        board = PackagedServer.start(dir, Map.of("RUNGU_WIDGET_ORIGINS", hostOrigin));
        host = HttpServer.create(new InetSocketAddress("127.0.0.1", hostPort), 0);
        String script = "<script src=\"" + board.origin() + "/widget.js\" data-board=\"" + BOARD + "\" async></script>";
        page("/baseline.html", "");
        page("/host.html", script);
        host.start();
        browser = new Browser(Chromium.start(Chromium.newProfile(dir)), board.origin());
    }

    private void page(String path, String script) {
        byte[] html = ("<!doctype html><html><head><meta charset=\"utf-8\"><title>Acme</title>" + HOST_STYLE + script
                + "</head><body>" + HOST_BODY + "</body></html>").getBytes(StandardCharsets.UTF_8);
        host.createContext(path, exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, html.length);
            exchange.getResponseBody().write(html);
            exchange.close();
        });
    }

    @AfterAll
    void stop() {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            if (host != null) {
                host.stop(0);
            }
            if (board != null) {
                board.close();
            }
        }
    }

    @Test
    void a_page_on_another_site_embeds_the_widget_which_lists_signs_in_votes_and_posts() throws Exception {
        // The visitor is signed in on the board's own site (as they would be from an earlier visit).
        browser.open(board.signInLink("visitor@example.com", true));
        browser.find("user-name");
        boardFetch("POST", "/api/projects", "{\"name\":\"Ideas\",\"slug\":\"" + BOARD + "\"}");
        boardFetch("POST", "/api/projects/" + BOARD + "/posts", "{\"title\":\"Dark mode please\"}");
        boardFetch("POST", "/api/projects/" + BOARD + "/posts", "{\"title\":\"Export to CSV\"}");

        browser.open(hostOrigin + "/baseline.html");
        Map<String, Object> stylesBefore = hostStyles();
        List<String> globalsBefore = globals();

        browser.open(hostOrigin + "/host.html");
        WebElement widget = browser.present("rungu-feedback");
        SearchContext root = widget.getShadowRoot();
        WebElement launcher = root.findElement(By.cssSelector(".launcher"));
        // The host's `button { background: green !important }` does not reach into the shadow root.
        assertThat(browser.js("return getComputedStyle(arguments[0]).backgroundColor", launcher))
                .isEqualTo("rgb(79, 70, 229)");
        // Nor does its `* { font-family: Georgia }`, which matches the <rungu-feedback> element itself.
        assertThat((String) browser.js("return getComputedStyle(arguments[0]).fontFamily", launcher))
                .doesNotContain("Georgia");
        launcher.click();

        until(d -> titles(root).containsAll(List.of("Dark mode please", "Export to CSV")));
        WebElement search = root.findElement(By.cssSelector(".search"));
        search.sendKeys("csv");
        until(d -> titles(root).equals(List.of("Export to CSV")));
        search.clear();
        search.sendKeys("dark");
        until(d -> titles(root).equals(List.of("Dark mode please")));
        assertThat(root.findElement(By.cssSelector("form.new")).isDisplayed()).isFalse();

        // Signing in: the board's page in a popup hands the widget a token, addressed to this site only.
        String hostWindow = browser.driver.getWindowHandle();
        root.findElement(By.cssSelector(".sign-in")).click();
        browser.until(d -> d.getWindowHandles().size() == 2);
        String popup = browser.driver.getWindowHandles().stream().filter(h -> !h.equals(hostWindow)).findFirst().orElseThrow();
        browser.driver.switchTo().window(popup);
        assertThat(browser.driver.getCurrentUrl()).startsWith(board.origin() + "/widget-sign-in?origin=");
        browser.find("widget-continue").click();
        browser.until(d -> d.getWindowHandles().size() == 1);
        browser.driver.switchTo().window(hostWindow);

        until(d -> root.findElement(By.cssSelector("form.new")).isDisplayed());
        WebElement vote = root.findElement(By.cssSelector("li .vote"));
        assertThat(vote.getText()).contains("0");
        vote.click();
        until(d -> "true".equals(root.findElement(By.cssSelector("li .vote")).getAttribute("aria-pressed")));
        assertThat(root.findElement(By.cssSelector("li .vote")).getText()).contains("1");

        root.findElement(By.cssSelector(".title")).sendKeys("Posted from another site");
        root.findElement(By.cssSelector(".description")).sendKeys("Through the widget");
        root.findElement(By.cssSelector(".submit")).click();
        until(d -> titles(root).contains("Posted from another site"));
        browser.screenshot("widget-on-another-site");

        // The board has the post, by the visitor, and the vote.
        String posts = anonymousGet("/api/projects/" + BOARD + "/posts?q=another");
        assertThat(posts).contains("Posted from another site").contains("Through the widget");
        assertThat(anonymousGet("/api/projects/" + BOARD + "/posts?q=dark")).contains("\"vote_count\":1");

        // The host page kept its look and its globals: the widget added nothing but its element.
        assertThat(hostStyles()).isEqualTo(stylesBefore);
        List<String> globalsAfter = globals();
        assertThat(globalsAfter).as("globals the page gained").filteredOn(g -> !globalsBefore.contains(g)).isEmpty();
        assertThat(globalsBefore).as("globals the page lost").filteredOn(g -> !globalsAfter.contains(g)).isEmpty();
        assertThat(browser.js("return document.querySelectorAll('style, link[rel=stylesheet]').length")).isEqualTo(1L);
        assertThat(browser.js("return document.head.innerHTML.includes('rungu-feedback')")).isEqualTo(false);
        browser.assertNoAlert();
    }

    @Test
    void a_site_not_in_the_list_cannot_read_the_api() {
        // The same host page under another origin (http://127.0.0.1:P), which is not in RUNGU_WIDGET_ORIGINS.
        browser.open(hostOrigin.replace("localhost", "127.0.0.1") + "/baseline.html");
        Object result = browser.driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(arguments[0] + '/api/projects', { credentials: 'omit' })
                  .then(r => done('read ' + r.status), e => done('blocked'));""", board.origin());
        assertThat(result).isEqualTo("blocked");
        browser.open(hostOrigin + "/baseline.html");
        Object allowed = browser.driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(arguments[0] + '/api/projects', { credentials: 'omit' })
                  .then(r => done('read ' + r.status), e => done('blocked'));""", board.origin());
        assertThat(allowed).isEqualTo("read 200");
    }

    /** The titles the widget lists now, read in one step (the list is re-rendered as answers arrive). */
    @SuppressWarnings("unchecked")
    private List<String> titles(SearchContext root) {
        return new ArrayList<>((List<String>) browser.js("return [...document.querySelector('rungu-feedback')"
                + ".shadowRoot.querySelectorAll('li a')].map(a => a.textContent)"));
    }

    /** Waits for a condition on the widget, looking its elements up again when a re-render replaced them. */
    private <T> T until(java.util.function.Function<org.openqa.selenium.WebDriver, T> condition) {
        return new org.openqa.selenium.support.ui.WebDriverWait(browser.driver, java.time.Duration.ofSeconds(10))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(condition);
    }

    /** Computed styles of the host page's own elements. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> hostStyles() {
        return (Map<String, Object>) browser.js("""
                const out = {};
                for (const id of ['title', 'lead', 'buy', 'list']) {
                  const s = getComputedStyle(document.getElementById(id));
                  for (const p of ['color', 'background-color', 'font-family', 'font-size', 'letter-spacing',
                      'margin-top', 'padding-top', 'border-top-style', 'display', 'position']) {
                    out[id + ' ' + p] = s.getPropertyValue(p);
                  }
                }
                const b = getComputedStyle(document.body);
                out['body background'] = b.backgroundColor;
                out['body margin'] = b.margin;
                out['body font'] = b.fontFamily;
                return out;""");
    }

    /**
     * The window's own property names, sorted, less the ones ChromeDriver adds when it looks elements up or checks
     * their visibility ({@code cdc_...}, {@code ret_nodes}, {@code se_exportedFunctionSymbol}: strings of the
     * chromedriver binary, not of any page).
     */
    @SuppressWarnings("unchecked")
    private List<String> globals() {
        return ((List<String>) browser.js("return Object.getOwnPropertyNames(window).sort()")).stream()
                .filter(g -> !g.startsWith("cdc_") && !g.equals("ret_nodes") && !g.equals("se_exportedFunctionSymbol"))
                .toList();
    }

    /** A same-origin call from the board's own page with the signed-in session (as the web app makes it). */
    private void boardFetch(String method, String path, String body) {
        browser.open("/");
        Object status = browser.driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(arguments[1], { method: arguments[0], body: arguments[2],
                    headers: { 'Content-Type': 'application/json', 'X-Requested-With': 'XMLHttpRequest' } })
                  .then(r => done(r.status), e => done(String(e)));""", method, path, body);
        assertThat(status).as(method + " " + path).isIn(200L, 201L);
    }

    private String anonymousGet(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(board.origin() + path)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }
}
