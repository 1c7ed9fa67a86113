// Small progressive enhancements; every page works without them.
(function () {
  "use strict";

  // Copy a finding's citation with its permalink.
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button.cite");
    if (!button) return;
    var block = button.closest("[id]");
    var link = window.location.href.split("#")[0] + (block ? "#" + block.id : "");
    var text = button.getAttribute("data-cite") + " " + link;
    var label = button.getAttribute("aria-label") || "";
    var done = function () {
      button.classList.add("copied");
      button.setAttribute("aria-label", label + " (copied)");
      setTimeout(function () {
        button.classList.remove("copied");
        button.setAttribute("aria-label", label);
      }, 2500);
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, function () { window.prompt("Copy this citation:", text); });
    } else {
      window.prompt("Copy this citation:", text);
    }
  });

  // A Cite button's accessible name must contain its visible text "Cite" (WCAG 2.5.3, label in
  // name): "Copy citation for para 1" becomes "Cite para 1". The buttons only work with
  // JavaScript, so fixing the name here covers everyone who can use them.
  document.querySelectorAll("button.cite[aria-label]").forEach(function (button) {
    var visible = button.textContent.trim();
    var name = button.getAttribute("aria-label");
    if (!visible || name.toLowerCase().indexOf(visible.toLowerCase()) >= 0) return;
    var what = name.replace(/^copy citation for\s+/i, "");
    button.setAttribute("aria-label", visible + " " + what);
  });

  // Newest first / oldest first on theme pages.
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button.order-toggle");
    if (!button) return;
    var box = document.getElementById(button.getAttribute("data-target"));
    if (!box) return;
    var sections = Array.prototype.slice.call(box.querySelectorAll("section.year"));
    sections.reverse().forEach(function (s) { box.appendChild(s); });
    var oldest = button.textContent.indexOf("oldest") >= 0;
    button.textContent = oldest ? "Show newest first" : "Show oldest first";
  });

  // Register filters: theme, year and kind.
  function applyFilters(form) {
    var box = document.getElementById(form.getAttribute("data-target"));
    if (!box) return;
    var theme = form.elements.theme.value, year = form.elements.year.value, kind = form.elements.kind.value;
    var shown = 0;
    box.querySelectorAll(".finding").forEach(function (el) {
      var ok = (!theme || (" " + el.getAttribute("data-themes") + " ").indexOf(" " + theme + " ") >= 0) &&
               (!year || el.getAttribute("data-year") === year) &&
               (!kind || el.getAttribute("data-kind") === kind);
      el.hidden = !ok;
      if (ok) shown += 1;
    });
    var out = form.querySelector("output");
    if (out) out.textContent = shown + " shown";
  }
  document.querySelectorAll("form.filters").forEach(function (form) {
    form.addEventListener("change", function () { applyFilters(form); });
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    applyFilters(form);
  });

  // Pagefind search, loaded from this site (no CDN). The box is found by its data-bundle
  // attribute, not by id: on the search page the "Search" heading also gets id="search".
  // The index is in shards (see ingest/render/search.py), listed in shards.json: the first is
  // the primary bundle, the others are merged into every search.
  var box = document.querySelector("div[data-bundle]");
  if (box) {
    // Absolute paths: Pagefind import()s "<bundlePath>pagefind.js", and a bare relative
    // specifier such as "pagefind/s0/pagefind.js" (the home page's) is not a valid module URL.
    var root = new URL(box.getAttribute("data-bundle"), window.location.href).pathname;
    var base = new URL(root + "../", window.location.href).pathname;
    fetch(root + "shards.json").then(function (r) { return r.json(); }).then(function (shards) {
      var bundles = shards.bundles.map(function (b) { return root + b; });
      var primary = bundles[0];
      var css = document.createElement("link");
      css.rel = "stylesheet";
      css.href = primary + "pagefind-ui.css";
      document.head.appendChild(css);
      var script = document.createElement("script");
      script.src = primary + "pagefind-ui.js";
      script.onload = function () {
        var ui = new PagefindUI({ element: box, showSubResults: true, showImages: false, baseUrl: base,
                                 bundlePath: primary, resetStyles: false,
                                 mergeIndex: bundles.slice(1).map(function (b) { return { bundlePath: b, baseUrl: base }; }),
                                 translations: { placeholder: "Search the papers" } });
        var q = new URLSearchParams(window.location.search).get("q");
        if (q) ui.triggerSearch(q);
        var input = box.querySelector("input");
        if (input) input.setAttribute("aria-label", "Search the papers");
      };
      document.body.appendChild(script);
    }).catch(function () {
      box.textContent = "Search is not available: its index could not be loaded. Browse the themes or the documents instead.";
    });
  }
})();
