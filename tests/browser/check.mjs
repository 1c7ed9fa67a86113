// Browser checks for the built site: Pagefind search, finding anchors, keyboard focus and axe-core.
//
//   node tests/browser/check.mjs http://127.0.0.1:8000/papers/ [--out result.json]
//
// The URL is the site's root (it may be a sub-path). Prints one JSON object on stdout (or writes
// it to --out) and exits 0 even when checks fail: the caller (tests/test_browser.py) decides what
// counts as failure. Exits 2 only if the browser cannot be started or the script itself breaks.
//
// Uses Debian's chromium (CHROMIUM env var, default /usr/bin/chromium) through playwright-core;
// it never downloads a browser.

import { chromium } from "playwright-core";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

const args = process.argv.slice(2);
const outIndex = args.indexOf("--out");
const outFile = outIndex >= 0 ? args[outIndex + 1] : null;
if (outIndex >= 0) args.splice(outIndex, 2);
const base = new URL(args[0] || "http://127.0.0.1:8000/");
if (!base.pathname.endsWith("/")) base.pathname += "/";

const QUERY = "corporate parenting";
const PHRASE = '"corporate parenting"';
const TIMEOUT = 20000;
const AXE_PATH = require.resolve("axe-core/axe.min.js");
const EXECUTABLE = process.env.CHROMIUM || "/usr/bin/chromium";

const result = {
  base: base.href,
  chromium: null,
  search: {},
  phrase: {},
  anchor: {},
  keyboard: {},
  homeSearch: {},
  axe: {},
  errors: [],       // uncaught page errors and console errors
  httpErrors: [],   // same-origin responses with status >= 400
  outsideBase: [],  // same-origin requests outside the site's sub-path
  failures: [],     // steps that threw
};

const url = (rel) => new URL(rel, base).href;

async function step(name, fn) {
  try {
    await fn();
  } catch (err) {
    result.failures.push({ step: name, error: String(err && err.stack ? err.stack : err).slice(0, 2000) });
  }
}

function watch(page) {
  page.on("pageerror", (err) => result.errors.push({ page: page.url(), type: "pageerror", text: String(err.message || err) }));
  page.on("console", (msg) => {
    if (msg.type() === "error") result.errors.push({ page: page.url(), type: "console", text: msg.text() });
  });
  page.on("request", (req) => {
    const u = new URL(req.url());
    if (u.origin === base.origin && !u.pathname.startsWith(base.pathname)) result.outsideBase.push(req.url());
  });
  page.on("response", (res) => {
    const u = new URL(res.url());
    if (u.origin === base.origin && res.status() >= 400) result.httpErrors.push({ url: res.url(), status: res.status(), from: page.url() });
  });
}

async function runAxe(page, name) {
  await page.addScriptTag({ path: AXE_PATH });
  const axe = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ["violations"] });
    return {
      violations: r.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        helpUrl: v.helpUrl,
        tags: v.tags,
        nodes: v.nodes.slice(0, 10).map((n) => ({
          target: n.target,
          html: (n.html || "").slice(0, 300),
          impact: n.impact,
          summary: (n.failureSummary || "").slice(0, 500),
        })),
        count: v.nodes.length,
      })),
    };
  });
  result.axe[name] = { url: page.url(), ...axe };
}

// Wait until Pagefind shows the results for `term` and every result has loaded its data.
async function waitForResults(page, term) {
  await page.evaluate(() => { window.__pfLast = null; });
  await page.waitForFunction(
    (t) => {
      const TOP_TITLES = ".pagefind-ui__result > .pagefind-ui__result-inner > .pagefind-ui__result-title a";
      const msg = document.querySelector(".pagefind-ui__message");
      if (!msg || !msg.textContent.includes(t)) return false;
      if (document.querySelector(".pagefind-ui__loading")) return false;
      // "N results for ...": wait until the first page of N results (5 at most) is drawn, each
      // with its title link, and the same list has been there since the last poll.
      const n = parseInt((msg.textContent.match(/\d+/) || ["0"])[0], 10);
      const items = document.querySelectorAll(".pagefind-ui__result").length;
      const titles = Array.from(document.querySelectorAll(TOP_TITLES)).map((a) => a.href).join(" ");
      const ready = items >= Math.min(n, 5) && document.querySelectorAll(TOP_TITLES).length === items;
      const stable = ready && window.__pfLast === titles;
      window.__pfLast = ready ? titles : null;
      return stable;
    },
    term,
    { timeout: TIMEOUT, polling: 250 },
  );
  // Load every page of results, so titles cover all years.
  for (let i = 0; i < 20; i += 1) {
    const more = page.locator("button.pagefind-ui__button");
    if (!(await more.count()) || !(await more.first().isVisible())) break;
    await more.first().click();
    await page.waitForFunction(() => !document.querySelector(".pagefind-ui__loading"), null, { timeout: TIMEOUT });
  }
  return page.evaluate(() => ({
    message: (document.querySelector(".pagefind-ui__message") || {}).textContent || "",
    titles: Array.from(document.querySelectorAll(".pagefind-ui__result > .pagefind-ui__result-inner > .pagefind-ui__result-title a"))
      .map((a) => a.textContent.trim()),
    hrefs: Array.from(document.querySelectorAll(".pagefind-ui__result > .pagefind-ui__result-inner > .pagefind-ui__result-title a"))
      .map((a) => a.href),
    subResults: Array.from(document.querySelectorAll(".pagefind-ui__result-nested a")).map((a) => a.href),
  }));
}

