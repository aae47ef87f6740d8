package io.rungu.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Keys;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * axe-core (webapp/node_modules/axe-core, every rule) on every page of the packaged server in Chromium: signed out and
 * as an admin, light and dark, at 1440×900 and 390×844, plus the dialogs and sheets those pages open. The test fails
 * listing each violation with its rule, impact, element, page, theme and width, and prints the count per page.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessibilityIT {
    private static final String BOARD = "ideas";
    private static final List<Viewport> VIEWPORTS = List.of(new Viewport(1440, 900, false), new Viewport(390, 844, true));
    private static final List<String> THEMES = List.of("light", "dark");
    /** Pages have loaded when nothing in them is still a placeholder. */
    private static final String LOADING = "[aria-busy=true], .skeleton";

    private record Viewport(int width, int height, boolean mobile) {
        @Override
        public String toString() {
            return width + "x" + height;
        }
    }

    /** A page (or a state of one, {@code then} opening a dialog) and an element that shows it is there. */
    private record Page(String name, String path, String ready, Consumer<Browser> then) {
        Page(String name, String path, String ready) {
            this(name, path, ready, b -> {});
        }
    }

    private PackagedServer server;
    private Browser browser;
    private String postId;
    private String consentPath;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        server = PackagedServer.start(dir, Map.of("RUNGU_WEBHOOKS_ALLOW_PRIVATE", "true"));
        browser = new Browser(Chromium.start(Chromium.newProfile(dir)), server.origin());
        browser.driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(120));
        Path axe = Path.of(System.getProperty("axe.js", "../webapp/node_modules/axe-core/axe.min.js"));
        assertThat(axe).as("axe-core, installed by the webapp's npm ci").isRegularFile();
        // In every document the browser opens from now on, before the page's own scripts (the CSP does not apply).
        browser.driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", Files.readString(axe)));
        browser.open(server.signInLink("voter@example.com", false));
        browser.find("user-name");
        browser.open(server.signInLink("admin@example.com", true));
        browser.find("user-name");
        seed();
        consentPath = consentPath();
    }

    @AfterAll
    void stop() {
        Browser.closeBoth(browser, server);
    }

    @Test
    void every_page_has_no_axe_violation_in_either_theme_or_width() {
        List<Page> shared = List.of(
                new Page("home", "/", "[data-testid=project-card]"),
                new Page("board", "/board/" + BOARD, "[data-testid=post-card]"),
                new Page("post", "/board/" + BOARD + "/post/" + postId, "[data-testid=attachment-item] img"),
                new Page("roadmap", "/board/" + BOARD + "/roadmap", "[data-testid=roadmap-column-planned]"),
                new Page("changelog", "/board/" + BOARD + "/changelog", "[data-testid=changelog-entry]"),
                new Page("shortcut help", "/board/" + BOARD, "[data-testid=post-card]", b -> {
                    b.js("document.dispatchEvent(new KeyboardEvent('keydown', {key: '?', bubbles: true}))");
                    b.find("shortcut-help");
                }),
                new Page("unknown board", "/board/nope", "[data-testid=board-not-found]"),
                new Page("not found", "/no/such/page", "[data-testid=not-found]"));
        List<Page> signedOut = new ArrayList<>(shared);
        signedOut.addAll(List.of(
                new Page("sign-in", "/login", "[data-testid=login-page]"),
                new Page("account", "/account", "main h1"),
                new Page("admin", "/admin", "[data-testid=admin-denied]"),
                new Page("sign-in dialog", "/board/" + BOARD, "[data-testid=post-card]", b -> {
                    press(b, "vote-button");
                    b.find("signin-dialog-none");
                })));
        List<Page> admin = new ArrayList<>(shared);
        admin.addAll(List.of(
                new Page("new post form", "/board/" + BOARD, "[data-testid=post-card]", b -> {
                    press(b, "new-post-toggle");
                    b.find("new-post-title");
                }),
                new Page("post: reply, merge, delete image", "/board/" + BOARD + "/post/" + postId,
                        "[data-testid=attachment-item] img", b -> {
                    press(b, "reply-button");
                    b.find("reply-input");
                    press(b, "post-merge");
                    b.find("merge-search");
                    press(b, "attachment-delete");
                    b.find("attachment-delete-confirm");
                }),
                new Page("image viewer", "/board/" + BOARD + "/post/" + postId, "[data-testid=attachment-item] img", b -> {
                    press(b, b.present("[data-testid=attachment-item] button.thumb"));
                    b.find("lightbox-close");
                }),
                new Page("account", "/account", "[data-testid=account-email]"),
                new Page("account: new token", "/account", "[data-testid=account-email]", b -> {
                    b.type("token-name", "CI bot " + System.nanoTime()); // names are unique per user
                    press(b, "token-create");
                    String shown = b.until(d -> !b.all("token-secret").isEmpty() ? "secret"
                            : b.all("token-error").isEmpty() ? null : b.all("token-error").get(0).getText());
                    assertThat(shown).as("the new token").isEqualTo("secret");
                }),
                new Page("webhook delivery log", "/admin/webhooks", "[data-testid=webhook]", b -> {
                    press(b, "webhook-log");
                    b.until(d -> b.driver.findElements(org.openqa.selenium.By.cssSelector(LOADING)).isEmpty());
                }),
                new Page("admin", "/admin", "[data-testid=admin-user]"),
                new Page("webhooks", "/admin/webhooks", "[data-testid=webhook]"),
                new Page("audit log", "/admin/audit", "[data-testid=audit-entry]"),
                new Page("consent", consentPath, "[data-testid=consent-page]")));

        Map<String, Integer> perPage = new LinkedHashMap<>();
        List<String> violations = new ArrayList<>();
        for (Viewport viewport : VIEWPORTS) {
            browser.driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", viewport.width,
                    "height", viewport.height, "deviceScaleFactor", 1, "mobile", viewport.mobile));
            if (viewport.mobile) {
                signedOut.add(filterSheet());
                admin.add(filterSheet());
            }
            for (Page page : admin) {
                check("admin", page, viewport, perPage, violations);
            }
            browser.open("/");
            browser.find("logout-button").click();
            browser.find("login-link");
            for (Page page : signedOut) {
                check("signed out", page, viewport, perPage, violations);
            }
            signInAsAdmin();
        }
        browser.driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());

        StringBuilder figure = new StringBuilder("axe-core violations per page (light+dark, 1440x900+390x844):");
        perPage.forEach((page, n) -> figure.append(' ').append(page).append('=').append(n));
        System.out.println(figure);
        assertThat(violations).as("axe-core violations (rule, impact, element, page, theme, width)").isEmpty();
    }

    @Test
    void the_phone_filter_sheet_keeps_tab_inside_closes_with_esc_and_gives_the_focus_back() {
        browser.driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 390, "height", 844, "deviceScaleFactor", 1, "mobile", true));
        try {
            browser.open("/board/" + BOARD);
            browser.present("[data-testid=post-card]");
            press(browser, "filters-toggle");
            browser.find("filters-done");
            int controls = ((Number) browser.js("return document.querySelectorAll('[data-testid=filters] button').length")).intValue();
            Actions keys = new Actions(browser.driver);
            for (int i = 0; i < controls + 3; i++) {
                keys.sendKeys(Keys.TAB).perform();
                assertThat(focusInSheet()).as("Tab %d stays in the sheet", i + 1).isTrue();
            }
            for (int i = 0; i < controls + 3; i++) {
                keys.keyDown(Keys.SHIFT).sendKeys(Keys.TAB).keyUp(Keys.SHIFT).perform();
                assertThat(focusInSheet()).as("Shift+Tab %d stays in the sheet", i + 1).isTrue();
            }
            keys.sendKeys(Keys.ESCAPE).perform();
            browser.until(ExpectedConditions.invisibilityOfElementLocated(Browser.testId("filters")));
            assertThat(browser.js("return document.activeElement.dataset.testid")).isEqualTo("filters-toggle");
        } finally {
            browser.driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
    }

    private boolean focusInSheet() {
        return Boolean.TRUE.equals(browser.js("return !!document.activeElement.closest('[data-testid=filters]')"));
    }

    /** Clicks a control from script: the states are set up, not the clicking tested (BoardJourneyIT does that). */
    private static void press(Browser b, String testId) {
        press(b, b.find(testId));
    }

    private static void press(Browser b, org.openqa.selenium.WebElement control) {
        b.js("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'}); arguments[0].click()", control);
    }

    private static Page filterSheet() {
        return new Page("filter sheet", "/board/" + BOARD, "[data-testid=post-card]", b -> {
            press(b, "filters-toggle");
            b.find("filters-done");
        });
    }

    private void check(String who, Page page, Viewport viewport, Map<String, Integer> perPage, List<String> violations) {
        String key = page.name + " (" + who + ")";
        for (String theme : THEMES) {
            // The app follows the system preference (no theme chosen), so it applies this one itself.
            browser.driver.executeCdpCommand("Emulation.setEmulatedMedia",
                    Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", theme))));
            if (theme.equals(THEMES.get(0))) {
                browser.open(page.path);
                browser.present(page.ready);
                browser.until(d -> browser.driver.findElements(org.openqa.selenium.By.cssSelector("main " + LOADING)).isEmpty());
                try {
                    page.then.accept(browser);
                } catch (RuntimeException | AssertionError e) {
                    browser.screenshot("a11y-failed-" + page.name.replaceAll("\\W+", "-") + "-" + viewport);
                    throw e;
                }
            }
            browser.until(d -> theme.equals(browser.js("return document.documentElement.dataset.theme")));
            settle();
            List<String> found = axe();
            perPage.merge(key, found.size(), Integer::sum);
            found.forEach(v -> violations.add(v + " | page " + key + " " + page.path + " | " + theme + " | " + viewport));
        }
    }

    /** Waits until transitions (a theme change fades colours) have finished, so contrast is measured at rest. */
    private void settle() {
        browser.js("return new Promise(resolve => { const start = performance.now();"
                + " const rest = () => document.getAnimations().every(a => a.playState !== 'running'"
                + "   || a.effect.getComputedTiming().iterations === Infinity);"
                + " const poll = () => rest() || performance.now() - start > 5000 ? requestAnimationFrame(() => resolve(true))"
                + "   : setTimeout(poll, 50);"
                + " requestAnimationFrame(poll); })");
    }

    /** Every axe-core rule on the whole document; one line per violating element. */
    @SuppressWarnings("unchecked")
    private List<String> axe() {
        // Every rule axe-core has, the experimental ones (off by default, e.g. label-content-name-mismatch) included.
        Object result = browser.js("return axe.run(document, {resultTypes: ['violations'],"
                + " runOnly: {type: 'rule', values: axe.getRules().map(r => r.ruleId)}}).then(r => r.violations.flatMap(v =>"
                + " v.nodes.map(n => v.id + ' (' + v.impact + ') ' + n.target.join(' > ') + ': '"
                + "   + (n.failureSummary || v.help).replace(/\\s+/g, ' ').slice(0, 300))))");
        return (List<String>) result;
    }

    private void signInAsAdmin() {
        try {
            browser.open(server.signInLink("admin@example.com", true));
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
        browser.present("[data-testid=user-name]"); // hidden, not absent, on a phone
    }

    /**
     * A board with posts in every roadmap column, a shipped one, a hidden one, one with a comment thread (a hidden
     * comment in it), an image and an official response, a webhook, two users and so an audit log: made through the
     * REST API as the signed-in admin.
     */
    private void seed() {
        Object id = browser.js("const h = {'Content-Type': 'application/json', 'X-Requested-With': 'XMLHttpRequest'};"
                + " const send = (method, url, body) => fetch(url, {method, headers: h, body: body && JSON.stringify(body)})"
                + "   .then(async r => { if (!r.ok) throw new Error(method + ' ' + url + ' ' + r.status + ' ' + await r.text());"
                + "     const t = await r.text(); return t ? JSON.parse(t) : null; });"
                + " const id = r => (r.data || r).id;"
                + " return (async () => {"
                + "   await send('POST', '/api/projects', {name: 'Product ideas', slug: 'ideas',"
                + "     description: 'Tell us what to build next. Vote for the ideas you want most.'});"
                + "   const posts = {};"
                + "   for (const [title, category, status] of [['Export the board to CSV', 'feature', 'planned'],"
                + "       ['Crash when saving an empty draft', 'bug', 'in_progress'], ['Keyboard shortcuts for voting', 'feature', 'done'],"
                + "       ['Support dark-mode in the editor', 'feature', null], ['Faster search', 'question', null]]) {"
                + "     const p = id(await send('POST', '/api/projects/ideas/posts', {title, category,"
                + "       description: 'Some **details** about ' + title.toLowerCase() + '.'}));"
                + "     if (status) await send('PATCH', '/api/posts/' + p, {status});"
                + "     posts[title] = p;"
                + "   }"
                + "   const p = posts['Support dark-mode in the editor'];"
                + "   await send('PATCH', '/api/posts/' + p, {response: 'We are **looking into it** for the next release.'});"
                + "   const c = id(await send('POST', '/api/posts/' + p + '/comments', {content: 'Yes please, my eyes will thank you.'}));"
                + "   await send('POST', '/api/posts/' + p + '/comments', {content: 'Agreed.', parent_id: c});"
                // Hidden by an admin: shown greyed to admins, which must not cost contrast.
                + "   const spam = id(await send('POST', '/api/posts/' + p + '/comments', {content: 'Buy cheap watches.'}));"
                + "   await send('POST', '/api/comments/' + spam + '/hide');"
                + "   await send('POST', '/api/posts/' + posts['Faster search'] + '/hide');"
                + "   const canvas = document.createElement('canvas'); canvas.width = 320; canvas.height = 200;"
                + "   const g = canvas.getContext('2d'); g.fillStyle = '#3b82f6'; g.fillRect(0, 0, 320, 200);"
                + "   const png = await new Promise(r => canvas.toBlob(r, 'image/png'));"
                + "   const form = new FormData(); form.append('file', png, 'mockup.png');"
                + "   const up = await fetch('/api/posts/' + p + '/attachments', {method: 'POST', body: form,"
                + "     headers: {'X-Requested-With': 'XMLHttpRequest'}});"
                + "   if (!up.ok) throw new Error('upload ' + up.status + ' ' + await up.text());"
                + "   await send('POST', '/api/webhooks', {url: 'http://127.0.0.1:9/hook', events: ['post.created']});"
                + "   return p;"
                + " })();");
        postId = String.valueOf(id);
    }

    /** The consent page's address, as the authorization endpoint sends a browser there for a registered client. */
    private String consentPath() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        String redirect = "http://127.0.0.1:9/callback";
        HttpResponse<String> registered = http.send(HttpRequest.newBuilder(URI.create(server.origin() + "/oauth/register"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"client_name\":\"Example assistant\",\"redirect_uris\":[\""
                        + redirect + "\"],\"grant_types\":[\"authorization_code\",\"refresh_token\"],"
                        + "\"token_endpoint_auth_method\":\"none\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        String clientId = registered.body().replaceAll("(?s).*\"client_id\"\\s*:\\s*\"([^\"]+)\".*", "$1");
        String authorize = server.origin() + "/oauth/authorize?response_type=code&client_id=" + enc(clientId)
                + "&redirect_uri=" + enc(redirect) + "&code_challenge_method=S256&scope=read%20write&state=xyz"
                + "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
        HttpResponse<String> consent = http.send(HttpRequest.newBuilder(URI.create(authorize)).build(),
                HttpResponse.BodyHandlers.ofString());
        String location = consent.headers().firstValue("Location").orElse("");
        assertThat(location).as("%s %s", consent.statusCode(), consent.body()).startsWith("/authorize?");
        return location;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
