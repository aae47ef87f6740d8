package io.rungu.e2e;

import static io.rungu.e2e.Browser.testId;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * One person's journey through the packaged server ({@code java -jar rungu.jar serve}) in Chromium: the steps run in
 * order on one server and one browser session, each building on the board the previous ones left.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BoardJourneyIT {
    private static final String BOARD = "ideas";
    private static final String DARK_MODE_TITLE = "Support dark-mode in the editor";
    private static final String XSS_TITLE = "<img src=x onerror=alert(1)>";

    private Path dir;

    private PackagedServer server;
    private Browser browser;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        this.dir = dir;
        // One admin drives the whole journey (and its data set-up) from one browser: far more writes a minute than a
        // person makes, so the per-user write limit would answer 429 part-way. HardeningIT covers the limits.
        server = PackagedServer.start(dir, Map.of("RUNGU_RATE_LIMITS", "false"));
        browser = new Browser(Chromium.start(Chromium.newProfile(dir)), server.origin());
    }

    @AfterAll
    void stop() {
        Browser.closeBoth(browser, server);
    }

    @Test
    @Order(1)
    void a_sign_in_link_from_the_cli_signs_the_first_admin_in() throws Exception {
        browser.open("/login");
        browser.find("login-page");
        browser.find("no-providers");
        browser.find("login-link");
        browser.awaitSession();
        assertThat(browser.consoleErrors()).as("console errors of an anonymous load").isEmpty();
        browser.screenshot("login");

        browser.open(server.signInLink("admin@example.com", true));

        browser.find("user-name");
        browser.find("admin-link");
        assertThat(browser.all("login-link")).isEmpty();
        assertThat(browser.path()).isEqualTo("/");
    }

    @Test
    @Order(2)
    void the_admin_creates_a_board_that_appears_on_the_home_page() {
        browser.find("admin-link").click();
        browser.type("create-project-name", "Product ideas");
        browser.type("create-project-slug", BOARD);
        browser.type("create-project-description", "Tell us what to build next. Vote for the ideas you want most.");
        browser.find("create-project-submit").click();
        browser.find("create-project-success");
        browser.present("[data-testid=admin-project][data-slug=" + BOARD + "]");
        browser.screenshotFullPage("admin");

        browser.find("home-link").click();
        WebElement card = browser.present("[data-testid=project-card][data-slug=" + BOARD + "]");
        assertThat(card.getText()).contains("Product ideas");
    }

    @Test
    @Order(3)
    void posts_appear_on_the_board_and_a_hyphenated_search_finds_one() {
        browser.find("project-link").click();
        browser.waitForText("project-name", "Product ideas");
        createPost("Export the board to CSV", "A CSV download of every post with its votes.", "feature");
        createPost("Crash when saving an empty draft", "Steps: open the editor, save without typing.", "bug");
        createPost(DARK_MODE_TITLE, "The editor is too bright at night. A **dark-mode** would help.", "feature");
        assertThat(cardTitles()).containsExactly(DARK_MODE_TITLE, "Crash when saving an empty draft", "Export the board to CSV");
        assertThat(card(DARK_MODE_TITLE).findElement(By.cssSelector(".description")).getText())
                .as("the card's excerpt is plain text").isEqualTo("The editor is too bright at night. A dark-mode would help.");

        browser.type("search-input", "dark-mode");
        browser.until(d -> cardTitles().equals(List.of(DARK_MODE_TITLE)));
        assertThat(browser.path()).contains("q=dark-mode");
        browser.find("active-filters");

        browser.find("clear-filters").click();
        browser.until(d -> cardTitles().size() == 3);
    }

    @Test
    @Order(4)
    void voting_counts_once_and_voting_again_takes_the_vote_back() {
        browser.open("/board/" + BOARD);
        // The author's own vote, cast when the post was created, is an ordinary vote: kept by the server, undoable.
        WebElement vote = voteButton(DARK_MODE_TITLE);
        assertThat(vote.getAttribute("aria-pressed")).isEqualTo("true");
        assertThat(vote.getText()).contains("1");

        clickVote(DARK_MODE_TITLE, false, 0);
        browser.driver.navigate().refresh();
        assertThat(voteButton(DARK_MODE_TITLE).getAttribute("aria-pressed")).as("the vote is removed by the server").isEqualTo("false");

        clickVote(DARK_MODE_TITLE, true, 1);
        browser.driver.navigate().refresh();
        assertThat(voteButton(DARK_MODE_TITLE).getAttribute("aria-pressed")).as("the vote is kept by the server").isEqualTo("true");
        assertThat(voteButton(DARK_MODE_TITLE).getText()).contains("1");
        browser.screenshot("board");
    }

    @Test
    @Order(5)
    void a_comment_and_its_reply_thread_on_the_post_page() {
        openPost(DARK_MODE_TITLE);
        browser.type("comment-input", "Yes please, my eyes will thank you.");
        browser.find("comment-submit").click();
        WebElement first = browser.until(ExpectedConditions.visibilityOfElementLocated(testId("comment")));
        assertThat(first.findElement(testId("comment-content")).getText()).isEqualTo("Yes please, my eyes will thank you.");
        String parentId = first.getAttribute("data-comment-id");

        WebElement replyButton = first.findElement(testId("reply-button"));
        replyButton.click();
        // The reply box opens under the comment, not in the comment box at the top.
        WebElement replyInput = browser.until(ExpectedConditions.visibilityOfNestedElementsLocatedBy(first, testId("reply-input"))).get(0);
        assertThat(browser.driver.switchTo().activeElement()).isEqualTo(replyInput);
        assertThat(replyInput.getRect().getY()).isGreaterThan(replyButton.getRect().getY());
        replyInput.sendKeys("Agreed, and the roadmap should show it.");
        first.findElement(testId("reply-submit")).click();

        WebElement reply = browser.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(
                "[data-comment-id=\"" + parentId + "\"] [data-testid=comment]")));
        assertThat(reply.findElement(testId("comment-content")).getText()).isEqualTo("Agreed, and the roadmap should show it.");
        browser.driver.navigate().refresh();
        browser.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(
                "[data-comment-id=\"" + parentId + "\"] [data-testid=comment]")));
    }

    @Test
    @Order(6)
    void an_uploaded_image_shows_in_the_post_gallery() throws Exception {
        Path png = Png.write(dir.resolve("screenshot-mockup.png"), 320, 200);
        assertThat(browser.path()).contains("/post/");
        browser.present("[data-testid=attachment-input]").sendKeys(png.toString());

        WebElement item = browser.find("attachment-item");
        WebElement img = item.findElement(By.tagName("img"));
        browser.until(d -> Boolean.TRUE.equals(browser.js("return arguments[0].complete && arguments[0].naturalWidth === 320", img)));
        assertThat(img.getAttribute("src")).matches(".*/api/attachments/[^/]+$");
        browser.screenshotFullPage("post");
    }

    @Test
    @Order(7)
    void an_admin_status_change_puts_the_post_on_the_roadmap_and_then_the_changelog() {
        openPost("Export the board to CSV");
        setStatus("planned");
        openPost(DARK_MODE_TITLE);
        setStatus("in_progress");

        browser.open("/board/" + BOARD + "/roadmap");
        assertThat(browser.present("[data-testid=roadmap-column-planned]").getText()).contains("Export the board to CSV");
        assertThat(browser.find("roadmap-column-in_progress").getText()).contains(DARK_MODE_TITLE);
        assertThat(browser.find("roadmap-column-done").getText()).doesNotContain(DARK_MODE_TITLE);

        openPost(DARK_MODE_TITLE);
        setStatus("done");
        browser.open("/board/" + BOARD + "/roadmap");
        browser.until(d -> browser.find("roadmap-column-done").getText().contains(DARK_MODE_TITLE));
        assertThat(browser.find("roadmap-column-in_progress").getText()).doesNotContain(DARK_MODE_TITLE);
        browser.screenshot("roadmap");

        browser.find("tab-changelog").click();
        WebElement entry = browser.find("changelog-entry");
        assertThat(entry.getText()).contains(DARK_MODE_TITLE).contains("1 vote · 2 comments");
        assertThat(browser.all("changelog-entry")).hasSize(1);
        browser.screenshot("changelog");

        browser.find("home-link").click();
        browser.waitForText("project-card", "3 posts");
        browser.screenshot("home");
    }

    @Test
    @Order(9)
    void a_declined_post_leaves_the_default_board_and_closed_posts_brings_it_back() {
        openPost("Export the board to CSV");
        setStatus("declined");
        browser.open("/board/" + BOARD);
        browser.until(d -> cardTitles().size() == 2);
        assertThat(cardTitles()).doesNotContain("Export the board to CSV");
        browser.find("toggle-closed").click();
        browser.until(d -> cardTitles().contains("Export the board to CSV"));
        assertThat(browser.path()).isEqualTo("/board/" + BOARD + "?closed=show");
        assertThat(browser.find("post-count").getText()).isEqualTo("Showing 3 of 3");

        // Declined, it is on the board only while closed posts are shown: open it from there.
        card("Export the board to CSV").findElement(testId("post-link")).click();
        browser.until(d -> browser.find("post-title").getText().equals("Export the board to CSV"));
        setStatus("planned");
    }

    @Test
    @Order(11)
    void back_from_a_post_returns_to_the_same_posts_filters_and_scroll_position() {
        browser.open("/board/" + BOARD);
        browser.find("post-list");
        // A second board with more posts than one page, made through the REST API as the signed-in admin.
        browser.js("const h = {'Content-Type': 'application/json', 'X-Requested-With': 'XMLHttpRequest'};"
                + " const post = (url, body) => fetch(url, {method: 'POST', headers: h, body: JSON.stringify(body)})"
                + "   .then(r => { if (!r.ok) throw new Error(url + ' ' + r.status); });"
                + " return post('/api/projects', {name: 'Long list', slug: 'long'}).then(async () => {"
                + "   for (let i = 1; i <= 45; i++)"
                + "     await post('/api/projects/long/posts', {title: 'Long post ' + String(i).padStart(2, '0'), category: 'feature'});"
                + " });");

        browser.open("/board/long");
        browser.until(d -> cardTitles().size() == 20);
        browser.find("filter-category-feature").click();
        browser.until(d -> browser.path().contains("category=feature"));
        browser.find("load-more").click();
        browser.until(d -> cardTitles().size() == 40);
        WebElement target = card("Long post 10");
        browser.js("arguments[0].scrollIntoView({block: 'center'})", target);
        long scrolled = scrollY();
        assertThat(scrolled).as("the 36th of 40 posts is far down the page").isGreaterThan(1500);

        target.findElement(testId("post-link")).click();
        browser.until(d -> browser.find("post-title").getText().equals("Long post 10"));
        browser.driver.navigate().back();
        browser.until(d -> cardTitles().size() == 40);
        assertThat(browser.path()).isEqualTo("/board/long?category=feature");
        browser.until(d -> Math.abs(scrollY() - scrolled) <= 2);

        card("Long post 10").findElement(testId("post-link")).click();
        WebElement back = browser.find("back-to-board");
        assertThat(back.getText()).isEqualTo("← Back to board");
        back.click();
        browser.until(d -> cardTitles().size() == 40);
        assertThat(browser.path()).isEqualTo("/board/long?category=feature");
        browser.until(d -> Math.abs(scrollY() - scrolled) <= 2);

        String firstId = cardId("Long post 10");
        browser.open("/board/long/roadmap");
        browser.find("roadmap-column-planned");
        browser.open("/board/long/post/" + firstId);
        back = browser.find("back-to-board");
        assertThat(back.getText()).isEqualTo("← Back to roadmap");
        back.click();
        browser.until(d -> browser.path().equals("/board/long/roadmap"));
        browser.find("roadmap-column-planned");
    }

    @Test
    @Order(11)
    void a_draft_post_survives_escape_and_a_reload_and_is_discarded_only_after_asking() {
        browser.open("/board/" + BOARD);
        browser.find("new-post-toggle").click();
        browser.type("new-post-title", "Half-written idea");
        browser.type("new-post-description", "More to say later");
        new Actions(browser.driver).sendKeys(Keys.ESCAPE).perform();
        browser.until(ExpectedConditions.invisibilityOfElementLocated(testId("new-post-form")));

        browser.find("new-post-toggle").click();
        assertThat(browser.find("new-post-title").getAttribute("value")).isEqualTo("Half-written idea");
        browser.driver.navigate().refresh();
        browser.find("new-post-toggle").click();
        assertThat(browser.find("new-post-title").getAttribute("value")).isEqualTo("Half-written idea");
        assertThat(browser.find("new-post-description").getAttribute("value")).isEqualTo("More to say later");

        browser.find("new-post-discard").click();
        browser.until(ExpectedConditions.alertIsPresent()).dismiss();
        assertThat(browser.find("new-post-title").getAttribute("value")).isEqualTo("Half-written idea");
        browser.find("new-post-discard").click();
        browser.until(ExpectedConditions.alertIsPresent()).accept();
        browser.until(ExpectedConditions.invisibilityOfElementLocated(testId("new-post-form")));
        browser.find("new-post-toggle").click();
        assertThat(browser.find("new-post-title").getAttribute("value")).isEmpty();
        browser.find("new-post-cancel").click();
    }

    @Test
    @Order(11)
    void pages_do_not_jump_while_they_load() {
        String postId = cardIdOn("/board/" + BOARD, DARK_MODE_TITLE);
        Map<String, String> pages = Map.of(
                "board", "/board/" + BOARD + "|post-list",
                "post", "/board/" + BOARD + "/post/" + postId + "|comment-thread",
                "roadmap", "/board/" + BOARD + "/roadmap|roadmap",
                "changelog", "/board/" + BOARD + "/changelog|changelog-entry");
        Map<String, Double> shifts = new java.util.TreeMap<>();
        for (Map.Entry<String, String> page : pages.entrySet()) {
            String[] pathAndReady = page.getValue().split("\\|");
            browser.open(pathAndReady[0]);
            browser.find(pathAndReady[1]);
            double cls = cumulativeLayoutShift();
            System.out.printf("CLS %s: %.3f (threshold 0.1)%n", page.getKey(), cls);
            if (cls >= 0.1) {
                System.out.println("  what moved: " + browser.js("return window.__shifts"));
            }
            shifts.put(page.getKey(), cls);
        }
        assertThat(shifts).as("cumulative layout shift per page").allSatisfy((page, cls) -> assertThat(cls).isLessThan(0.1));
    }

    @Test
    @Order(12)
    void a_title_made_of_html_renders_as_text_and_runs_nothing() {
        browser.open("/board/" + BOARD);
        createPost(XSS_TITLE, "<script>alert(2)</script> **still text**", "question");
        browser.until(d -> cardTitles().contains(XSS_TITLE));
        assertNothingInjected();

        openPost(XSS_TITLE);
        assertThat(browser.find("post-title").getText()).isEqualTo(XSS_TITLE);
        assertThat(browser.find("post-description").getText()).contains("<script>alert(2)</script>");
        assertNothingInjected();
        browser.driver.navigate().refresh();
        assertThat(browser.find("post-title").getText()).isEqualTo(XSS_TITLE);
        assertNothingInjected();
    }

    @Test
    @Order(12)
    void a_vote_and_a_new_post_made_elsewhere_show_on_the_open_board_without_a_reload() throws Exception {
        browser.open("/board/" + BOARD);
        String id = cardId(DARK_MODE_TITLE);
        int before = Integer.parseInt(voteButton(DARK_MODE_TITLE).findElement(testId("vote-count")).getText());
        List<String> titles = cardTitles();
        String bob = sessionOf("bob@example.com");

        assertThat(apiWrite(bob, "/api/posts/" + id + "/vote", "").statusCode()).isEqualTo(200);
        browser.until(d -> voteButton(DARK_MODE_TITLE).findElement(testId("vote-count")).getText()
                .equals(Integer.toString(before + 1)));

        assertThat(apiWrite(bob, "/api/projects/" + BOARD + "/posts",
                "{\"title\":\"Offline mode\",\"description\":\"Sync when back online.\",\"category\":\"feature\"}")
                .statusCode()).isEqualTo(201);
        browser.waitForText("new-posts", "1 new post — show");
        assertThat(cardTitles()).as("the list does not move by itself").isEqualTo(titles);
        browser.screenshot("live-new-post");
        browser.find("new-posts").click();
        browser.until(d -> !cardTitles().isEmpty() && cardTitles().get(0).equals("Offline mode"));
        assertThat(browser.all("new-posts")).isEmpty();
    }

    /** Signs a member in through a one-time link, outside the browser; their session cookie ("session=..."). */
    private String sessionOf(String email) throws Exception {
        java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.signInLink(email, false))).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        String cookie = r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("session="))
                .findFirst().orElseThrow(() -> new AssertionError("no session cookie: " + r.statusCode() + " " + r.headers()));
        return cookie.substring(0, cookie.indexOf(';'));
    }

    /** A POST through the REST API with a session, as the web app sends it. */
    private java.net.http.HttpResponse<String> apiWrite(String session, String path, String json) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(server.origin() + path))
                .header("Cookie", session).header("X-Requested-With", "XMLHttpRequest")
                .header("Content-Type", "application/json")
                .POST(json.isEmpty() ? java.net.http.HttpRequest.BodyPublishers.noBody()
                        : java.net.http.HttpRequest.BodyPublishers.ofString(json)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @Order(8)
    void j_and_k_move_between_posts_v_votes_and_enter_opens() {
        browser.open("/board/" + BOARD);
        browser.until(d -> cardTitles().size() == 3);
        List<WebElement> cards = browser.all("post-card");
        Actions keys = new Actions(browser.driver);

        keys.sendKeys("j").perform();
        browser.until(d -> focusedCardId().equals(cards.get(0).getAttribute("data-post-id")));
        keys.sendKeys("j").perform();
        browser.until(d -> focusedCardId().equals(cards.get(1).getAttribute("data-post-id")));
        keys.sendKeys("k").perform();
        browser.until(d -> focusedCardId().equals(cards.get(0).getAttribute("data-post-id")));
        keys.sendKeys("k").perform();
        browser.until(d -> focusedCardId().equals(cards.get(2).getAttribute("data-post-id")));
        keys.sendKeys("j").perform();

        WebElement vote = cards.get(0).findElement(testId("vote-button"));
        String before = vote.getAttribute("aria-pressed");
        keys.sendKeys("v").perform();
        browser.until(d -> !before.equals(vote.getAttribute("aria-pressed")));
        // A second press while the first vote is still on its way is ignored by design; wait for the answer.
        browser.until(d -> browser.voteResponses() == 1);
        keys.sendKeys("v").perform();
        browser.until(d -> before.equals(vote.getAttribute("aria-pressed")));
        browser.until(d -> browser.voteResponses() == 2);

        keys.sendKeys("?").perform();
        browser.find("shortcut-help");
        browser.screenshot("shortcuts");
        keys.sendKeys(Keys.ESCAPE).perform();
        browser.until(ExpectedConditions.invisibilityOfElementLocated(testId("shortcut-help")));

        keys.sendKeys("k").perform();
        String focused = browser.until(d -> focusedCardId().isEmpty() ? null : focusedCardId());
        keys.sendKeys(Keys.ENTER).perform();
        browser.until(d -> browser.path().endsWith("/post/" + focused));
        browser.find("post-detail");
    }

    @Test
    @Order(9)
    void the_account_page_creates_shows_once_and_revokes_an_api_token() {
        browser.find("account-link").click();
        browser.waitForText("account-email", "admin@example.com");
        browser.type("token-name", "CI bot");
        new Select(browser.find("token-scope")).selectByValue("read");
        browser.find("token-create").click();
        assertThat(browser.find("token-secret").getAttribute("value")).startsWith("rgu_");
        browser.find("token-secret-dismiss").click();
        browser.until(ExpectedConditions.invisibilityOfElementLocated(testId("token-secret-box")));
        WebElement row = browser.find("token-row");
        assertThat(row.getText()).contains("CI bot");
        browser.screenshot("account");

        row.findElement(testId("token-revoke")).click();
        browser.find("token-revoke-confirm").click();
        browser.find("no-tokens");
    }

    @Test
    @Order(10)
    void dark_mode_is_applied_before_the_first_paint_and_survives_a_reload() {
        browser.open("/board/" + BOARD);
        assertThat(browser.js("return document.documentElement.getAttribute('data-theme')")).isEqualTo("light");
        WebElement toggle = browser.find("theme-toggle");
        for (int i = 0; i < 3 && !"dark".equals(toggle.getAttribute("data-mode")); i++) {
            toggle.click();
        }
        assertThat(toggle.getAttribute("data-mode")).isEqualTo("dark");
        assertThat(htmlTheme()).isEqualTo("dark|dark");

        // Records the theme at the first animation frame, which comes before the first paint of the new page.
        browser.driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source",
                "requestAnimationFrame(() => { window.__firstFrameTheme ="
                        + " document.documentElement.getAttribute('data-theme') + '|' + document.documentElement.className; });"));
        browser.driver.navigate().refresh();
        browser.find("post-list");
        assertThat(browser.js("return window.__firstFrameTheme")).isEqualTo("dark|dark");
        assertThat(htmlTheme()).isEqualTo("dark|dark");
        assertThat(browser.find("theme-toggle").getAttribute("data-mode")).isEqualTo("dark");
        // The theme script is a classic script in <head>: it blocks rendering until the theme is set.
        assertThat(browser.js("const s = [...document.head.querySelectorAll('script[src]')].find(s => s.src.includes('theme-init'));"
                + " return !!s && !s.defer && !s.async && s.type !== 'module'")).isEqualTo(true);
        browser.screenshot("dark-mode");

        browser.open("/board/" + BOARD + "/post/" + cardId(DARK_MODE_TITLE));
        browser.find("post-detail");
        browser.screenshot("dark-mode-post");
    }

    @Test
    @Order(13)
    void signing_out_returns_to_the_anonymous_view() {
        browser.open("/");
        browser.find("logout-button").click();
        browser.find("login-link");
        assertThat(browser.all("user-name")).isEmpty();
        browser.consoleErrors();
        browser.open("/board/" + BOARD);
        browser.find("login-to-post");
        browser.find("post-list");
        browser.awaitSession();
        assertThat(browser.consoleErrors()).as("console errors of an anonymous load of the board").isEmpty();
        assertThat(browser.js("return localStorage.getItem('rungu-theme')")).isEqualTo("dark");
    }

    @Test
    @Order(12)
    void on_a_phone_the_filters_fold_into_one_button_and_three_posts_show_on_the_first_screen() {
        browser.driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 390, "height", 844, "deviceScaleFactor", 1, "mobile", true));
        try {
            browser.open("/board/" + BOARD);
            browser.find("post-list");
            assertThat(browser.find("filters-toggle").isDisplayed()).isTrue();
            assertThat(browser.present("[data-testid=filters]").isDisplayed()).as("the filters wait behind their button").isFalse();
            browser.screenshot("board-phone");
            // A post is seen when its title is: the third card's title is wholly on the first screen.
            Object seen = browser.js("return [...document.querySelectorAll('[data-testid=post-link]')]"
                    + ".filter(l => l.getBoundingClientRect().bottom <= window.innerHeight).length");
            assertThat(((Number) seen).intValue()).as("post titles wholly on the first screen").isGreaterThanOrEqualTo(3);
            // The search's placeholder is read whole, not cut to "Searc…".
            List<?> search = (List<?>) browser.js("const i = document.querySelector('[data-testid=search-input]');"
                    + " const s = getComputedStyle(i); const c = document.createElement('canvas').getContext('2d');"
                    + " c.font = `${s.fontStyle} ${s.fontWeight} ${s.fontSize} ${s.fontFamily}`;"
                    + " return [c.measureText(i.placeholder).width,"
                    + " i.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight)]");
            double text = ((Number) search.get(0)).doubleValue();
            double room = ((Number) search.get(1)).doubleValue();
            System.out.printf("Search placeholder on a phone: %.0f px of text in %.0f px%n", text, room);
            assertThat(text).as("the search placeholder fits its field").isLessThanOrEqualTo(room);

            browser.find("filters-toggle").click();
            assertThat(browser.find("filter-category-bug").isDisplayed()).isTrue();
            browser.screenshot("board-phone-filters");
            new Actions(browser.driver).sendKeys(Keys.ESCAPE).perform();
            browser.until(ExpectedConditions.invisibilityOfElementLocated(testId("filters")));
            assertThat(browser.js("return document.activeElement.dataset.testid")).isEqualTo("filters-toggle");
            // The long board's roadmap, full: ten posts in each of planned, in progress and done.
            browser.js("const h = {'Content-Type': 'application/json', 'X-Requested-With': 'XMLHttpRequest'};"
                    + " return fetch('/api/projects/long/posts?per_page=30&sort=oldest').then(r => r.json()).then(async page => {"
                    + "   const statuses = ['planned', 'in_progress', 'done'];"
                    + "   for (const [i, p] of page.data.entries()) {"
                    + "     const r = await fetch('/api/posts/' + p.id, {method: 'PATCH', headers: h,"
                    + "       body: JSON.stringify({status: statuses[Math.floor(i / 10)]})});"
                    + "     if (!r.ok) throw new Error('status ' + r.status);"
                    + "   }"
                    + " });");
            browser.open("/board/long/roadmap");
            browser.find("roadmap");
            browser.find("roadmap-tabs");
            browser.until(d -> browser.all("post-card").size() == 30);
            assertThat(browser.find("roadmap-column-planned").isDisplayed()).isTrue();
            assertThat(browser.present("[data-testid=roadmap-column-done]").isDisplayed()).as("one column at a time").isFalse();
            long height = ((Number) browser.js("return document.documentElement.scrollHeight")).longValue();
            System.out.printf("Roadmap height on a phone (390x844): %d px (threshold 2500)%n", height);
            assertThat(height).as("roadmap height on a phone").isLessThan(2500);
            browser.find("roadmap-tab-done").click();
            assertThat(browser.find("roadmap-column-done").isDisplayed()).isTrue();
            assertThat(browser.present("[data-testid=roadmap-column-planned]").isDisplayed()).isFalse();
            browser.screenshot("roadmap-phone");
            browser.open("/board/" + BOARD);
            browser.find("post-list");
        } finally {
            browser.driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
        browser.driver.navigate().refresh();
        assertThat(browser.find("filter-category-bug").isDisplayed()).as("on a desktop the filters stay in view").isTrue();
        assertThat(browser.present("[data-testid=filters-toggle]").isDisplayed()).isFalse();
    }

    @Test
    @Order(14)
    void voting_signed_out_opens_a_sign_in_dialog_and_the_vote_is_counted_after_signing_in() throws Exception {
        browser.open("/board/" + BOARD);
        String count = voteButton(DARK_MODE_TITLE).findElement(testId("vote-count")).getText();
        voteButton(DARK_MODE_TITLE).click();
        WebElement dialog = browser.find("signin-dialog");
        assertThat(dialog.getAttribute("role")).isEqualTo("dialog");
        assertThat(dialog.getAttribute("aria-modal")).isEqualTo("true");
        browser.find("signin-dialog-none"); // this server has no sign-in provider: the CLI's link signs in
        browser.screenshot("sign-in-dialog");
        new Actions(browser.driver).sendKeys(Keys.ESCAPE).perform();
        browser.until(ExpectedConditions.invisibilityOfElementLocated(testId("signin-dialog")));
        assertThat(browser.js("return document.activeElement.dataset.testid")).isEqualTo("vote-button");

        browser.open(server.signInLink("voter@example.com", false));
        browser.find("user-name");
        browser.until(d -> browser.all("toast").stream().anyMatch(t -> t.getText().contains("Your vote was counted")));
        browser.open("/board/" + BOARD);
        assertThat(voteButton(DARK_MODE_TITLE).getAttribute("aria-pressed")).isEqualTo("true");
        assertThat(voteButton(DARK_MODE_TITLE).findElement(testId("vote-count")).getText())
                .isEqualTo(Integer.toString(Integer.parseInt(count) + 1));
        assertThat(browser.js("return localStorage.getItem('rungu-pending-vote')")).as("completed once, then forgotten").isNull();
    }

    private void createPost(String title, String description, String category) {
        browser.find("new-post-toggle").click();
        browser.type("new-post-title", title);
        browser.type("new-post-description", description);
        browser.find("new-post-category-" + category).click();
        browser.find("new-post-submit").click();
        browser.until(ExpectedConditions.invisibilityOfElementLocated(testId("new-post-form")));
        browser.waitForText("board-notice", "was published");
        browser.until(d -> cardTitles().contains(title));
        // The web app casts the author's own vote on the new post (#19).
        browser.until(d -> "true".equals(voteButton(title).getAttribute("aria-pressed")));
        assertThat(voteButton(title).findElement(testId("vote-count")).getText()).isEqualTo("1");
    }

    private List<String> cardTitles() {
        return browser.all("post-link").stream().map(WebElement::getText).toList();
    }

    private WebElement card(String title) {
        return browser.until(d -> browser.all("post-card").stream()
                .filter(c -> c.findElement(testId("post-link")).getText().equals(title))
                .findFirst().orElse(null));
    }

    private String cardId(String title) {
        return card(title).getAttribute("data-post-id");
    }

    private WebElement voteButton(String title) {
        return card(title).findElement(testId("vote-button"));
    }

    private void openPost(String title) {
        browser.open("/board/" + BOARD);
        card(title).findElement(testId("post-link")).click();
        browser.until(d -> browser.find("post-title").getText().equals(title));
    }

    private void setStatus(String status) {
        new Select(browser.find("status-select")).selectByValue(status);
        browser.until(d -> browser.driver.findElements(By.cssSelector(
                "[data-testid=post-detail] [data-testid=status-badge][data-status=" + status + "]")).size() == 1);
        // The badge changes at once; the select is enabled again when the server has answered.
        browser.until(d -> browser.find("status-select").isEnabled());
        assertThat(browser.all("status-error")).isEmpty();
        // The saved change is told in a toast, in the page's live region.
        browser.until(d -> browser.all("toast").stream().anyMatch(t -> t.getText().startsWith("Status changed to")));
    }

    /** Clicks a card's vote button and waits for the server's answer. */
    private void clickVote(String title, boolean pressed, int count) {
        long answered = browser.voteResponses();
        voteButton(title).click();
        browser.until(d -> browser.voteResponses() == answered + 1);
        browser.until(d -> String.valueOf(pressed).equals(voteButton(title).getAttribute("aria-pressed")));
        assertThat(voteButton(title).findElement(testId("vote-count")).getText()).isEqualTo(Integer.toString(count));
    }

    private String cardIdOn(String path, String title) {
        browser.open(path);
        return cardId(title);
    }

    /** The sum of the page's layout shifts not caused by input, from the Performance API. */
    private double cumulativeLayoutShift() {
        Object cls = browser.js("return new Promise(resolve => {"
                + " let cls = 0; window.__shifts = [];"
                + " const name = n => n ? n.nodeName + '.' + (n.className || '') + '[' + ((n.dataset && n.dataset.testid) || '') + ']' : '?';"
                + " const add = es => es.forEach(e => { if (!e.hadRecentInput) { cls += e.value;"
                + "   window.__shifts.push(e.value.toFixed(3) + ' ' + e.sources.map(s => name(s.node) + ' ' + JSON.stringify(s.previousRect) + '->' + JSON.stringify(s.currentRect)).join('; ')); } });"
                + " const po = new PerformanceObserver(l => add(l.getEntries()));"
                + " po.observe({type: 'layout-shift', buffered: true});"
                + " requestAnimationFrame(() => setTimeout(() => { add(po.takeRecords()); po.disconnect(); resolve(cls); }, 100));"
                + "})");
        return ((Number) cls).doubleValue();
    }

    private long scrollY() {
        return ((Number) browser.js("return Math.round(window.scrollY)")).longValue();
    }

    private String focusedCardId() {
        Object id = browser.js("const c = document.activeElement && document.activeElement.closest('[data-testid=post-card]');"
                + " return c ? c.getAttribute('data-post-id') : ''");
        return String.valueOf(id);
    }

    private String htmlTheme() {
        return (String) browser.js("return document.documentElement.getAttribute('data-theme') + '|' + document.documentElement.className");
    }

    private void assertNothingInjected() {
        browser.assertNoAlert();
        assertThat(browser.driver.findElements(By.cssSelector("img[src=x], img[src=\"x\"]"))).isEmpty();
        assertThat(browser.driver.findElements(By.cssSelector("main script, #app script, body script:not([src])"))).isEmpty();
    }
}
