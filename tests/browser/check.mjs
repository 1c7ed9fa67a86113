// Browser checks for the built site, done as councillors, officers and a web team would do them:
// search and open results, cite findings and read the clipboard, use the site on a 390 px phone,
// print pages to PDF, and run axe-core on every page visited.
//
//   node tests/browser/check.mjs http://127.0.0.1:8000/papers/ [--out result.json] [--shots DIR]
//
// The URL is the site's root (it may be a sub-path). Prints one JSON object on stdout (or writes
// it to --out) and exits 0 even when checks fail: the caller (tests/test_browser.py) decides what
// counts as failure. Exits 2 only if the browser cannot be started or the script itself breaks.
// --shots DIR keeps screenshots and the printed PDFs there (named in the report).
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
function option(name) {
  const i = args.indexOf(name);
  if (i < 0) return null;
  const value = args[i + 1];
  args.splice(i, 2);
  return value;
}
const outFile = option("--out");
const shots = option("--shots") || fs.mkdtempSync(path.join(os.tmpdir(), "site-shots-"));
fs.mkdirSync(shots, { recursive: true });
const base = new URL(args[0] || "http://127.0.0.1:8000/");
if (!base.pathname.endsWith("/")) base.pathname += "/";

const QUERY = "corporate parenting";
const PHRASE = '"corporate parenting"';
const LANDING = "Variable caseloads";  // a phrase of one 2011 finding
const MANY = "caseloads";              // many findings of one paper match it
const TIMEOUT = 20000;
const AXE_PATH = require.resolve("axe-core/axe.min.js");
const EXECUTABLE = process.env.CHROMIUM || "/usr/bin/chromium";
const LETTER = "documents/2011-04-11-safeguarding-peer-review/";
const IRO = "documents/2017-iro-annual-report-2016-17/";
const REGISTER = "follow-through/2011-04-11-safeguarding-peer-review--2020-02-26-cypic-regional-peer-review/";
const CITE_KEY = "consider-looked-after-children-1";

const result = {
  base: base.href,
  shots,
  chromium: null,
  search: {},
  phrase: {},
  landing: {},
  many: {},
  sort: {},
  filter: {},
  header: {},
  keyboard: {},
  cite: {},
  phone: {},
  print: {},
  notFound: {},
  axe: {},
  screenshots: [],
  errors: [],       // uncaught page errors and console errors
  httpErrors: [],   // same-origin responses with status >= 400 (but the 404 page's own)
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
    if (msg.type() === "error" && !/404 \(File not found\)|status of 404/.test(msg.text())) {
      result.errors.push({ page: page.url(), type: "console", text: msg.text() });
    }
  });
  page.on("request", (req) => {
    const u = new URL(req.url());
    if (u.origin === base.origin && !u.pathname.startsWith(base.pathname)) result.outsideBase.push(req.url());
  });
  page.on("response", (res) => {
    const u = new URL(res.url());
    if (u.origin === base.origin && res.status() >= 400 && !u.pathname.includes("no-such-page")) {
      result.httpErrors.push({ url: res.url(), status: res.status(), from: page.url() });
    }
  });
}

async function shot(page, name, fullPage = false) {
  const file = path.join(shots, `${name}.png`);
  await page.screenshot({ path: file, fullPage });
  result.screenshots.push(file);
}

async function runAxe(page, name) {
  // Check the page at rest: a step before may leave the pointer (or focus) on a link with a title,
  // and Material's tooltip for it is a transient element it appends after the landmarks (axe's
  // "region" rule then fails by where the last tap landed, not by anything the site built).
  await page.mouse.move(0, 0);
  await page.evaluate(() => document.activeElement && document.activeElement.blur && document.activeElement.blur());
  await page.waitForTimeout(300);
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
      // Every button, link and form field has a name a screen reader can say.
      unnamed: Array.from(document.querySelectorAll("a[href], button, input:not([type=hidden]), select, textarea, summary"))
        .filter((e) => e.getClientRects().length && !e.closest("[hidden], [aria-hidden=true]"))
        .filter((e) => {
          const label = e.getAttribute("aria-label") || e.getAttribute("aria-labelledby") || e.getAttribute("title") ||
            (e.labels && e.labels.length && e.labels[0].textContent) || e.textContent || e.getAttribute("placeholder") || "";
          return !label.trim();
        })
        .map((e) => e.outerHTML.slice(0, 160)),
    };
  });
  result.axe[name] = { url: page.url(), ...axe };
}

