package io.mooring.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.testing.Await;
import io.mooring.testing.Browser;
import io.mooring.testing.Http;
import io.mooring.testing.TenantFixture;
import io.mooring.testing.TestAgent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The status page in a real browser against a real agent: a person signs in with the agent's token, finds the tenant whose
 * rollout crashed (failed, rolled back, its revision held), follows it to the failed pass and the action that failed, and
 * retries it; without the session cookie the page sends them to the sign-in form, and a wrong token is refused.
 */
class StatusPageIT {
    /** Where the screenshots go; the README's copy is docs/status-page.png. */
    private static final Path SHOTS = Path.of("target", "screenshots");
    @TempDir
    Path tmp;
    private TenantFixture it;
    /** A second tenant on the same node, that stays converged. */
    private String steady;
    private int steadyPort;
    private TestAgent agent;
    private Browser browser;

    @BeforeEach
    void setUp() throws Exception {
        it = new TenantFixture(tmp);
        steady = it.tenant + "-ok";
        steadyPort = Http.freePort();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (agent != null) {
            agent.close();
        }
        it.removeTenant(steady);
        it.close();
    }

    /** The tenant on {@code version}, the steady one on 1.0, each on a host port of its own. */
    private void commit(String version) throws Exception {
        inventory(it.tenant, version, it.port);
        inventory(steady, "1.0", steadyPort);
        it.repo.write("components.yml", it.webComponents().replace(":" + it.port + ":", ":${web_port}:"));
        it.repo.commit("web " + version);
    }

    private void inventory(String tenant, String version, int port) throws Exception {
        it.repo.write("instances/" + tenant + "/inventory.yml", "all:\n  hosts:\n    node-a: {}\n  vars: {web_version: \"" + version
                + "\", web_port: " + port + "}\n");
    }

    @Test
    void aPersonSignsInFindsTheCrashedRolloutAndRetriesIt() throws Exception {
        commit("1.0");
        agent = new TestAgent(tmp.resolve("agent.yml"), it.repo.dir().toString(), it.home, "interval: 1s\nhealthTimeout: 30s\n");
        String token = agent.token().orElseThrow();
        Await.until(Duration.ofSeconds(60), () -> it.page("/"), "web 1.0"::equals);
        commit("crash");
        Await.until(Duration.ofSeconds(60), () -> agent.get("/api/passes?tenant=" + it.tenant), b -> b.contains("\"status\":\"FAILED\""));

        assertThat(Http.status(agent.url("/"))).as("no session: sent to the sign-in form").startsWith("303 ");
        assertThat(Http.status(agent.url("/tenants/" + it.tenant))).startsWith("303 ");
        assertThat(Http.status(agent.url("/"), "Authorization", "Bearer " + token)).as("the page takes no bearer token").startsWith("303 ");
        assertThat(Http.status(agent.url("/api/passes"))).as("the API's reads still want their bearer token").startsWith("401 ");

        browser = new Browser(Files.createDirectories(tmp.resolve("chromium")), 1280, 1000);
        WebDriverWait wait = new WebDriverWait(browser.driver, Duration.ofSeconds(20));
        browser.driver.get(agent.url("/"));
        assertThat(browser.driver.getCurrentUrl()).endsWith("/login");
        signIn("not-the-token");
        assertThat(browser.driver.findElement(By.id("error")).getText()).contains("not the agent's API token");
        assertThat(browser.driver.manage().getCookieNamed("mooring_session")).as("no session for a wrong token").isNull();

        signIn(token);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("summary")));
        Cookie session = browser.driver.manage().getCookieNamed("mooring_session");
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.getSameSite()).isEqualTo("Strict");
        assertThat(session.getValue()).doesNotContain(token);
        WebElement row = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-tenant='" + it.tenant + "']")));
        assertThat(row.findElement(By.cssSelector("td[data-label='State']")).getText()).isIn("failed", "held");
        assertThat(browser.driver.findElement(By.cssSelector("tr[data-tenant='" + steady + "'] td[data-label='State']")).getText())
                .isEqualTo("converged");
        assertThat(browser.screenshot(SHOTS.resolve("status-page.png"))).as("colours of the status page").isGreaterThan(16);
        browser.driver.manage().window().setSize(new Dimension(390, 844));
        assertThat(browser.screenshot(SHOTS.resolve("status-page-phone.png"))).as("colours on a phone").isGreaterThan(16);
        browser.driver.manage().window().setSize(new Dimension(1280, 1000));

        row.findElement(By.linkText(it.tenant)).click();
        WebElement failed = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("section.pass[data-status='FAILED']")));
        assertThat(failed.findElement(By.cssSelector("pre.message")).getText()).isNotBlank();
        List<String> actions = failed.findElements(By.cssSelector("table.actions tbody tr")).stream().map(WebElement::getText).toList();
        assertThat(actions).as("the failed pass's actions").anySatisfy(a -> assertThat(a).contains("web").contains("tag changed: 1.0 → crash")
                .contains("failed"));
        assertThat(browser.screenshot(SHOTS.resolve("tenant-page.png"))).as("colours of the tenant page").isGreaterThan(16);

        String cookie = "mooring_session=" + session.getValue();
        String retry = agent.url("/tenants/" + it.tenant + "/retry");
        assertThat(Http.post(retry, "Cookie", cookie, "Origin", "http://evil.example", "Content-Type", "application/x-www-form-urlencoded"))
                .as("a retry from another site").startsWith("403 ");
        assertThat(Http.post(retry, "Cookie", cookie, "Origin", agent.url(""), "Content-Type", "application/x-www-form-urlencoded"))
                .as("a retry without the form's token").startsWith("403 ");
        browser.driver.findElement(By.id("retry")).click();
        assertThat(wait.until(ExpectedConditions.presenceOfElementLocated(By.id("flash"))).getText()).contains("Retry requested");

        browser.driver.findElement(By.xpath("//button[text()='Sign out']")).click();
        wait.until(ExpectedConditions.urlContains("/login"));
        assertThat(browser.driver.manage().getCookieNamed("mooring_session")).as("signed out").isNull();
    }

    private void signIn(String token) {
        WebElement field = browser.driver.findElement(By.id("token"));
        field.clear();
        field.sendKeys(token);
        browser.driver.findElement(By.cssSelector("#login button")).click();
    }
}
