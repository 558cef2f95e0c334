package dev.plugbench.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * {@code plugbench serve}'s pages in a real browser (Debian's chromium through chromedriver), on
 * three stored versions of one task where the third made one method worse: the runs page lists and
 * filters them and opens a report; comparing the last two runs marks the regression; the method's
 * history chart has a point per version with the drop marked. Without a browser the test skips with
 * the install hint; under CI ({@code CI=true}) a missing browser fails it.
 */
class ResultsBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @TempDir
    static Path root;

    private static ResultsIndex index;
    private static ResultsServer server;
    private static WebDriver browser;

    @BeforeAll
    static void serveAndStartTheBrowser() throws Exception {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            String hint = "no browser for the results pages test: install Debian's chromium and chromium-driver (apt-get install -y chromium chromium-driver)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(hint + "; under CI=true this test must run, so it fails");
            }
            Assumptions.abort(hint);
        }
        StoredRuns.threeVersions(root);
        index = ResultsIndex.ofRoot(root);
        index.refresh();
        server = ResultsServer.start(index, "127.0.0.1", 0, Duration.ofSeconds(1));
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1400,1000");
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build(), options);
    }

    @AfterAll
    static void quit() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
            index.close();
        }
    }

    /** Opens a view and waits for its data (body data-ready) and its charts. */
    private static void open(String hash) {
        browser.get(server.url() + "#" + hash);
        browser.navigate().refresh(); // a new hash on the same page: make the page render it from scratch
        awaitReady();
    }

    private static void awaitReady() {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")));
        wait.until(d -> d.findElements(By.cssSelector(".chart")).stream().allMatch(c -> "true".equals(c.getAttribute("data-rendered"))));
    }

    private static List<String> column(String table, int column) {
        return browser.findElements(By.cssSelector("#" + table + " tbody tr")).stream().map(tr -> tr.findElements(By.tagName("td")).get(column).getText())
                .toList();
    }

    private static List<String> consoleErrors() {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream().filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue())
                .map(LogEntry::getMessage).toList();
    }

    @Test
    void theRunsPageListsFiltersAndOpensAReport() {
        open("runs?sort=started&order=asc");
        assertThat(browser.findElements(By.id("error"))).isEmpty();
        assertThat(column("runs", 10)).containsExactly("v1", "v2", "v3");
        assertThat(column("runs", 4)).containsExactly("fixture 0.1.0", "fixture 0.2.0", "fixture 0.3.0");
        browser.findElement(By.id("f-version")).sendKeys("0.2.0");
        browser.findElement(By.id("apply")).click();
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> d.findElements(By.cssSelector("#runs tbody tr")).size() == 1
                && "true".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")));
        assertThat(browser.findElement(By.id("runs-count")).getText()).isEqualTo("1 runs");
        String report = browser.findElement(By.cssSelector("#runs tbody a.report")).getAttribute("href");
        browser.get(report);
        assertThat(browser.findElement(By.id("report")).getText()).isEqualTo("demo/alpha 0.2.0");
        assertThat(consoleErrors()).isEmpty();
    }

    @Test
    void comparingTheLastTwoRunsMarksTheRegression() {
        open("runs?sort=started&order=asc");
        List<WebElement> picks = browser.findElements(By.cssSelector("#runs .pick"));
        WebElement button = browser.findElement(By.id("compare-selected"));
        picks.get(2).click();
        assertThat(button.isEnabled()).isFalse();
        picks.get(1).click();
        assertThat(button.isEnabled()).isTrue();
        button.click();
        awaitReady();
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> !d.findElements(By.id("comparison")).isEmpty());
        List<WebElement> worse = browser.findElements(By.cssSelector("#comparison tbody tr.worse"));
        assertThat(worse).hasSize(2);
        assertThat(worse).allSatisfy(tr -> {
            List<WebElement> td = tr.findElements(By.tagName("td"));
            assertThat(td.get(1).getText()).isEqualTo("zeta");
            assertThat(td.get(4).getText()).isEqualTo("0.2.0 → 0.3.0");
            assertThat(td.get(10).getText()).isEqualTo("▼ worse");
        });
        assertThat(browser.findElement(By.id("c-counts")).getText()).contains("worse: 2").contains("identical:");
        new Select(browser.findElement(By.id("c-rows"))).selectByValue("all");
        awaitReady();
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> d.findElements(By.cssSelector("#comparison tbody tr")).size() > 2);
        assertThat(column("comparison", 10)).contains("identical");
        assertThat(consoleErrors()).isEmpty();
    }

    @Test
    void theHistoryChartHasAPointPerVersionAndMarksTheDrop() {
        open("history?family=demo&task=alpha&method=zeta&metric=accuracy");
        WebElement chart = browser.findElement(By.id("h-chart"));
        assertThat(chart.findElements(By.tagName("canvas"))).isNotEmpty();
        assertThat(column("history", 1)).containsExactly("0.1.0", "0.2.0", "0.3.0", "0.1.0", "0.2.0", "0.3.0");
        assertThat(column("history", 5)).containsExactly("(first)", "identical", "worse", "(first)", "identical", "worse");
        assertThat(browser.findElements(By.cssSelector("#history tbody tr.worse"))).hasSize(2);
        // the chart's own data: three categories (the versions) and a pin on each drop
        Object categories = ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                "return echarts.getInstanceByDom(document.getElementById('h-chart')).getOption().xAxis[0].data.map(s => s.split('\\n')[0]);");
        assertThat(categories).isEqualTo(List.of("0.1.0", "0.2.0", "0.3.0"));
        Object pins = ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                "return echarts.getInstanceByDom(document.getElementById('h-chart')).getOption().series.filter(s => s.type === 'line')"
                        + ".map(s => s.markPoint.data.map(p => p.value).join(''));");
        assertThat(pins).isEqualTo(List.of("▼", "▼"));
        assertThat(consoleErrors()).isEmpty();
    }
}