// Wait until the search has drawn its results for the words in the box.
async function waitForResults(page) {
  // The status can name the new query while the list still holds the last query's results, about
  // to be redrawn (seen on a loaded machine): wait for the result titles, then again a moment
  // later, so what is read is the drawn list, not the one being replaced.
  const drawn = () => {
    const status = document.querySelector(".search-status");
    if (!status || !/match/.test(status.textContent)) return false;
    const n = parseInt((status.textContent.match(/\d+/) || ["0"])[0], 10);
    return document.querySelectorAll("ol.search-list .search-result__title a").length >= Math.min(n, 10);
  };
  await page.waitForFunction(drawn, null, { timeout: TIMEOUT, polling: 200 });
  await page.waitForTimeout(300);
  await page.waitForFunction(drawn, null, { timeout: TIMEOUT, polling: 200 });
  // Load every page of results, so titles cover all years.
  for (let i = 0; i < 20; i += 1) {
    const more = page.locator("button.search-more");
    if (!(await more.count()) || !(await more.isVisible())) break;
    const before = await page.locator("ol.search-list > li").count();
    await more.click();
    await page.waitForFunction((n) => document.querySelectorAll("ol.search-list > li").length > n, before, { timeout: TIMEOUT });
  }
  return page.evaluate(() => ({
    status: (document.querySelector(".search-status") || {}).textContent || "",
    address: location.href,
    titles: Array.from(document.querySelectorAll("ol.search-list .search-result__title a")).map((a) => a.textContent.trim()),
    hrefs: Array.from(document.querySelectorAll("ol.search-list .search-result__title a")).map((a) => a.href),
    dates: Array.from(document.querySelectorAll("ol.search-list > li")).map((li) => li.getAttribute("data-date")),
    years: Array.from(document.querySelectorAll("ol.search-list > li")).map((li) => li.getAttribute("data-years")),
    themes: Array.from(document.querySelectorAll(".search-list--themes a")).map((a) => a.textContent.trim()),
    subResults: Array.from(document.querySelectorAll("ol.search-list .search-match a")).map((a) => a.href),
    places: Array.from(document.querySelectorAll("ol.search-list .search-match a")).map((a) => a.textContent),
  }));
}

function yearsOf(titles) {
  const years = new Set();
  for (const t of titles) for (const y of t.match(/\b(?:19|20)\d{2}\b/g) || []) years.add(y);
  return Array.from(years).sort();
}

async function search(page, text) {
  const input = page.locator("form.search-form input[name=q]");
  await input.waitFor({ state: "visible", timeout: TIMEOUT });
  await input.fill("");
  await input.click();
  await input.pressSequentially(text, { delay: 5 });
  await input.press("Enter");
  await page.waitForFunction((t) => {
    const s = document.querySelector(".search-status");
    return s && s.textContent.includes(t) && /match/.test(s.textContent);
  }, text, { timeout: TIMEOUT });
  return waitForResults(page);
}

// What the Cite button of the finding with this key copies, read back from the clipboard.
async function cite(page, button) {
  await page.evaluate(() => navigator.clipboard.writeText(""));
  await button.scrollIntoViewIfNeeded();
  await button.click();
  await page.waitForFunction(() => /Citation copied/.test((document.getElementById("site-announcer") || {}).textContent || ""),
    null, { timeout: TIMEOUT });
  return page.evaluate(async () => ({
    clipboard: await navigator.clipboard.readText(),
    announced: document.getElementById("site-announcer").textContent,
    live: document.getElementById("site-announcer").getAttribute("aria-live"),
  }));
}

