package io.rungu.e2e;

import static io.rungu.e2e.Browser.testId;
import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import io.rungu.http.RunguPlugin;
import io.rungu.model.Actor;
import io.rungu.model.NewProject;
import io.rungu.model.Role;
import io.rungu.model.User;
import io.rungu.oauth.RunguAuth;
import io.rungu.store.RunguStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * A host application with routes of its own that mounts the board at {@code /feedback} in-process, with Rungu's
 * sign-in; the web app comes from the rungu-webapp jar on the classpath.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostAppIT {
    private static final String BASE = "/feedback";
    private static final String TITLE = "Let us embed the board in our app";

    private Path dir;

    private RunguStore store;
    private RunguAuth auth;
    private Javalin host;
    private Browser browser;
    private String origin;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        this.dir = dir;
        int port = PackagedServer.freePort();
        origin = "http://127.0.0.1:" + port;
        store = RunguStore.open(db -> db.url = "jdbc:sqlite:" + dir.resolve("host.db"));
        auth = RunguAuth.create(store, a -> {
            a.secret = "host-secret-0123456789abcdef0123456789abcdef";
            a.baseUrl = origin + BASE;
            a.secureCookies = false;
        });
        User admin = store.accounts().ensureUser("owner@host.example", "Host Owner", Role.ADMIN);
        store.board().createProject(Actor.of(admin.id(), admin.role()),
                new NewProject("Host feedback", "host", "Feedback about the host application."));
        host = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.routes.get("/", ctx -> ctx.html("<h1 id=host-home>Host home</h1><a href=\"/feedback/\">Feedback</a>"));
            config.routes.get("/hello", ctx -> ctx.result("hello from the host"));
            config.registerPlugin(new RunguPlugin(store, auth, http -> http.basePath = BASE));
        }).start("127.0.0.1", port);
        browser = new Browser(Chromium.start(Chromium.newProfile(dir)), origin);
    }

    @AfterAll
    void stop() {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            if (host != null) {
                host.stop();
            }
            if (store != null) {
                store.close();
            }
        }
    }

    @Test
    @Order(1)
    void the_hosts_own_pages_stay_the_hosts() {
        browser.open("/");
        assertThat(browser.present("#host-home").getText()).isEqualTo("Host home");
        browser.open("/hello");
        assertThat(browser.driver.findElement(By.tagName("body")).getText()).isEqualTo("hello from the host");
    }

    @Test
    @Order(2)
    void the_board_loads_under_the_base_path_with_its_assets() {
        browser.open("/");
        browser.driver.findElement(By.linkText("Feedback")).click();
        browser.find("project-list");
        assertThat(browser.path()).isEqualTo(BASE + "/");
        assertThat(browser.find("home-link").getAttribute("href")).isEqualTo(origin + BASE + "/");
        @SuppressWarnings("unchecked")
        List<String> loaded = (List<String>) browser.js(
                "return performance.getEntriesByType('resource').map(e => e.name).concat(location.href)");
        assertThat(loaded).isNotEmpty().allSatisfy(url -> assertThat(url).startsWith(origin + BASE + "/"));
        assertThat(loaded).anySatisfy(url -> assertThat(url).startsWith(origin + BASE + "/assets/"));
        assertThat(loaded).anySatisfy(url -> assertThat(url).startsWith(origin + BASE + "/api/"));
    }

    @Test
    @Order(3)
    void a_member_signed_in_by_link_posts_and_votes() {
        browser.open(auth.createSignInLink("member@host.example", Role.MEMBER, Duration.ofMinutes(5)));
        browser.find("user-name");
        assertThat(browser.path()).startsWith(BASE + "/");
        assertThat(browser.all("admin-link")).isEmpty();

        browser.present("[data-testid=project-card][data-slug=host] [data-testid=project-link]").click();
        browser.waitForText("project-name", "Host feedback");
        assertThat(browser.path()).isEqualTo(BASE + "/board/host");
        browser.find("new-post-toggle").click();
        browser.type("new-post-title", TITLE);
        browser.find("new-post-submit").click();
        browser.waitForText("board-notice", "was published");
        browser.until(d -> browser.find("filter-status-open").getText().endsWith("1"));
        Number gap = (Number) browser.js("return document.querySelector('[data-testid=post-list]').getBoundingClientRect().top"
                + " - document.querySelector('[data-testid=search-input]').getBoundingClientRect().bottom");
        assertThat(gap.doubleValue()).as("space between the search box and the first post").isLessThan(40);

        // The web app casts the author's own vote on a new post (#19): one click takes it back, one more votes again.
        browser.until(d -> "true".equals(browser.find("vote-button").getAttribute("aria-pressed")));
        long answered = browser.voteResponses();
        browser.find("vote-button").click();
        browser.until(d -> browser.voteResponses() == answered + 1);
        browser.until(d -> "false".equals(browser.find("vote-button").getAttribute("aria-pressed")));
        assertThat(browser.find("vote-count").getText()).isEqualTo("0");
        browser.find("vote-button").click();
        browser.until(d -> browser.voteResponses() == answered + 2);
        browser.until(d -> "true".equals(browser.find("vote-button").getAttribute("aria-pressed")));
        assertThat(browser.find("vote-count").getText()).isEqualTo("1");
        browser.screenshot("embedded-board");
    }

    @Test
    @Order(4)
    void deep_links_under_the_base_path_survive_a_reload() {
        browser.find("post-link").click();
        browser.waitForText("post-title", TITLE);
        String postPath = browser.path();
        assertThat(postPath).matches("/feedback/board/host/post/[^/]+");

        browser.driver.navigate().refresh();
        browser.waitForText("post-title", TITLE);
        assertThat(browser.path()).isEqualTo(postPath);
        assertThat(browser.find("vote-button").getAttribute("aria-pressed")).isEqualTo("true");

        browser.open(BASE + "/board/host/roadmap");
        browser.find("roadmap");
        browser.open(BASE + "/board/host/changelog");
        browser.until(ExpectedConditions.or(
                ExpectedConditions.visibilityOfElementLocated(testId("changelog-empty")),
                ExpectedConditions.visibilityOfElementLocated(testId("changelog"))));
        browser.open(BASE + "/account");
        browser.waitForText("account-email", "member@host.example");

    }

    @Test
    @Order(5)
    void signing_out_keeps_the_visitor_on_the_board() {
        browser.open(BASE + "/board/host");
        browser.find("logout-button").click();
        browser.find("login-link");
        assertThat(browser.path()).startsWith(BASE + "/");
        browser.open("/hello");
        assertThat(browser.driver.findElement(By.tagName("body")).getText()).isEqualTo("hello from the host");
    }
}
