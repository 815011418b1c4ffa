package io.carotene.example.arena.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.carotene.example.arena.ArenaApplication;
import io.carotene.example.arena.ArenaRooms;
import io.carotene.test.server.TestServer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The Arena's page in a real headless Chromium (Debian's {@code /usr/bin/chromium} and {@code
 * /usr/bin/chromedriver}; nothing is downloaded), served by a real running Arena: a person logs
 * in, joins an arena, walks, tries to cheat, and a second person joining sees them. Movement is
 * checked on the server ({@code GET /rooms/{roomId}/api/players}), not on the page. Screenshots go
 * to {@code target/}.
 */
class ArenaBrowserTest {
  static final File CHROMIUM = new File("/usr/bin/chromium");
  static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");
  /** Generous: a loaded machine renders in software at a few frames a second. Never asserted. */
  static final Duration WAIT = Duration.ofSeconds(90);

  TestServer server;
  /** The arena alice joined. */
  String roomId;
  final Set<WebDriver> browsers = new HashSet<>();

  @BeforeEach
  void start() {
    assumeTrue(!Boolean.getBoolean("carotene.skipNode"), "Browser test skipped: -Dcarotene.skipNode=true (no three.js in the page)");
    assumeTrue(CHROMIUM.canExecute() && CHROMEDRIVER.canExecute(),
        "Browser test skipped: install Debian's chromium and chromium-driver (apt-get install -y chromium chromium-driver)");
    server = TestServer.builder(new ArenaApplication()).roomType(ArenaRooms.TYPE).start(); // as ArenaMain
  }

  @AfterEach
  void stop() {
    browsers.forEach(WebDriver::quit);
    if (server != null) {
      server.close();
    }
  }

  @Test
  void aPlayerWalksForwardWithWIsRefusedASpeedHackAndIsSeenByASecondPlayer() throws Exception {
    WebDriver alice = play("alice");
    String aliceId = (String) script(alice, "return window.arena.playerId");
    roomId = (String) script(alice, "return window.arena.roomId");
    JsonNode before = player(aliceId);

    new Actions(alice).keyDown("w").pause(Duration.ofSeconds(1)).keyUp("w").perform();
    new WebDriverWait(alice, WAIT).until(d -> player(aliceId).at("/velocity/z").asDouble() == 0);
    JsonNode after = player(aliceId);
    // One second of W is about 4 units; on a loaded machine the browser handles the release late,
    // so the distance is checked against the hold the page itself sent (press to release).
    double held = ((Number) script(alice, "return window.arena.heldMs.KeyW")).doubleValue() / 1000;
    assertThat(held).as("W was held").isGreaterThanOrEqualTo(1.0);
    assertThat(after.at("/position/z").asDouble() - before.at("/position/z").asDouble())
        .as("W walks forward (towards -z) at 4 units/s for the %.2f s it was held", held)
        .isCloseTo(-4.0 * held, within(0.5));
    assertThat(after.at("/position/x").asDouble()).isCloseTo(before.at("/position/x").asDouble(), within(0.01));

    BufferedImage picture = screenshot(alice, "arena.png");
    assertThat(distinctColours(picture)).as("the 3D scene is drawn, not a blank canvas").isGreaterThan(200);

    alice.findElement(By.id("cheat")).click();
    String refusal = "Refused by the server: Speed hack detected (REJECTED)";
    new WebDriverWait(alice, WAIT)
        .withMessage(() -> "the page shows " + script(alice, "return document.getElementById('toast').outerHTML"))
        .until(d -> refusal.equals(script(d,
            "const toast = document.getElementById('toast'); return toast.hidden ? null : toast.textContent")));
    screenshot(alice, "arena-speed-hack-refused.png");

    WebDriver bob = play("bob");
    new WebDriverWait(bob, WAIT)
        .withMessage(() -> "bob's page shows " + script(bob,
            "return JSON.stringify([...window.arena.figures].map(([id, f]) => [id, f.name]))"))
        .until(d -> "alice".equals(script(d,
        "const f = window.arena.figures.get(arguments[0]); return f ? f.name : null", aliceId)));
    screenshot(bob, "arena-second-player.png");
  }

  WebDriver play(String name) {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments("--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--window-size=1000,640",
        "--use-angle=swiftshader", "--enable-unsafe-swiftshader");
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER).build();
    WebDriver browser = new ChromeDriver(service, options);
    browsers.add(browser);
    browser.get(server.httpUri().resolve("/").toString());
    browser.findElement(By.id("name")).sendKeys(name);
    browser.findElement(By.id("play")).click();
    new WebDriverWait(browser, WAIT).until(d -> Boolean.TRUE.equals(script(d,
        "return !!window.arena.playerId && window.arena.figures.has(window.arena.playerId)")));
    return browser;
  }

  JsonNode player(String id) {
    for (JsonNode player : server.get("/rooms/" + roomId + "/api/players").body().get("players")) {
      if (player.get("id").asText().equals(id)) {
        return player;
      }
    }
    throw new AssertionError("no player " + id + " in arena " + roomId);
  }

  static Object script(WebDriver browser, String script, Object... arguments) {
    return ((JavascriptExecutor) browser).executeScript(script, arguments);
  }

  static BufferedImage screenshot(WebDriver browser, String file) throws Exception {
    byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
    Path directory = Files.createDirectories(Path.of("target/screenshots"));
    Files.write(directory.resolve(file), png);
    return ImageIO.read(new ByteArrayInputStream(png));
  }

  static int distinctColours(BufferedImage image) {
    Set<Integer> colours = new HashSet<>();
    for (int y = 0; y < image.getHeight(); y += 4) {
      for (int x = 0; x < image.getWidth(); x += 4) {
        colours.add(image.getRGB(x, y));
      }
    }
    return colours.size();
  }
}