async function noSideways(page) {
  return page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
    height: document.documentElement.scrollHeight,
    wide: Array.from(document.querySelectorAll("body *")).filter((e) => {
      const r = e.getBoundingClientRect();
      if (!r.width || r.right <= document.documentElement.clientWidth + 1) return false;
      for (let n = e.parentElement; n; n = n.parentElement) {  // a table that scrolls in its own box is fine
        const s = getComputedStyle(n);
        if (s.overflowX === "auto" || s.overflowX === "scroll" || s.overflowX === "hidden") return false;
      }
      return true;
    }).slice(0, 5).map((e) => `${e.tagName.toLowerCase()}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`),
  }));
}

async function main() {
  const browser = await chromium.launch({
    executablePath: EXECUTABLE,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync"],
  });
  try {
    const desktop = await browser.newContext({ viewport: { width: 1366, height: 900 }, reducedMotion: "reduce" });
    await desktop.grantPermissions(["clipboard-read", "clipboard-write"], { origin: base.origin });
    const page = await desktop.newPage();
    result.chromium = await page.evaluate(() => navigator.userAgent);
    page.setDefaultTimeout(TIMEOUT);
    watch(page);
    const findings = Object.fromEntries((await (await fetch(url("data/findings.jsonl"))).text()).trim().split("\n")
      .map((line) => JSON.parse(line)).map((f) => [f.id, f]));
    const byCitation = Object.fromEntries(Object.values(findings).map((f) => [f.citation, f]));

    // 1. Search: words, then a quoted phrase; the page with results is checked by axe.
    await step("search", async () => {
      await page.goto(url("search/"), { waitUntil: "load" });
      const r = await search(page, QUERY);
      result.search = { query: QUERY, ...r, yearsFound: yearsOf(r.titles) };
      await shot(page, "search-desktop");
      await step("axe search", () => runAxe(page, "search"));
    });

    await step("phrase", async () => {
      const r = await search(page, PHRASE);
      result.phrase = { query: PHRASE, ...r, yearsFound: yearsOf(r.titles) };
    });

    // 2. A result opens at the finding that holds the words, with the words highlighted.
    await step("landing", async () => {
      await page.goto(url("search/"), { waitUntil: "load" });
      const r = await search(page, LANDING);
      const link = page.locator("ol.search-list .search-result__title a", { hasText: "2011" }).first();
      const href = await link.getAttribute("href");
      await Promise.all([page.waitForURL((u) => u.hash.length > 1, { timeout: TIMEOUT }), link.click()]);
      await page.waitForLoadState("load");
      await page.waitForFunction(() => document.querySelector("mark.pagefind-highlight"), null, { timeout: TIMEOUT });
      await page.waitForTimeout(300);
      result.landing = { query: LANDING, titles: r.titles, href, ...await page.evaluate((phrase) => {
        const id = decodeURIComponent(location.hash.slice(1));
        const el = document.getElementById(id);
        const finding = el && el.closest(".finding");
        const box = el ? el.getBoundingClientRect() : null;
        const words = phrase.toLowerCase().split(" ");
        return {
          url: location.href,
          id,
          found: !!el,
          isTarget: el ? el.matches(":target") : false,
          inViewport: box ? box.top >= 0 && box.top < window.innerHeight : false,
          text: finding ? finding.querySelector(".finding-text").textContent.trim().slice(0, 200) : null,
          holdsPhrase: finding ? finding.textContent.toLowerCase().includes(phrase.toLowerCase()) : false,
          marked: finding ? Array.from(finding.querySelectorAll("mark.pagefind-highlight")).map((m) => m.textContent.toLowerCase())
            .filter((t) => words.includes(t)) : [],
          highlighted: finding ? getComputedStyle(finding).backgroundColor : null,
        };
      }, LANDING) };
      await shot(page, "landing-desktop");
    });

    // 3. A paper with many matches shows them all, three first and the rest on request.
    await step("many", async () => {
      await page.goto(url("search/"), { waitUntil: "load" });
      await search(page, MANY);
      const item = page.locator("ol.search-list > li", { hasText: "Independent Reviewing Officer" }).first();
      const count = async () => item.locator(".search-match:visible").count();
      const total = await item.locator(".search-match").count();
      const before = await count();
      const button = item.locator("button.search-result__more");
      const label = await button.textContent();
      await button.click();
      result.many = { query: MANY, total, before, label, after: await count(), expanded: await button.getAttribute("aria-expanded"),
        places: await item.locator(".search-match a").allTextContents() };
    });

    // 4. Sorted by date, filtered by year, all in the address; the address restores them.
    await step("sort", async () => {
      await page.goto(url("search/"), { waitUntil: "load" });
      await search(page, QUERY);
      await page.selectOption("form.search-form select[name=sort]", "newest");
      await page.waitForFunction(() => /newest first/.test(document.querySelector(".search-status").textContent), null, { timeout: TIMEOUT });
      const sorted = await waitForResults(page);
      const address = page.url();
      await page.goto(address, { waitUntil: "load" });
      await page.waitForFunction(() => /newest first/.test((document.querySelector(".search-status") || {}).textContent || ""), null, { timeout: TIMEOUT });
      const restored = await waitForResults(page);
      result.sort = { address, dates: sorted.dates, restoredDates: restored.dates,
        restoredQuery: await page.inputValue("form.search-form input[name=q]"),
        restoredSort: await page.inputValue("form.search-form select[name=sort]") };
      await page.selectOption("form.search-form select[name=year]", "2019");
      await page.waitForFunction(() => /2019/.test(location.search), null, { timeout: TIMEOUT });
      await page.waitForTimeout(500);
      const filtered = await waitForResults(page);
      result.filter = { year: "2019", address: page.url(), titles: filtered.titles, years: filtered.years };
    });

    // 5. Every page has a search box in its header.
    await step("header search", async () => {
      await page.goto(url(LETTER), { waitUntil: "load" });
      const input = page.locator("header form.site-search input[name=q]");
      await input.fill(MANY);
      await Promise.all([page.waitForURL((u) => u.pathname.endsWith("/search/"), { timeout: TIMEOUT }), input.press("Enter")]);
      const r = await waitForResults(page);
      result.header = { from: url(LETTER), address: page.url(), titles: r.titles };
    });

    // 6. Keyboard: Tab from the top of the home page reaches a search box, and focus shows.
    await step("keyboard", async () => {
      await page.goto(url(""), { waitUntil: "load" });
      await page.evaluate(() => { window.scrollTo(0, 0); if (document.activeElement) document.activeElement.blur(); });
      const trail = [];
      let reached = false;
      for (let i = 0; i < 40; i += 1) {
        await page.keyboard.press("Tab");
        const info = await page.evaluate(() => {
          const el = document.activeElement;
          if (!el || el === document.body) return { desc: "body" };
          const label = el.getAttribute("aria-label") || el.textContent.trim().slice(0, 40) || el.getAttribute("placeholder") || "";
          return { desc: `${el.tagName.toLowerCase()}${el.className ? "." + String(el.className).trim().split(/\s+/)[0] : ""} ${label}`.trim(),
                   search: el.matches("input[type=search]") };
        });
        trail.push(info.desc);
        if (info.search) { reached = true; break; }
      }
      result.keyboard = { reached, tabs: trail.length, path: trail };
      if (!reached) return;
      const input = page.locator(`#${await page.evaluate(() => document.activeElement.id)}`);
      const style = await input.evaluate((el) => {
        const s = getComputedStyle(el);
        return { focusVisible: el.matches(":focus-visible"), outlineStyle: s.outlineStyle, outlineWidth: s.outlineWidth,
                 outlineColor: s.outlineColor, boxShadow: s.boxShadow };
      });
      const box = await input.boundingBox();
      const clip = { x: Math.max(0, box.x - 6), y: Math.max(0, box.y - 6), width: box.width + 12, height: box.height + 12 };
      const focused = await page.screenshot({ clip });
      await page.evaluate(() => document.activeElement && document.activeElement.blur());
      const blurred = await page.screenshot({ clip });
      const indicator = (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0) || (style.boxShadow && style.boxShadow !== "none");
      Object.assign(result.keyboard, style, { indicator, pixelsDiffer: !focused.equals(blurred),
        focusVisibleOk: style.focusVisible && indicator && !focused.equals(blurred) });
      // The input's edge against what is around it (WCAG 1.4.11 non-text contrast, at least 3:1).
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
        const a = lum(rgb(getComputedStyle(el).backgroundColor)), b = lum(rgb(bg || "rgb(255,255,255)"));
        const edge = lum(rgb(getComputedStyle(el).borderTopColor));
        const ratio = (x, y) => (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
        return Math.round(Math.max(ratio(a, b), ratio(edge, b)) * 100) / 100;
      });
    });

    // 7. Cite copies the citation and the finding's permanent address, on every kind of page.
    await step("cite", async () => {
      const expect = (f) => `${f.citation} ${f.url}`;
      await page.goto(url(LETTER), { waitUntil: "load" });
      const own = findings[`2011-04-11-safeguarding-peer-review/${CITE_KEY}`];
      const doc = await cite(page, page.locator(`#${CITE_KEY}`).locator("xpath=ancestor::div[contains(@class,'finding')][1]").locator("button.cite"));
      result.cite.document = { ...doc, expected: expect(own) };
      await shot(page, "cite-document");
      await page.goto(url(IRO), { waitUntil: "load" });
      const rowButton = page.locator("td.row-cite button.cite").first();
      const rowCitation = await rowButton.getAttribute("data-cite");
      const row = await cite(page, rowButton);
      result.cite.tableRow = { ...row, expected: byCitation[rowCitation] ? expect(byCitation[rowCitation]) : `no finding cited ${rowCitation}` };
      for (const [name, rel] of [["theme", "themes/corporate-parenting/"], ["recommendations", "recommendations/"]]) {
        await page.goto(url(rel), { waitUntil: "load" });
        const button = page.locator("button.cite").first();
        if (!(await button.count())) { result.cite[name] = { missing: true }; continue; }
        const citation = await button.getAttribute("data-cite");
        const got = await cite(page, button);
        result.cite[name] = { ...got, expected: byCitation[citation] ? expect(byCitation[citation]) : `no finding cited ${citation}` };
      }
    });

    // 8. Print to PDF: the letter and the register (the caller reads their text).
    await step("print", async () => {
      for (const [name, rel] of [["document", LETTER], ["register", REGISTER]]) {
        await page.goto(url(rel), { waitUntil: "load" });
        const file = path.join(shots, `print-${name}.pdf`);
        await page.pdf({ path: file, format: "A4", printBackground: false });
        result.print[name] = { url: page.url(), pdf: file };
      }
    });

    // 9. axe-core on the desktop pages (search with results was checked above).
    const axePages = [
      ["home", ""],
      ["theme", "themes/corporate-parenting/"],
      ["document", LETTER],
      ["annual-report", IRO],
      ["documents", "documents/"],
      ["follow-through-index", "follow-through/"],
      ["follow-through", REGISTER],
      ["recommendations", "recommendations/"],
      ["glossary", "glossary/"],
    ];
    for (const [name, rel] of axePages) {
      await step(`axe ${name}`, async () => {
        await page.goto(url(rel), { waitUntil: "load" });
        await runAxe(page, name);
      });
    }

    // 10. The 404 page: what happened, a search box, ways in.
    await step("not found", async () => {
      const response = await page.goto(url("documents/no-such-page/"), { waitUntil: "load" });
      result.notFound = { status: response.status(), ...await page.evaluate(() => ({
        heading: (document.querySelector("article h1") || {}).textContent,
        search: !!document.querySelector("article form[role=search] input[name=q]"),
        links: Array.from(document.querySelectorAll("article a[href]")).map((a) => a.href),
        description: (document.querySelector("meta[name=description]") || {}).content || "",
      })) };
      await runAxe(page, "not-found");
      await shot(page, "not-found");
    });

    // 11. A 390 px phone: no page scrolls sideways, the register's rows stack, pages have contents.
    await step("phone", async () => {
      const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true,
        deviceScaleFactor: 2, reducedMotion: "reduce" });
      const mobile = await phone.newPage();
      mobile.setDefaultTimeout(TIMEOUT);
      watch(mobile);
      result.phone.pages = {};
      for (const [name, rel] of [["home", ""], ["search", "search/?q=caseloads"], ["theme", "themes/corporate-parenting/"],
        ["documents", "documents/"], ["document", LETTER], ["annual-report", IRO], ["follow-through", REGISTER],
        ["recommendations", "recommendations/"], ["glossary", "glossary/"], ["meeting", "meetings/2020-02-26-cecc-scrutiny-agenda-pack/"],
        ["not-found", "documents/no-such-page/"]]) {
        await mobile.goto(url(rel), { waitUntil: "load" });
        if (name === "search") await waitForResults(mobile);
        result.phone.pages[name] = await noSideways(mobile);
      }
      await mobile.goto(url(REGISTER), { waitUntil: "load" });
      result.phone.register = await mobile.evaluate(() => {
        const cells = Array.from(document.querySelectorAll("table.register tbody tr:first-child td"));
        return {
          display: cells.map((td) => getComputedStyle(td).display),
          labels: cells.map((td) => getComputedStyle(td, "::before").content),
          rights: cells.map((td) => Math.round(td.getBoundingClientRect().right)),
          width: document.documentElement.clientWidth,
        };
      });
      await mobile.locator("table.register").first().scrollIntoViewIfNeeded();
      await shot(mobile, "phone-register");
      await mobile.goto(url(LETTER), { waitUntil: "load" });
      const contents = mobile.locator("details.page-contents");
      result.phone.contents = { visible: await contents.isVisible() };
      if (result.phone.contents.visible) {
        await contents.locator("summary").click();
        const link = contents.locator("a", { hasText: "Areas for further consideration" }).first();
        result.phone.contents.entries = await contents.locator("a").allTextContents();
        await link.click();
        await mobile.waitForTimeout(400);
        result.phone.contents.after = await mobile.evaluate(() => {
          const el = document.getElementById(decodeURIComponent(location.hash.slice(1)));
          const r = el && el.getBoundingClientRect();
          return { hash: location.hash, onScreen: !!r && r.top >= 0 && r.top < window.innerHeight };
        });
      }
      await shot(mobile, "phone-document");
      await mobile.locator("table.review-table").first().scrollIntoViewIfNeeded();
      await shot(mobile, "phone-review-table");
      await step("axe phone document", () => runAxe(mobile, "phone-document"));
      await mobile.goto(url(REGISTER), { waitUntil: "load" });
      await step("axe phone register", () => runAxe(mobile, "phone-register"));
      // A table of figures folds on a phone; a link to one of its rows opens it at the row.
      await mobile.goto(url(IRO + "#table-3-row-1"), { waitUntil: "load" });
      await mobile.waitForTimeout(400);
      result.phone.foldedRow = await mobile.evaluate(() => {
        const el = document.getElementById("table-3-row-1");
        const row = el && el.closest("tr");
        const r = row && row.getBoundingClientRect();
        return { found: !!el, open: !!el && !!el.closest("details[open]"), onScreen: !!r && r.bottom > 0 && r.top < window.innerHeight,
                 folded: Array.from(document.querySelectorAll("details.table-fold")).filter((d) => !d.open).length };
      });
      await phone.close();
    });
  } finally {
    await browser.close();
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
