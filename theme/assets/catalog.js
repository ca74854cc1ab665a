/* Progressive enhancement for the catalog. Without JavaScript every link and page still works: this
   copies the WeChat ID, filters listings, switches the product gallery's photo, and adds the keyboard skip
   link and the current-section tab that Material leaves out on catalog pages. The quote form and the
   inquiry list are inquiry.js's. */
(function () {
  "use strict";

  function setupCopy(button) {
    if (!navigator.clipboard) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(button.getAttribute("data-copy")).then(function () {
        var label = button.textContent;
        button.textContent = button.getAttribute("data-copied");
        setTimeout(function () { button.textContent = label; }, 1500);
      });
    });
  }

  /* A big all-products listing keeps the products after its cards in a file beside the page (pages.ROWS_FILE).
     The returned function fetches it once, puts its products in place of the box as the one-line rows a
     smaller listing has (same data attributes, so the filters read them alike), and resolves when done. */
  function rowsLoader(box) {
    var loading = null;
    return function () {
      if (loading) return loading;
      loading = fetch(box.getAttribute("data-rows")).then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      }).then(function (data) {
        var list = document.createElement("ul");
        list.className = "vc-rows";
        list.setAttribute("aria-label", box.getAttribute("data-rows-label"));
        data.rows.forEach(function (row) {
          var item = document.createElement("li");
          var link = document.createElement("a");
          var detail = document.createElement("span");
          item.className = "vc-row";
          data.fields.forEach(function (field, i) {
            if (field === "url") link.setAttribute("href", row[i]);
            else if (field === "name") link.textContent = row[i];
            else if (field === "detail") detail.textContent = row[i];
            else item.dataset[field] = row[i];
          });
          item.append(link, " ", detail);
          list.appendChild(item);
        });
        box.replaceWith(list);
      });
      // A failed fetch (offline, a publish half-way) may be tried again; the box and its links stay meanwhile.
      loading.catch(function () { loading = null; });
      return loading;
    };
  }

  function setupFilters(form) {
    var listed = function () {
      return Array.prototype.slice.call(document.querySelectorAll(".vc-listing .vc-card, .vc-listing .vc-row"));
    };
    var cards = listed();
    var box = document.querySelector(".vc-listing [data-rows]");
    var loadRows = box ? rowsLoader(box) : null;
    var notLoaded = box ? Number(box.getAttribute("data-rows-count")) : 0;
    var unreachable = false;
    var count = form.querySelector(".vc-filters__count");
    var empty = document.querySelector("[data-no-results]");
    var regency = form.elements.regency;
    var names = ["category", "province", "regency", "certification", "incoterm", "availability", "moq", "moq_unit"];
    form.hidden = false;
    var foldRoot = form.closest("details");
    if (foldRoot) foldRoot.hidden = false;

    function matches(card, values) {
      var d = card.dataset;
      if (values.category && d.category !== values.category) return false;
      if (values.province && d.province !== values.province) return false;
      if (values.regency && d.regency !== values.regency) return false;
      if (values.certification && (" " + d.certs + " ").indexOf(" " + values.certification + " ") < 0) return false;
      if (values.incoterm && (" " + d.incoterms + " ").indexOf(" " + values.incoterm + " ") < 0) return false;
      if (values.availability && d.availability !== values.availability) return false;
      /* The MOQ compares within a unit family (kg with tonnes; a container size only with itself). */
      if (values.moq) {
        var unit = form.elements.moq_unit.selectedOptions[0];
        if (d.moqFamily !== unit.getAttribute("data-family")) return false;
        if (Number(d.moqBase) > Number(values.moq) * Number(unit.getAttribute("data-base"))) return false;
      }
      return true;
    }

    function apply(push) {
      var values = {};
      var params = new URLSearchParams();
      names.forEach(function (name) {
        var field = form.elements[name];
        if (field && field.value) { values[name] = field.value; params.set(name, field.value); }
      });
      /* The unit means nothing without an amount: a link shared without one stays clean. */
      if (!values.moq) params.delete("moq_unit");
      if (regency) {
        Array.prototype.forEach.call(regency.options, function (option) {
          var parent = option.getAttribute("data-parent");
          option.hidden = Boolean(values.province && parent && parent !== values.province);
        });
      }
      /* Filtering needs every product: the rows not yet fetched come first, then this runs again. If they
         cannot be fetched (offline, a preview opened from disk), the cards are filtered and counted alone,
         and the box with its category links stays. */
      var filtering = names.some(function (name) { return name !== "moq_unit" && values[name]; });
      var waiting = Boolean(loadRows && filtering && !unreachable);
      if (waiting) showRows().catch(function () { unreachable = true; apply(false); });
      var shown = waiting || !loadRows || filtering ? 0 : notLoaded;
      cards.forEach(function (card) {
        var visible = matches(card, values);
        card.hidden = !visible;
        if (visible) shown += 1;
      });
      // The count's wording by the page language's plural rules ("1 product shown", "2 products shown").
      var forms = JSON.parse(count.getAttribute("data-count-forms"));
      var plural = new Intl.PluralRules(document.documentElement.lang).select(shown);
      count.textContent = waiting ? "" : (forms[plural] || forms.other).replace("{count}", shown.toLocaleString(document.documentElement.lang));
      if (empty) empty.hidden = waiting || shown !== 0;
      if (push) {
        var query = params.toString();
        history.replaceState(null, "", query ? "?" + query : location.pathname);
      }
    }

    /* On a phone the filters fold into their summary; on a wide screen they stay open. */
    var fold = form.closest("details");
    if (fold && window.matchMedia("(min-width: 60em)").matches) fold.open = true;

    var initial = new URLSearchParams(location.search);
    names.forEach(function (name) {
      var field = form.elements[name];
      if (field && initial.get(name)) field.value = initial.get(name);
    });
    function showRows() {
      return loadRows().then(function () {
        loadRows = null;
        cards = listed();
        apply(false);
      });
    }
    if (box) {
      var show = box.querySelector("[data-rows-show]");
      show.hidden = false;
      show.addEventListener("click", function () {
        show.disabled = true;
        showRows().catch(function () { show.disabled = false; });
      });
    }
    form.addEventListener("input", function () { apply(true); });
    form.addEventListener("change", function () { apply(true); });
    form.addEventListener("reset", function () { setTimeout(function () { apply(true); }, 0); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    apply(false);
  }

  /* Material writes its "skip to content" link only for pages with a Markdown table of contents; a catalog
     page is one HTML block, so it has none. Until the build gives each page a TOC entry (docs/quality.md),
     the link is added here, first in the tab order, with Material's own wording. */
  var SKIP_LABELS = { id: "Lewati ke isi", en: "Skip to content", zh: "跳转至" };

  function setupSkipLink() {
    var slot = document.querySelector('[data-md-component="skip"]');
    var target = document.getElementById("vc-content");
    if (!slot || !target || slot.querySelector("a")) return;
    var lang = (document.documentElement.lang || "en").toLowerCase().split("-")[0];
    var link = document.createElement("a");
    link.className = "md-skip";
    link.href = "#" + target.id;
    link.textContent = SKIP_LABELS[lang] || SKIP_LABELS.en;
    slot.appendChild(link);
  }

  /* Pages outside the navigation (a product, a BUMDes, a region) light up the tab of their section:
     the nearest breadcrumb ancestor that is also a tab. */
  function markSectionTab() {
    var tabs = Array.prototype.slice.call(document.querySelectorAll(".md-tabs__item"));
    if (!tabs.length || document.querySelector(".md-tabs__item--active")) return;
    var crumbs = document.querySelectorAll(".vc-breadcrumbs a[href]");
    for (var i = crumbs.length - 1; i >= 0; i--) {
      for (var j = 0; j < tabs.length; j++) {
        var link = tabs[j].querySelector("a.md-tabs__link");
        if (link && link.href === crumbs[i].href) {
          tabs[j].classList.add("md-tabs__item--active");
          return;
        }
      }
    }
  }

  /* The product gallery: a thumbnail shows its photo in the main picture (without JavaScript it opens it). */
  function setupGallery(gallery) {
    var main = gallery.querySelector(".vc-gallery__main");
    if (!main) return;
    var img = main.querySelector("img");
    Array.prototype.forEach.call(gallery.querySelectorAll("[data-full]"), function (link) {
      link.addEventListener("click", function (event) {
        event.preventDefault();
        img.src = link.getAttribute("data-full");
        img.srcset = link.getAttribute("data-srcset");
        img.alt = link.getAttribute("data-alt");
        Array.prototype.forEach.call(gallery.querySelectorAll("[data-full]"), function (other) {
          other.removeAttribute("aria-current");
        });
        link.setAttribute("aria-current", "true");
      });
    });
  }

  // The printed sheet's date is the day it is printed, in the page's language: a date written at build time
  // would stay on a page the cache keeps for months.
  function setupPrintDate(line) {
    var time = line.querySelector("time");
    function stamp() {
      var now = new Date();
      var pad = function (n) { return (n < 10 ? "0" : "") + n; };
      time.dateTime = now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
      time.textContent = now.toLocaleDateString(document.documentElement.lang || undefined, { year: "numeric", month: "long", day: "numeric" });
      line.hidden = false;
    }
    stamp();
    window.addEventListener("beforeprint", stamp);
  }

  function init() {
    setupSkipLink();
    markSectionTab();
    Array.prototype.forEach.call(document.querySelectorAll("[data-gallery]"), setupGallery);
    Array.prototype.forEach.call(document.querySelectorAll("[data-copy]"), setupCopy);
    Array.prototype.forEach.call(document.querySelectorAll("[data-filters]"), setupFilters);
    Array.prototype.forEach.call(document.querySelectorAll("[data-print-date]"), setupPrintDate);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
