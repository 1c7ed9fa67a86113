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
    var done = function () {
      button.classList.add("copied");
      button.setAttribute("aria-label", "Citation copied");
      setTimeout(function () { button.classList.remove("copied"); }, 2500);
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, function () { window.prompt("Copy this citation:", text); });
    } else {
      window.prompt("Copy this citation:", text);
    }
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

  // Pagefind search, loaded from this site (no CDN).
  var box = document.getElementById("search");
  if (box) {
    var bundle = box.getAttribute("data-bundle");
    var css = document.createElement("link");
    css.rel = "stylesheet";
    css.href = bundle + "pagefind-ui.css";
    document.head.appendChild(css);
    var script = document.createElement("script");
    script.src = bundle + "pagefind-ui.js";
    script.onload = function () {
      var base = new URL(bundle + "../", window.location.href).pathname;
      var ui = new PagefindUI({ element: "#search", showSubResults: false, showImages: false, baseUrl: base,
                               bundlePath: bundle, resetStyles: false, translations: { placeholder: "Search the papers" } });
      var q = new URLSearchParams(window.location.search).get("q");
      if (q) ui.triggerSearch(q);
      var input = box.querySelector("input");
      if (input) input.setAttribute("aria-label", "Search the papers");
    };
    document.body.appendChild(script);
  }
})();
