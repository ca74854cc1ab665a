/* Search with Pagefind's search API, loaded only when the buyer starts to search: pages stay light on a phone,
   and the index is fetched in small chunks from this site (no third-party host), per the page's language.
   Each result shows the product's photo, title, category and BUMDes, built as DOM nodes with textContent:
   nothing from the index is ever parsed as HTML. generator/search.py writes what the records hold. */
(function () {
  "use strict";
  var PAGE_SIZE = 8;

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function field(data, name) {
    var value = data.meta && data.meta[name];
    return typeof value === "string" ? value : "";
  }

  /* A record's file name is its page's path with dots for slashes (generator/search.py, record_path):
     /products.kelor-powder.html → products/kelor-powder/, /index.html → the language's home. */
  function pagePath(url) {
    var name = String(url || "").replace(/^.*\//, "").replace(/\.html$/, "");
    return name === "index" ? "" : name.split(".").map(encodeURIComponent).join("/") + "/";
  }

  function mount(box) {
    /* Absolute paths: Pagefind resolves a relative bundlePath against its own script's folder. */
    var bundle = new URL(box.getAttribute("data-bundle"), document.baseURI).pathname;
    /* The language root: the bundle sits in its pagefind/ folder; links are relative to it. */
    var root = bundle.replace(/pagefind\/$/, "");
    var media = new URL(box.getAttribute("data-media"), document.baseURI).pathname;
    var thumb = "-" + (box.getAttribute("data-thumb") || "320");
    var words = (window.vcKit || {}).search;
    var input = box.querySelector("input");
    /* A page from before kit.js (met while a publish is half-way) has its own drawer: leave it to the page. */
    if (!input || !words || box.querySelector(".vc-search__drawer")) return;
    var noResults = words.no_match;
    /* The drawer is the same on every page of a language: made here, its words from kit.js. */
    var drawer = document.createElement("div");
    drawer.className = "vc-search__drawer";
    drawer.id = "vc-search-results";
    drawer.hidden = true;
    var status = document.createElement("p");
    status.className = "vc-search__status";
    status.setAttribute("role", "status");
    var list = document.createElement("ol");
    list.className = "vc-search__results";
    list.setAttribute("aria-label", words.results);
    var more = document.createElement("button");
    more.type = "button";
    more.className = "vc-search__more";
    more.hidden = true;
    more.textContent = words.more;
    drawer.appendChild(status);
    drawer.appendChild(list);
    drawer.appendChild(more);
    box.appendChild(drawer);
    var engine = null;
    var current = null;
    var shown = 0;

    function load() {
      if (!engine) {
        engine = import(bundle + "pagefind.js").then(function (pagefind) {
          /* What a result shows is metadata too, and would otherwise add to a page's rank. */
          return pagefind.options({ bundlePath: bundle, ranking: { metaWeights: { detail: 0, photo: 0 } } }).then(function () {
            pagefind.init();
            return pagefind;
          });
        });
      }
      return engine;
    }

    function render(data) {
      var link = element("a", "vc-search__link");
      link.href = root + pagePath(data.url);
      var photo = field(data, "photo");
      var detail = field(data, "detail");
      if (/^[0-9a-f]+$/.test(photo)) {
        /* Photos are published as WebP only (every browser in use reads it). */
        var img = element("img", "vc-search__photo");
        img.src = media + photo + thumb + ".webp";
        img.alt = "";
        img.width = 56;
        img.height = 56;
        img.loading = "lazy";
        link.appendChild(img);
      } else if (detail) {
        /* A product without a photo keeps the column; other pages (BUMDes, regions) have none. */
        link.appendChild(element("span", "vc-search__photo vc-search__photo--none"));
      }
      var text = element("span", "vc-search__text");
      text.appendChild(element("span", "vc-search__title", (data.meta && data.meta.title) || ""));
      if (detail) text.appendChild(element("span", "vc-search__detail", detail));
      link.appendChild(text);
      var item = element("li", "vc-search__result");
      item.appendChild(link);
      return item;
    }

    /* The next few results: Pagefind fetches each one's fragment only when it is shown. */
    function showMore() {
      var search = current;
      if (!search) return Promise.resolve();
      var batch = search.results.slice(shown, shown + PAGE_SIZE);
      shown += batch.length;
      more.hidden = shown >= search.results.length;
      return Promise.all(batch.map(function (result) { return result.data(); })).then(function (found) {
        if (search !== current) return;
        found.forEach(function (data) { list.appendChild(render(data)); });
      });
    }

    function run() {
      var query = input.value.trim();
      if (!query) {
        current = null;
        list.textContent = "";
        drawer.hidden = true;
        drawer.removeAttribute("data-query");
        return;
      }
      load().then(function (pagefind) {
        return pagefind.debouncedSearch(query, {}, 150);
      }).then(function (search) {
        /* null: a later keystroke superseded this search. */
        if (!search || input.value.trim() !== query) return;
        current = search;
        shown = 0;
        list.textContent = "";
        status.textContent = search.results.length ? "" : noResults.replace("{query}", query);
        drawer.hidden = false;
        /* Which query the list now answers (tests wait for it; a slow earlier search never shows late). */
        return showMore().then(function () {
          if (search === current) drawer.setAttribute("data-query", query);
        });
      });
    }

    input.addEventListener("focus", load);
    input.addEventListener("input", run);
    input.addEventListener("keydown", function (event) {
      if (event.key === "Escape") {
        input.value = "";
        run();
      }
    });
    more.addEventListener("click", showMore);
    /* Whatever the buyer typed before this script ran is searched at once. */
    if (input.value.trim()) run();
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-vc-search]"), mount);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