function yearsOf(titles) {
  const years = new Set();
  for (const t of titles) {
    // Titles end with the paper's date, e.g. "... (11 April 2011)"; fall back to any year.
    const m = t.match(/\((?:\d{1,2} )?(?:[A-Z][a-z]+ )?((?:19|20)\d{2})\)\s*$/);
    if (m) years.add(m[1]);
    else for (const y of t.match(/\b(?:19|20)\d{2}\b/g) || []) years.add(y);
  }
  return Array.from(years).sort();
}

async function typeQuery(page, text) {
  const input = page.locator(".pagefind-ui__search-input");
  await input.waitFor({ state: "visible", timeout: TIMEOUT });
  await input.fill("");
  await input.click();
  await input.pressSequentially(text, { delay: 10 });
}

async function main() {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "chromium-profile-"));
  let context;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: EXECUTABLE,
      headless: true,
      args: [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
      ],
      viewport: { width: 1280, height: 900 },
      reducedMotion: "reduce",
    });
  } catch (err) {
    fs.rmSync(profile, { recursive: true, force: true });
    throw err;
  }
  try {
    const page = context.pages()[0] || (await context.newPage());
    result.chromium = await page.evaluate(() => navigator.userAgent);
    page.setDefaultTimeout(TIMEOUT);
    watch(page);

    // 1. Search: words, then a quoted phrase; the page with results is checked by axe.
    await step("search", async () => {
      await page.goto(url("search/"), { waitUntil: "load" });
      await typeQuery(page, QUERY);
      const r = await waitForResults(page, QUERY);
      result.search = { query: QUERY, ...r, years: yearsOf(r.titles) };
      await step("axe search", () => runAxe(page, "search"));
    });

    await step("phrase", async () => {
      await typeQuery(page, PHRASE);
      const r = await waitForResults(page, PHRASE);
      result.phrase = { query: PHRASE, ...r, years: yearsOf(r.titles) };
    });

    // 2. The first result's first sub-result goes straight to the finding.
    await step("anchor", async () => {
      if (!(await page.locator(".pagefind-ui__result-nested a").count())) {
        await typeQuery(page, QUERY);
        await waitForResults(page, QUERY);
      }
      const link = page.locator(".pagefind-ui__result").first().locator(".pagefind-ui__result-nested a").first();
      const href = await link.getAttribute("href");
      result.anchor = { href };
      await Promise.all([page.waitForURL((u) => u.hash.length > 1, { timeout: TIMEOUT }), link.click()]);
      await page.waitForLoadState("load");
      await page.waitForTimeout(300);
      Object.assign(result.anchor, await page.evaluate(() => {
        const id = decodeURIComponent(location.hash.slice(1));
        const el = document.getElementById(id);
        const box = el ? el.getBoundingClientRect() : null;
        return {
          url: location.href,
          id,
          found: !!el,
          tag: el ? el.tagName.toLowerCase() : null,
          isTarget: el ? el.matches(":target") : false,
          inViewport: box ? box.bottom > 0 && box.top < window.innerHeight : false,
          text: el ? el.textContent.trim().slice(0, 120) : null,
        };
      }));
    });

    // 3. Keyboard: Tab from the top of the home page reaches the search input, and focus shows.
    await step("keyboard", async () => {
      await page.goto(url(""), { waitUntil: "load" });
      await page.locator(".pagefind-ui__search-input").waitFor({ state: "visible", timeout: TIMEOUT });
      await page.evaluate(() => { window.scrollTo(0, 0); if (document.activeElement) document.activeElement.blur(); });
      const path = [];
      let reached = false;
      for (let i = 0; i < 40; i += 1) {
        await page.keyboard.press("Tab");
        const info = await page.evaluate(() => {
          const el = document.activeElement;
          if (!el || el === document.body) return { desc: "body" };
          const label = el.getAttribute("aria-label") || el.textContent.trim().slice(0, 40) || el.getAttribute("placeholder") || "";
          return { desc: `${el.tagName.toLowerCase()}${el.className ? "." + String(el.className).trim().split(/\s+/)[0] : ""} ${label}`.trim(),
                   search: el.matches(".pagefind-ui__search-input") };
        });
        path.push(info.desc);
        if (info.search) { reached = true; break; }
      }
      result.keyboard = { reached, tabs: path.length, path };
      if (!reached) return;
      const input = page.locator(".pagefind-ui__search-input");
      const style = await input.evaluate((el) => {
        const s = getComputedStyle(el);
        return { focusVisible: el.matches(":focus-visible"), outlineStyle: s.outlineStyle, outlineWidth: s.outlineWidth,
                 outlineColor: s.outlineColor, boxShadow: s.boxShadow, borderColor: s.borderColor };
      });
      // Pixel check: the input and its surroundings look different focused and unfocused
      // (Playwright hides the text caret in screenshots, so only a focus indicator counts).
      const box = await input.boundingBox();
      const clip = { x: Math.max(0, box.x - 6), y: Math.max(0, box.y - 6), width: box.width + 12, height: box.height + 12 };
      const focused = await page.screenshot({ clip });
      await page.evaluate(() => document.activeElement && document.activeElement.blur());
      const blurred = await page.screenshot({ clip });
      const indicator = (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0) || (style.boxShadow && style.boxShadow !== "none");
      Object.assign(result.keyboard, style, { indicator, pixelsDiffer: !focused.equals(blurred),
        focusVisibleOk: style.focusVisible && indicator && !focused.equals(blurred) });
      // The input's edge against the page (WCAG 1.4.11 non-text contrast, at least 3:1).
      result.keyboard.borderContrast = await input.evaluate((el) => {
        const rgb = (c) => (c.match(/[\d.]+/g) || []).slice(0, 3).map(Number);
        const lum = ([r, g, b]) => {
          const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
          return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
        };
        let bg = null;
        for (let n = el.parentElement; n && !bg; n = n.parentElement) {
          const c = getComputedStyle(n).backgroundColor;
          if (c && !/rgba\(.*,\s*0\)$/.test(c) && c !== "transparent") bg = c;
        }
        const a = lum(rgb(getComputedStyle(el).borderTopColor)), b = lum(rgb(bg || "rgb(255,255,255)"));
        return Math.round(((Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05)) * 100) / 100;
      });
    });

    // The home page's search box works too (its bundle path is relative to the site root).
    await step("home search", async () => {
      await page.goto(url(""), { waitUntil: "load" });
      await typeQuery(page, QUERY);
      const r = await waitForResults(page, QUERY);
      result.homeSearch = { query: QUERY, message: r.message, titles: r.titles, subResults: r.subResults.length };
    });

    // 4. axe-core on the other pages.
    const pages = [
      ["home", ""],
      ["theme", "themes/corporate-parenting/"],
      ["document", "documents/2011-04-11-safeguarding-peer-review/"],
    ];
    for (const [name, rel] of pages) {
      await step(`axe ${name}`, async () => {
        await page.goto(url(rel), { waitUntil: "load" });
        if (name === "home") await page.locator(".pagefind-ui__search-input").waitFor({ timeout: TIMEOUT });
        await runAxe(page, name);
      });
    }
    await step("axe follow-through", async () => {
      await page.goto(url("follow-through/"), { waitUntil: "load" });
      await runAxe(page, "follow-through-index");
      const first = page.locator("article a[href]:not(.headerlink)").first();
      result.registerLink = await first.getAttribute("href");
      await Promise.all([page.waitForURL((u) => u.href !== url("follow-through/")), first.click()]);
      await page.waitForLoadState("load");
      await runAxe(page, "follow-through");
    });
  } finally {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

try {
  await main();
} catch (err) {
  result.failures.push({ step: "launch", error: String(err && err.stack ? err.stack : err).slice(0, 2000) });
  result.fatal = true;
}
const json = JSON.stringify(result, null, 2);
if (outFile) fs.writeFileSync(outFile, json);
else process.stdout.write(json + "\n");
process.exit(result.fatal ? 2 : 0);
