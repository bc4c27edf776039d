/**
 * `sysd serve` as a reader uses it, in Chromium: the page shows the
 * architecture; an edit to the design appears without a reload; an error
 * shows an overlay naming it over the last good diagram; the fix clears it.
 * And the server listens on loopback only.
 *
 * Skipped without Chromium (and says so), unless SYSD_REQUIRE_BROWSER=1.
 */
import { spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as http from "node:http";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const CHROMIUM = process.env["SYSD_CHROMIUM"] ?? "/usr/bin/chromium";
const haveChromium = fs.existsSync(CHROMIUM);
const required = process.env["SYSD_REQUIRE_BROWSER"] === "1";
const repo = path.resolve(import.meta.dirname, "../..");
if (!haveChromium && !required) console.warn(`serve browser test skipped: no Chromium at ${CHROMIUM}`);

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

function startServe(cwd: string, args: string[]): Promise<{ child: ChildProcess; line: string }> {
  const child = spawn(process.execPath, [path.join(repo, "bin/sysd.js"), "serve", ...args], { cwd, stdio: ["ignore", "pipe", "pipe"] });
  return new Promise((resolve, reject) => {
    let out = "";
    let err = "";
    const timer = setTimeout(() => reject(new Error(`sysd serve did not start: ${out} ${err}`)), 30_000);
    child.stdout!.on("data", (chunk) => {
      out += String(chunk);
      if (out.includes("\n")) {
        clearTimeout(timer);
        resolve({ child, line: out });
      }
    });
    child.stderr!.on("data", (chunk) => (err += String(chunk)));
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`sysd serve exited with ${code}: ${err}`));
    });
  });
}

describe.runIf(haveChromium || required)("sysd serve in Chromium", () => {
  let browser: import("playwright-core").Browser;
  let page: import("playwright-core").Page;
  let serve: ChildProcess;
  let folder: string;
  let design: string;
  let port: number;
  const original = fs.readFileSync(path.join(repo, "examples/url-shortener/shortener.sysd"), "utf8");

  beforeAll(async () => {
    if (!haveChromium) throw new Error(`SYSD_REQUIRE_BROWSER=1 but there is no Chromium at ${CHROMIUM}`);
    folder = fs.mkdtempSync(path.join(os.tmpdir(), "sysd-serve-"));
    design = path.join(folder, "shortener.sysd");
    fs.writeFileSync(design, original);
    port = await freePort();
    serve = (await startServe(folder, ["--port", String(port)])).child;
    const { chromium } = await import("playwright-core");
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });
    page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${port}/`);
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    serve?.kill("SIGINT");
    if (folder) fs.rmSync(folder, { recursive: true, force: true });
  });

  it("shows the system's architecture", async () => {
    await page.waitForSelector("figure.diagram svg [data-ref='Api']", { timeout: 20_000 });
    expect(await page.textContent("header nav")).toContain("URL Shortener");
  });

  it("shows an edit without reloading the page, keeping the scroll position", async () => {
    const loadedAt = await page.evaluate(() => (window as unknown as { sysdPage: { loadedAt: number } }).sysdPage.loadedAt);
    await page.evaluate(() => window.scrollTo(0, 600));
    fs.writeFileSync(design, original.replace('component Api "Link API"', 'component Api "Link Service"'));
    await page.waitForFunction(() => document.querySelector("figure.diagram svg [data-ref='Api']")?.textContent?.includes("Link Service"), undefined, { timeout: 20_000 });
    expect(await page.evaluate(() => (window as unknown as { sysdPage: { loadedAt: number } }).sysdPage.loadedAt)).toBe(loadedAt);
    expect(await page.evaluate(() => window.scrollY)).toBe(600);
  });

  it("shows an overlay naming the error over the last good diagram, and clears it when fixed", async () => {
    fs.writeFileSync(design, original.replace('component Api "Link API"', 'component Api "Link Service"').replace("Api -> Cache", "Api -> Cahce"));
    await page.waitForSelector("#overlay:not([hidden])", { timeout: 20_000 });
    expect(await page.textContent("#overlay")).toContain("E201");
    expect(await page.textContent("figure.diagram svg [data-ref='Api']")).toContain("Link Service");
    fs.writeFileSync(design, original);
    await page.waitForSelector("#overlay", { state: "hidden", timeout: 20_000 });
    await page.waitForFunction(() => document.querySelector("figure.diagram svg [data-ref='Api']")?.textContent?.includes("Link API"), undefined, { timeout: 20_000 });
  });

  it("goes to a component's section when it is clicked in a diagram", async () => {
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.click("figure.diagram svg [data-ref='Cache']");
    const top = await page.evaluate(() => {
      const heading = [...document.querySelectorAll("h3")].find((h) => h.textContent?.includes("Redirect cache"));
      return heading ? Math.round(heading.getBoundingClientRect().top) : -1;
    });
    expect(top).toBeGreaterThanOrEqual(0);
    expect(top).toBeLessThan(200);
  });

  it("removes a system whose file is deleted", async () => {
    fs.rmSync(design);
    await page.waitForFunction(() => !document.querySelector("header nav")?.textContent?.includes("URL Shortener"), undefined, { timeout: 20_000 });
    fs.writeFileSync(design, original);
    await page.waitForFunction(() => document.querySelector("header nav")?.textContent?.includes("URL Shortener"), undefined, { timeout: 20_000 });
  });
});

describe("sysd serve's network", () => {
  it("listens on 127.0.0.1 only, refuses other host names, and reports a port in use", async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), "sysd-serve-net-"));
    fs.copyFileSync(path.join(repo, "examples/url-shortener/shortener.sysd"), path.join(folder, "shortener.sysd"));
    const port = await freePort();
    const { child } = await startServe(folder, ["--port", String(port)]);
    try {
      const addresses = Object.values(os.networkInterfaces()).flat().filter((a) => a && a.family === "IPv4" && !a.internal).map((a) => a!.address);
      for (const address of addresses) {
        const connected = await new Promise<boolean>((resolve) => {
          const socket = net.connect(port, address, () => {
            socket.destroy();
            resolve(true);
          });
          socket.on("error", () => resolve(false));
        });
        expect(connected, `reachable on ${address}`).toBe(false);
      }
      // A page from another site that resolved its own name to 127.0.0.1 (DNS rebinding) sends its own Host.
      const status = await new Promise<number>((resolve, reject) => {
        http.get({ host: "127.0.0.1", port, path: "/api/state", headers: { host: "attacker.example" } }, (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        }).on("error", reject);
      });
      expect(status).toBe(403);
      const second = spawn(process.execPath, [path.join(repo, "bin/sysd.js"), "serve", "--port", String(port)], { cwd: folder });
      let stderr = "";
      second.stderr.on("data", (c) => (stderr += String(c)));
      const code = await new Promise<number | null>((resolve) => second.on("exit", resolve));
      expect(code).toBe(2);
      expect(stderr).toContain(`port ${port} on 127.0.0.1 is in use`);
    } finally {
      child.kill("SIGINT");
      fs.rmSync(folder, { recursive: true, force: true });
    }
  }, 60_000);
});
