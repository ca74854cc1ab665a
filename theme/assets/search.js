/* Search with Pagefind, loaded only when the buyer starts to search: pages stay light on a phone, and the
   index is fetched in small chunks from this site (no third-party host), per the page's language. */
(function () {
  "use strict";
  var loaded = null;

  function load(bundle) {
    if (loaded) return loaded;
    loaded = new Promise(function (resolve, reject) {
      var css = document.createElement("link");
      css.rel = "stylesheet";
      css.href = bundle + "pagefind-ui.css";
      document.head.appendChild(css);
      var script = document.createElement("script");
      script.src = bundle + "pagefind-ui.js";
      script.onload = resolve;
      script.onerror = reject;
      document.head.appendChild(script);
    });
    return loaded;
  }

  function mount(box) {
    /* An absolute path: Pagefind resolves a relative bundlePath against its own script's folder. */
    var bundle = new URL(box.getAttribute("data-bundle"), document.baseURI).pathname;
    /* The language root: the bundle sits in its pagefind/ folder. */
    var root = bundle.replace(/pagefind\/$/, "");
    var placeholder = box.querySelector("input");
    load(bundle).then(function () {
      /* Whatever the buyer typed while the search code was loading is searched at once. */
      var typed = placeholder ? placeholder.value.trim() : "";
      box.innerHTML = "";
      /* global PagefindUI */
      var ui = new PagefindUI({
        element: box,
        bundlePath: bundle,
        showImages: false,
        showSubResults: false,
        resetStyles: false,
        pageSize: 8,
        autofocus: false,
        /* Search records are flat files (generator/search.py); each names its page relative to the
           language root in its "page" field, which becomes the link and is not shown. */
        processResult: function (result) {
          if (result.meta && typeof result.meta.page === "string") {
            result.url = root + result.meta.page;
            delete result.meta.page;
          }
          return result;
        }
      });
      var input = box.querySelector("input");
      if (input) input.focus();
      if (typed) {
        if (input) input.value = typed;
        ui.triggerSearch(typed);
      }
    });
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-vc-search]"), function (box) {
      var input = box.querySelector("input");
      if (!input) return;
      var start = function () {
        input.removeEventListener("focus", start);
        input.removeEventListener("input", start);
        mount(box);
      };
      input.addEventListener("focus", start);
      input.addEventListener("input", start);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
