package dev.plugbench.harness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugbench.api.MetricSpec;
import dev.plugbench.api.bench.CellResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
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
 * The HTML reports in a real browser (Debian's chromium, driven by Selenium through chromedriver), on a
 * stored small run of two tasks of one family rebuilt with {@link Reports#rebuild}: each page loads
 * offline with no console error, every chart renders, sorting a table changes its order, and the
 * setting picker redraws the charts. Without a browser the test skips with the install hint; under
 * CI ({@code CI=true}) a missing browser fails it.
 */
class HtmlReportBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @TempDir
    static Path run;

    private static WebDriver browser;

    @BeforeAll
    static void storeARunAndStartTheBrowser() throws IOException {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            String hint = "no browser for the report test: install Debian's chromium and chromium-driver (apt-get install -y chromium chromium-driver)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(hint + "; under CI=true this test must run, so it fails");
            }
            Assumptions.abort(hint);
        }
        storedRun(run);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1400,1000");
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void quit() {
        if (browser != null) {
            browser.quit();
        }
    }

    /** Two tasks of family "demo": 8 seeds, 3 methods, 2 settings each; rebuilt from results.json files alone. */
    static void storedRun(Path dir) throws IOException {
        List<MetricSpec> metrics = List.of(MetricSpec.higher("accuracy", "accuracy"), MetricSpec.closestTo("gap", 0, "a gap, 0 is ideal"),
                MetricSpec.descriptive("seconds_spent", "a timing"));
        for (String task : List.of("alpha", "beta")) {
            List<CellResult> rows = new ArrayList<>();
            for (String setting : List.of("easy", "hard")) {
                for (int s = 0; s < 8; s++) {
                    double noise = ((s * 37 + task.length()) % 11 - 5) / 400.0;
                    double base = setting.equals("easy") ? 0.9 : 0.7;
                    rows.add(new CellResult("zeta", Map.of(), setting, s, Map.of("accuracy", base + noise, "gap", 0.01 + noise / 10, "seconds_spent", 1.0 + s), 1, null));
                    rows.add(new CellResult("mu", Map.of("k", 2L), setting, s, Map.of("accuracy", base - 0.1 + noise, "gap", -0.05, "seconds_spent", 2.0), 1, null));
                    rows.add(new CellResult("alpha-method", Map.of(), setting, s, Map.of("accuracy", base + noise + (s % 2 == 0 ? 0.004 : -0.004),
                            "gap", 0.2, "seconds_spent", 0.5), 1, s == 7 && setting.equals("hard") ? "failed on purpose" : null));
                }
            }
            Path taskDir = Files.createDirectories(dir.resolve(task));
            TaskResult r = new TaskResult("demo", task, false, java.util.stream.LongStream.range(0, 8).boxed().toList(), Map.of("host_version", "test"),
                    rows, Summaries.of(rows, metrics), taskDir, Map.of(), metrics, "stored run for the browser test, task " + task);
            Files.write(taskDir.resolve("results.json"), Json.bytes(Json.results(r, StatisticsOptions.DEFAULT)));
        }
        org.knowm.xchart.XYChart plot = Plots.xy("a task plot", "x", "y");
        plot.addSeries("line", new double[] {1, 2, 3}, new double[] {1, 4, 9});
        Plots.save(plot, dir.resolve("alpha/task-plot.png"));
        Reports.rebuild(dir, StatisticsOptions.DEFAULT);
    }

    private static void open(Path page) {
        browser.get(page.toUri().toString());
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")));
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> d.findElements(By.cssSelector(".chart")).stream()
                .allMatch(c -> "true".equals(c.getAttribute("data-rendered"))));
    }

    private static List<String> consoleErrors() {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream().filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue())
                .map(LogEntry::getMessage).toList();
    }

    private static List<String> column(String table, int column) {
        return browser.findElements(By.cssSelector("#" + table + " tbody tr")).stream().map(tr -> tr.findElements(By.tagName("td")).get(column).getText())
                .toList();
    }

    private static List<String> reversed(List<String> list) {
        List<String> out = new ArrayList<>(list);
        java.util.Collections.reverse(out);
        return out;
    }

    @Test
    void theTaskReportRendersSortsAndSwitchesSettings() throws IOException {
        Path page = run.resolve("alpha/report.html");
        assertThat(Files.readString(page)).doesNotContain("src=\"http").doesNotContain("href=\"http");
        open(page);
        assertThat(consoleErrors()).isEmpty();
        List<WebElement> charts = browser.findElements(By.cssSelector("#metric-charts .chart"));
        assertThat(charts).hasSize(3).allSatisfy(c -> assertThat(c.findElements(By.tagName("canvas"))).isNotEmpty());
        // the results table sorts by a metric: ascending accuracy puts mu (0.1 lower) first, then the other order on a second click
        List<String> before = column("results-0", 0);
        assertThat(before).containsExactly("zeta", "mu", "alpha-method");
        WebElement accuracy = browser.findElements(By.cssSelector("#results-0 th")).stream().filter(th -> th.getText().startsWith("accuracy")).findFirst()
                .orElseThrow();
        accuracy.click();
        List<String> ascending = column("results-0", 0);
        assertThat(ascending).isNotEqualTo(before).startsWith("mu");
        accuracy.click();
        assertThat(column("results-0", 0)).isEqualTo(reversed(ascending));
        // the statistics: zeta and alpha-method are within noise of each other, mu significantly worse; gap's best is bold
        assertThat(browser.findElement(By.id("paired")).getText()).contains("within noise").contains("worse");
        assertThat(browser.findElements(By.cssSelector("#results-0 td.best"))).isNotEmpty();
        assertThat(browser.findElements(By.cssSelector("#results-0 td.tie"))).isNotEmpty();
        // the task's plot is inside the page; the failed cell is listed
        assertThat(browser.findElements(By.cssSelector("img.plot"))).singleElement()
                .satisfies(img -> assertThat(img.getAttribute("src")).startsWith("data:image/png;base64,"));
        assertThat(browser.findElement(By.id("failed")).getText()).contains("failed on purpose");
        // another setting redraws every chart
        new Select(browser.findElement(By.id("setting-select"))).selectByValue("hard");
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> d.findElements(By.cssSelector("#metric-charts .chart")).size() == 3
                && d.findElements(By.cssSelector("#metric-charts .chart")).stream().allMatch(c -> "true".equals(c.getAttribute("data-rendered"))));
        Object yMax = ((JavascriptExecutor) browser).executeScript(
                "return echarts.getInstanceByDom(document.querySelector('#metric-charts .chart')).getModel().getComponent('yAxis').axis.scale.getExtent()[1];");
        assertThat(((Number) yMax).doubleValue()).isLessThan(0.9);
        assertThat(consoleErrors()).isEmpty();
    }

    @Test
    void theIndexLinksEveryTaskAndDrawsTheCriticalDifferenceDiagram() {
        open(run.resolve("index.html"));
        assertThat(consoleErrors()).isEmpty();
        assertThat(browser.findElements(By.cssSelector("#tasks a"))).extracting(a -> a.getAttribute("href"))
                .anySatisfy(h -> assertThat(h).endsWith("alpha/report.html")).anySatisfy(h -> assertThat(h).endsWith("beta/report.html"));
        // accuracy and gap are ranked over 4 blocks (2 tasks x 2 settings) with 3 methods: a diagram each; the timing is descriptive: none
        List<WebElement> charts = browser.findElements(By.cssSelector(".chart"));
        assertThat(charts).hasSize(2).allSatisfy(c -> assertThat(c.findElements(By.tagName("canvas"))).isNotEmpty());
        assertThat(browser.findElement(By.tagName("body")).getText()).contains("demo: accuracy (higher is better)").contains("Friedman chi-square")
                .doesNotContain("seconds_spent (");
        List<String> before = column("tasks", 1);
        browser.findElements(By.cssSelector("#tasks th")).get(1).click();
        browser.findElements(By.cssSelector("#tasks th")).get(1).click();
        assertThat(column("tasks", 1)).isEqualTo(reversed(before));
    }
}
