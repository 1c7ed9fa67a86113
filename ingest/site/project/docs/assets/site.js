// Small progressive enhancements; every page works without them (search needs them).
(function () {
  "use strict";

  // One polite live region for the whole page: what the scripts do ("Citation copied") is
  // announced to screen readers as well as shown.
  var announcer = document.createElement("div");
  announcer.className = "visually-hidden";
  announcer.setAttribute("role", "status");
  announcer.setAttribute("aria-live", "polite");
  announcer.id = "site-announcer";
  document.body.appendChild(announcer);
  function announce(words) {
    announcer.textContent = "";
    setTimeout(function () { announcer.textContent = words; }, 50);
  }

  // The site's root, from the header's search form (its action is the search page, made by
  // MkDocs relative to each page), for pages that need the search index.
  var headerSearch = document.querySelector("form.site-search");
  var siteRoot = headerSearch ? new URL("../", headerSearch.action).href : new URL("./", window.location.href).href;

  // ------------------------------------------------------------------ Cite

  // The button carries the citation and the finding's permanent address, both made when the
  // site was built: the address is absolute when the site's address was given, else made
  // absolute here, from wherever the page is read.
  function permalink(value) {
    return new URL(value, window.location.href).href;
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      document.body.removeChild(area);
      if (ok) resolve(); else reject(new Error("copy refused"));
    });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button.cite");
    if (!button) return;
    var text = button.getAttribute("data-cite") + " " + permalink(button.getAttribute("data-url") || "");
    var label = button.getAttribute("data-label") || button.getAttribute("aria-label") || "Cite";
    button.setAttribute("data-label", label);
    copyText(text).then(function () {
      button.classList.add("copied");
      button.textContent = "Copied";
      button.setAttribute("aria-label", label + " (copied)");
      announce("Citation copied: " + text);
      setTimeout(function () {
        button.classList.remove("copied");
        button.textContent = "Cite";
        button.setAttribute("aria-label", label);
      }, 2500);
    }, function () {
      window.prompt("Copy this citation:", text);
    });
  });

  // Tables of figures fold on a phone; a link to a finding inside one (a search result, a
  // permalink) opens it, and printing opens them all.
  function openTo(id) {
    var target = id && document.getElementById(id);
    for (var n = target; n; n = n.parentElement) if (n.tagName === "DETAILS") n.open = true;
    return target;
  }
  var hashId = function () { return decodeURIComponent(window.location.hash.slice(1)); };
  if (window.matchMedia && window.matchMedia("(max-width: 44.9375em)").matches) {
    document.querySelectorAll("details.table-fold").forEach(function (d) { d.open = false; });
    var opened = openTo(hashId());
    if (opened) opened.scrollIntoView({ block: "start" });
  }
  window.addEventListener("hashchange", function () {
    var target = openTo(hashId());
    if (target) target.scrollIntoView({ block: "start" });
  });
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details.table-fold").forEach(function (d) { d.open = true; });
  });

  // In print there are no buttons: each finding prints its citation and address instead.
  document.querySelectorAll(".print-cite .permalink").forEach(function (el) {
    el.textContent = permalink(el.textContent.trim());
  });

  // ------------------------------------------------------------------ theme pages, registers

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button.order-toggle");
    if (!button) return;
    var box = document.getElementById(button.getAttribute("data-target"));
    if (!box) return;
    var sections = Array.prototype.slice.call(box.querySelectorAll("section.year"));
    sections.reverse().forEach(function (s) { box.appendChild(s); });
    var oldest = button.getAttribute("aria-pressed") !== "true";
    button.setAttribute("aria-pressed", oldest ? "true" : "false");
    button.textContent = oldest ? "Show newest first" : "Show oldest first";
    announce(oldest ? "Oldest first" : "Newest first");
  });

  // Register filters: theme, year and kind. A paper may be under two years (the year it
  // reviewed and the year it is dated): data-year lists both.
  function hasWord(list, word) {
    return (" " + (list || "") + " ").indexOf(" " + word + " ") >= 0;
  }
  function applyFilters(form) {
    var box = document.getElementById(form.getAttribute("data-target"));
    if (!box) return;
    var theme = form.elements.theme.value, year = form.elements.year.value, kind = form.elements.kind.value;
    var shown = 0;
    box.querySelectorAll(".finding").forEach(function (el) {
      var ok = (!theme || hasWord(el.getAttribute("data-themes"), theme)) &&
               (!year || hasWord(el.getAttribute("data-year"), year)) &&
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

  // ------------------------------------------------------------------ search

  // Pagefind's JavaScript API, loaded from this site (no CDN). The index is in shards (see
  // ingest/render/search.py) listed in pagefind/shards.json: the first is the primary bundle,
  // the others are merged into every search.
  function loadPagefind(bundleRoot) {
    var base = new URL("../", bundleRoot).pathname;
    return fetch(bundleRoot + "shards.json").then(function (r) { return r.json(); }).then(function (shards) {
      var papers = shards.bundles.map(function (b) { return new URL(b, bundleRoot).pathname; });
      var bundles = papers.concat(shards.themes ? [new URL(shards.themes, bundleRoot).pathname] : []);
      return import(bundles[0] + "pagefind.js").then(function (pf) {
        return pf.options({ baseUrl: base, excerptLength: 26 }).then(function () {
          return Promise.all(bundles.slice(1).map(function (b) { return pf.mergeIndex(b, { baseUrl: base }); }));
        }).then(function () { return { pagefind: pf, papers: papers, base: base }; });
      });
    });
  }

  // Results in the order asked for, a few at a time: {total, take(n)} giving the next n results'
  // data. By relevance, Pagefind's merged index gives one list. By date, a merged index orders
  // the shards' results by score again, so each shard is searched on its own (its own copy of
  // Pagefind's module: the same file under another address) and their lists, each in date
  // order, are merged here, loading one result at a time from each.
  function bestFirst(pf, query, options) {
    return pf.search(query, options).then(function (found) {
      var list = found ? found.results : [], next = 0;
      return {
        total: list.length,
        take: function (n) {
          var batch = list.slice(next, next + n);
          next += batch.length;
          return Promise.all(batch.map(function (r) { return r.data(); }));
        },
      };
    });
  }

  var shardModules = null;
  function byDate(loaded, query, options, newest) {
    if (!shardModules) {
      shardModules = Promise.all(loaded.papers.map(function (b) {
        return import(b + "pagefind.js?by-date").then(function (m) {
          return m.options({ baseUrl: loaded.base, excerptLength: 26 }).then(function () { return m; });
        });
      }));
    }
    var day = function (d) { return d && d.meta && d.meta.date !== "undated" ? d.meta.date || "" : ""; };
    return shardModules.then(function (modules) {
      return Promise.all(modules.map(function (m) { return m.search(query, options); }));
    }).then(function (lists) {
      var queues = lists.map(function (l) { return { items: l ? l.results : [], at: 0, head: null }; });
      var head = function (q) {
        if (q.head || q.at >= q.items.length) return Promise.resolve(q.head);
        return q.items[q.at].data().then(function (d) { q.head = d; return d; });
      };
      return {
        total: queues.reduce(function (n, q) { return n + q.items.length; }, 0),
        take: function (n) {
          var out = [];
          var one = function () {
            if (out.length >= n) return Promise.resolve(out);
            return Promise.all(queues.map(head)).then(function (heads) {
              var pick = -1;
              heads.forEach(function (d, k) {
                if (!d) return;
                if (pick < 0) { pick = k; return; }
                var a = day(d), b = day(heads[pick]);
                if (newest ? a > b : a < b) pick = k;
              });
              if (pick < 0) return out;
              out.push(heads[pick]);
              queues[pick].head = null;
              queues[pick].at += 1;
              return one();
            });
          };
          return one();
        },
      };
    });
  }

  // Words to highlight on the page a result opens (quotes and punctuation of the query dropped).
  function highlightWords(query) {
    return query.replace(/["“”]/g, " ").split(/\s+/).map(function (w) {
      return w.replace(/^[^\w]+|[^\w]+$/g, "");
    }).filter(function (w) { return w.length > 1; });
  }

  function withHighlight(url, words) {
    var u = new URL(url, window.location.href);
    words.forEach(function (w) { u.searchParams.append("highlight", w); });
    return u.pathname + u.search + u.hash;
  }

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // An excerpt as text, with Pagefind's <mark>s kept and nothing else: the words between the
  // marks go in as text, never as HTML.
  var decoder = document.createElement("textarea");
  function excerpt(html) {
    var p = el("p", "search-match__excerpt");
    html.split(/(<mark>|<\/mark>)/).reduce(function (marked, piece) {
      if (piece === "<mark>") return true;
      if (piece === "</mark>") return false;
      decoder.innerHTML = piece;  // a <textarea> holds text only: entities decoded, no element made
      var decoded = decoder.value;
      p.appendChild(marked ? el("mark", null, decoded) : document.createTextNode(decoded));
      return marked;
    }, false);
    return p;
  }

  // A match's place in its paper, from the headings above it: "Good practice › Legislation and
  // policy › bullet 3". Pagefind gives each heading with an id as an anchor with its level.
  function place(data, anchor) {
    if (!anchor) return "Start of the paper";
    var level = function (a) { return parseInt(String(a.element).slice(1), 10) || 9; };
    var path = [anchor.text];
    var current = level(anchor);
    var before = data.anchors.filter(function (a) { return /^h\d$/i.test(a.element) && a.location < anchor.location && a.text; })
      .sort(function (a, b) { return b.location - a.location; });
    before.forEach(function (a) {
      if (level(a) < current) { path.unshift(a.text); current = level(a); }
    });
    return path.join(" \u203a ");
  }

  function relevance(sub) {
    return (sub.weighted_locations || []).reduce(function (sum, w) { return sum + (w.balanced_score || w.weight || 1); }, 0);
  }

  var SHOWN_MATCHES = 3;
  var PAGE = 10;

  function resultItem(data, words, index) {
    var li = el("li", "search-result");
    li.setAttribute("data-date", data.meta.date || "");
    li.setAttribute("data-years", ((data.filters || {}).year || []).join(" "));
    var subs = (data.sub_results || []).slice().sort(function (a, b) { return relevance(b) - relevance(a); });
    var best = subs.length ? subs[0].url : data.url;
    var title = el("p", "search-result__title");
    var link = el("a", null, data.meta.title || data.url);
    link.href = withHighlight(best, words);
    title.appendChild(link);
    li.appendChild(title);
    var n = subs.length;
    li.appendChild(el("p", "search-result__meta", (data.meta.kind ? data.meta.kind + " \u00b7 " : "") + n + (n === 1 ? " match" : " matches")));
    var list = el("ul", "search-result__matches");
    list.id = "matches-" + index;
    subs.forEach(function (sub, i) {
      var item = el("li", "search-match");
      if (i >= SHOWN_MATCHES) item.hidden = true;
      var a = el("a", "search-match__place", place(data, sub.anchor));
      a.href = withHighlight(sub.url, words);
      item.appendChild(a);
      item.appendChild(excerpt(sub.excerpt || ""));
      list.appendChild(item);
    });
    li.appendChild(list);
    if (n > SHOWN_MATCHES) {
      var more = el("button", "md-button search-result__more", "Show all " + n + " matches in this paper");
      more.type = "button";
      more.setAttribute("aria-expanded", "false");
      more.setAttribute("aria-controls", list.id);
      more.addEventListener("click", function () {
        var open = more.getAttribute("aria-expanded") !== "true";
        Array.prototype.forEach.call(list.children, function (item, i) { if (i >= SHOWN_MATCHES) item.hidden = !open; });
        more.setAttribute("aria-expanded", open ? "true" : "false");
        more.textContent = open ? "Show the first " + SHOWN_MATCHES + " matches only" : "Show all " + n + " matches in this paper";
      });
      li.appendChild(more);
    }
    return li;
  }

  function themeItem(data) {
    var li = el("li", "search-result search-result--theme");
    var title = el("p", "search-result__title");
    var link = el("a", null, data.meta.title || data.url);
    link.href = data.url;
    title.appendChild(link);
    li.appendChild(title);
    li.appendChild(el("p", "search-result__meta", "Theme page: every finding on it, year by year"));
    li.appendChild(excerpt(data.excerpt || ""));
    return li;
  }

  function initSearch(form) {
    var status = form.parentNode.querySelector(".search-status");
    var results = form.parentNode.querySelector(".search-results");
    var input = form.elements.q;
    var names = ["q", "year", "theme", "kind", "sort"];
    var params = new URLSearchParams(window.location.search);
    names.forEach(function (name) {
      if (params.get(name) && form.elements[name]) form.elements[name].value = params.get(name);
    });
    var pf = null, seq = 0, timer = null;

    function current() {
      var st = {};
      names.forEach(function (name) { st[name] = form.elements[name] ? form.elements[name].value.trim() : ""; });
      return st;
    }

    // The search lives in the page's address, so it can be shared, bookmarked and restored.
    function remember(st) {
      var p = new URLSearchParams();
      names.forEach(function (name) { if (st[name]) p.set(name, st[name]); });
      var query = p.toString();
      window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : ""));
    }

    function run() {
      var st = current();
      remember(st);
      var my = ++seq;
      results.textContent = "";
      if (!st.q) { status.textContent = ""; return; }
      if (!pf) { status.textContent = "Loading the search index\u2026"; return; }
      var filters = { type: "paper" };
      if (st.year) filters.year = st.year;
      if (st.theme) filters.theme = st.theme;
      if (st.kind) filters["document kind"] = st.kind;
      var options = { filters: filters };
      if (st.sort) options.sort = { date: st.sort === "oldest" ? "asc" : "desc" };
      var papersFound = st.sort ? byDate(pf, st.q, options, st.sort !== "oldest") : bestFirst(pf.pagefind, st.q, options);
      var themes = st.year || st.theme || st.kind ? Promise.resolve({ results: [] })
        : pf.pagefind.search(st.q, { filters: { type: "theme" } });
      status.textContent = "Searching\u2026";
      Promise.all([papersFound, themes]).then(function (found) {
        if (my !== seq) return;
        var papers = found[0], themed = found[1] ? found[1].results : [];
        var words = highlightWords(st.q);
        var order = st.sort === "newest" ? ", newest first" : st.sort === "oldest" ? ", oldest first" : "";
        status.textContent = (papers.total === 1 ? "1 paper matches" : papers.total + " papers match") + " \u201c" + st.q + "\u201d" + order +
          (themed.length ? (themed.length === 1 ? "; 1 theme" : "; " + themed.length + " themes") : "") + ".";
        if (themed.length) {
          var themeList = el("ul", "search-list search-list--themes");
          themeList.setAttribute("aria-label", "Themes");
          results.appendChild(themeList);
          Promise.all(themed.slice(0, 5).map(function (r) { return r.data(); })).then(function (all) {
            if (my === seq) all.forEach(function (d) { themeList.appendChild(themeItem(d)); });
          });
        }
        var list = el("ol", "search-list");
        list.setAttribute("aria-label", "Papers");
        results.appendChild(list);
        var more = el("button", "md-button search-more");
        more.type = "button";
        more.hidden = true;
        results.appendChild(more);
        var shown = 0;
        function next() {
          more.hidden = true;
          return papers.take(PAGE).then(function (all) {
            if (my !== seq) return;
            all.forEach(function (d, i) { list.appendChild(resultItem(d, words, shown + i)); });
            shown += all.length;
            more.hidden = shown >= papers.total;
            more.textContent = "Show " + Math.min(PAGE, papers.total - shown) + " more papers (" + shown + " of " + papers.total + " shown)";
            list.setAttribute("data-loaded", String(shown));
          });
        }
        more.addEventListener("click", next);
        return next();
      }).catch(function () {
        status.textContent = "The search failed. Try again, or browse the themes or the documents.";
      });
    }

    form.addEventListener("submit", function (event) { event.preventDefault(); run(); });
    input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, 300); });
    form.querySelectorAll("select").forEach(function (s) { s.addEventListener("change", run); });
    loadPagefind(new URL(form.getAttribute("data-bundle"), window.location.href).href).then(function (loaded) {
      pf = loaded;
      run();
    }).catch(function () {
      status.textContent = "Search is not available: its index could not be loaded. Browse the themes or the documents instead.";
    });
  }

  var searchForm = document.querySelector("form.search-form[data-bundle]");
  if (searchForm) initSearch(searchForm);
  // The header's box says what is being searched for on the search page itself.
  if (headerSearch && searchForm) {
    var q = new URLSearchParams(window.location.search).get("q");
    if (q) headerSearch.elements.q.value = q;
  }

  // A page opened from a search result marks the words searched for (Pagefind's highlighter,
  // from the site's own index bundle) and the finding the result pointed at (:target).
  if (new URLSearchParams(window.location.search).has("highlight")) {
    var bundleRoot = siteRoot + "pagefind/";
    fetch(bundleRoot + "shards.json").then(function (r) { return r.json(); }).then(function (shards) {
      return import(new URL(shards.bundles[0], bundleRoot).pathname + "pagefind-highlight.js");
    }).then(function () {
      // eslint-disable-next-line no-new, no-undef
      new window.PagefindHighlight({ highlightParam: "highlight", addStyles: false });
      var target = window.location.hash && document.getElementById(decodeURIComponent(window.location.hash.slice(1)));
      if (target) target.scrollIntoView({ block: "start" });
    }).catch(function () { /* the page reads the same without highlights */ });
  }
})();
