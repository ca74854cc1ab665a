/* The village-code finder (generator/villages.py writes its data): finds a desa's official code by its name.
   Loads data/index.json first, then only the names file for what is typed and the kecamatan of the provinces
   it shows. Names are compared as official.name_words makes them; keep the two the same. */
(function () {
  "use strict";

  var main = document.querySelector("[data-finder]");
  if (!main) return;
  var DATA = main.getAttribute("data-data");
  var VERSION = main.getAttribute("data-version");
  var SHOWN = parseInt(main.getAttribute("data-shown"), 10);
  var form = main.querySelector("form");
  var input = document.getElementById("vf-q");
  var provinceSelect = document.getElementById("vf-province");
  var regencySelect = document.getElementById("vf-regency");
  var statusLine = document.getElementById("vf-status");
  var results = document.getElementById("vf-results");
  var copied = document.getElementById("vf-copied");
  var narrow = document.getElementById("vf-narrow");

  // --- Names, the way official.py compares them ----------------------------------------------------------

  var APOSTROPHES = /['\u2018\u2019\u02bc`]/g;
  var prefixes = new Set();

  function nameWords(text) {
    var plain = String(text).normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
    return plain.replace(APOSTROPHES, "").split(/[^a-z0-9]+/).filter(Boolean);
  }

  /* The name run together, then without a leading "Desa", "Kelurahan"... when it has one. */
  function nameKeys(text) {
    var words = nameWords(text);
    var keys = words.length ? [words.join("")] : [];
    if (words.length > 1 && prefixes.has(words[0])) keys.push(words.slice(1).join(""));
    return keys;
  }

  /* 0: the same name; 1: the name starts with what was typed; 2: one of its later words does; -1: no match. */
  function rankOf(name, typed) {
    var words = nameWords(name);
    var own = nameKeys(name);
    var best = -1;
    typed.forEach(function (key) {
      var rank = -1;
      if (own.indexOf(key) !== -1) rank = 0;
      else if (own.some(function (k) { return k.indexOf(key) === 0; })) rank = 1;
      else {
        for (var start = 1; start < words.length; start++) {
          if (words.slice(start).join("").indexOf(key) === 0) { rank = 2; break; }
        }
      }
      if (rank !== -1 && (best === -1 || rank < best)) best = rank;
    });
    return best;
  }

  // --- Data ----------------------------------------------------------------------------------------------

  var index = null;
  var loaded = new Map();

  function load(path) {
    if (!loaded.has(path)) {
      var request = fetch(DATA + path + "?v=" + VERSION).then(function (response) {
        if (!response.ok) throw new Error(path + ": " + response.status);
        return response.json();
      });
      request.catch(function () { loaded.delete(path); });  // try again on the next search
      loaded.set(path, request);
    }
    return loaded.get(path);
  }

  /* The index (provinces, regencies, which names files exist), loaded once; asked again after a failure. */
  var ready = null;
  function whenReady() {
    if (!ready) {
      ready = load("index.json").then(function (data) {
        index = {
          provinces: data.provinces,
          names: new Set(data.names),
          split: new Set(data.split),
          first: data.first,
          regencyNames: new Map(),
          provinceNames: new Map()
        };
        data.prefixes.forEach(function (word) { prefixes.add(word); });
        data.provinces.forEach(function (province) {
          index.provinceNames.set(province[0], province[1]);
          province[2].forEach(function (regency) { index.regencyNames.set(province[0] + "." + regency[0], regency[1]); });
          provinceSelect.appendChild(new Option(province[1], province[0]));
        });
        return index;
      });
      ready.catch(function () { ready = null; });
    }
    return ready;
  }

  /* The names file holding every name with a word that starts with ``key`` (see villages.plan_name_shards). */
  function shardOf(key) {
    var letters = key.slice(0, index.first);
    while (index.split.has(letters) && key.length > letters.length) letters = key.slice(0, letters.length + 1);
    return { letters: letters, more: index.split.has(letters) };
  }

  function dotted(code) {
    var s = String(code);
    return s.slice(0, 2) + "." + s.slice(2, 4) + "." + s.slice(4, 6) + "." + s.slice(6);
  }

  // --- Search --------------------------------------------------------------------------------------------

  var searches = 0;

  function say(element, indonesian, english) {
    element.textContent = indonesian + " ";
    var span = document.createElement("span");
    span.lang = "en";
    span.textContent = english;
    element.appendChild(span);
  }

  function search() {
    var current = ++searches;
    var query = input.value;
    var province = provinceSelect.value;
    var regency = regencySelect.value;
    remember(query, province, regency);
    return whenReady().then(function () {
      var typed = nameKeys(query).filter(function (key) { return key.length >= index.first; });
      if (!typed.length) {
        results.textContent = "";
        if (query.trim()) say(statusLine, "Ketik paling sedikit " + index.first + " huruf.", "Type at least " + index.first + " letters.");
        else statusLine.textContent = "";
        return null;
      }
      var more = false;
      var files = [];
      typed.forEach(function (key) {
        var shard = shardOf(key);
        if (shard.more) more = true;
        if (index.names.has(shard.letters) && files.indexOf(shard.letters) === -1) files.push(shard.letters);
      });
      return Promise.all(files.map(function (letters) { return load("names/" + letters + ".json"); })).then(function (shards) {
        var found = new Map();
        shards.forEach(function (entries) {
          entries.forEach(function (entry) {
            var rank = rankOf(entry[0], typed);
            if (rank === -1) return;
            for (var i = 1; i < entry.length; i++) {
              var code = dotted(entry[i]);
              if (province && code.slice(0, 2) !== province) continue;
              if (regency && code.slice(0, 5) !== regency) continue;
              var before = found.get(code);
              if (!before || rank < before.rank) found.set(code, { code: code, name: entry[0], key: nameWords(entry[0]).join(""), rank: rank });
            }
          });
        });
        var matches = Array.from(found.values()).sort(function (a, b) {
          return a.rank - b.rank || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) || (a.code < b.code ? -1 : 1);
        });
        var shown = matches.slice(0, SHOWN);
        var provinces = Array.from(new Set(shown.map(function (m) { return m.code.slice(0, 2); })));
        return Promise.all(provinces.map(function (p) { return load("kecamatan/" + p + ".json"); })).then(function (lists) {
          var districts = new Map();
          provinces.forEach(function (p, i) { districts.set(p, lists[i]); });
          if (current !== searches) return null;  // a newer search has started
          show(shown, districts);
          report(matches.length, shown.length, more, query, province || regency);
          return matches.length;
        });
      });
    }).catch(function () {
      if (current !== searches) return;
      say(statusLine, "Data desa tidak dapat dimuat. Periksa koneksi, lalu coba lagi.",
          "The village data could not be loaded. Check the connection, then try again.");
    });
  }

  function report(total, shown, more, query, narrowed) {
    var typed = "“" + query.trim() + "”";
    if (total === 0 && more) {
      say(statusLine, "Banyak nama desa diawali " + typed + ": ketik satu huruf lagi.",
          "Many village names start with " + typed + ": type one more letter.");
    } else if (total === 0) {
      say(statusLine, "Tidak ada desa bernama " + typed + (narrowed ? " di wilayah yang dipilih." : ".") +
          " Periksa ejaannya, atau ketik awal namanya saja.",
          "No village is called " + typed + (narrowed ? " in the area chosen." : ".") +
          " Check the spelling, or type only the start of the name.");
    } else if (shown < total) {
      narrow.open = true;
      say(statusLine, total + " desa/kelurahan ditemukan; " + shown + " yang pertama ditampilkan. Pilih provinsi atau kabupaten untuk mempersempit.",
          total + " found; the first " + shown + " are shown. Choose a province or regency to narrow down.");
    } else {
      say(statusLine, total + " desa/kelurahan ditemukan" + (more ? "; ketik lebih banyak huruf untuk nama lain." : "."),
          total + " found" + (more ? "; type more letters for other names." : "."));
    }
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function bilingual(tag, className, indonesian, english) {
    var node = element(tag, className);
    say(node, indonesian, english);
    return node;
  }

  function show(matches, districts) {
    var items = document.createDocumentFragment();
    matches.forEach(function (match) {
      var kind = match.code.charAt(9);  // Kemendagri numbers kelurahan 1xxx, desa 2xxx, desa adat 3xxx
      var item = element("li", "vf-result" + (kind === "1" ? " vf-result--kelurahan" : ""));
      var title = element("h2", null, match.name + " ");
      title.appendChild(kind === "1" ? bilingual("span", "vf-badge", "Kelurahan", "· urban ward")
        : kind === "3" ? bilingual("span", "vf-badge", "Desa adat", "· customary village") : element("span", "vf-badge", "Desa"));
      item.appendChild(title);

      var line = element("p", "vf-result__code");
      line.appendChild(element("code", null, match.code));
      var button = bilingual("button", "vf-button vf-copy", "Salin", "· Copy");
      button.type = "button";
      button.setAttribute("data-code", match.code);
      button.setAttribute("aria-label", "Salin · Copy " + match.code);
      line.appendChild(button);
      item.appendChild(line);

      var province = match.code.slice(0, 2);
      var district = (districts.get(province) || {})[match.code.slice(3, 5) + match.code.slice(6, 8)] || "";
      var districtWord = Number(province) >= 91 ? "Distrik " : "Kecamatan ";
      item.appendChild(element("p", "vf-result__place", [districtWord + district, index.regencyNames.get(match.code.slice(0, 5)),
        "Provinsi " + index.provinceNames.get(province)].join(" · ")));
      if (kind === "1") {
        item.appendChild(bilingual("p", "vf-result__warning",
          "Ini kelurahan, bukan desa: kelurahan tidak punya BUMDes, dan pemeriksa menolak kode ini.",
          "This is a kelurahan (urban ward), not a desa: it has no BUMDes, and the check refuses this code."));
      }
      items.appendChild(item);
    });
    results.textContent = "";
    results.appendChild(items);
  }

  // --- Copy ----------------------------------------------------------------------------------------------

  function copyText(text, source) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    // Older browsers, or a page opened over plain http: select the code and ask the browser to copy it.
    var range = document.createRange();
    range.selectNodeContents(source);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    var done = false;
    try { done = document.execCommand("copy"); } catch (error) { done = false; }
    return done ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }

  results.addEventListener("click", function (event) {
    var button = event.target.closest(".vf-copy");
    if (!button) return;
    var code = button.getAttribute("data-code");
    var source = button.parentNode.querySelector("code");
    copyText(code, source).then(function () {
      say(button, "Tersalin", "· Copied");
      button.classList.add("vf-button--done");
      say(copied, "Kode " + code + " disalin.", "Code " + code + " copied.");
      setTimeout(function () {
        say(button, "Salin", "· Copy");
        button.classList.remove("vf-button--done");
      }, 2500);
    }, function () {
      var range = document.createRange();
      range.selectNodeContents(source);
      window.getSelection().removeAllRanges();
      window.getSelection().addRange(range);
      say(copied, "Kode " + code + " sudah dipilih: salin dengan Ctrl+C atau tekan lama.",
          "Code " + code + " is selected: copy it with Ctrl+C or a long press.");
    });
  });

  // --- The form ------------------------------------------------------------------------------------------

  function fillRegencies(province, chosen) {
    while (regencySelect.options.length > 1) regencySelect.remove(1);
    var entry = index.provinces.filter(function (p) { return p[0] === province; })[0];
    if (entry) entry[2].forEach(function (regency) {
      regencySelect.appendChild(new Option(regency[1], province + "." + regency[0]));
    });
    regencySelect.disabled = !entry;
    regencySelect.value = chosen && entry ? chosen : "";
  }

  /* The search in the address, so that a link or a reload shows the same results. */
  function remember(query, province, regency) {
    var params = new URLSearchParams();
    if (query.trim()) params.set("q", query.trim());
    if (province) params.set("provinsi", province);
    if (regency) params.set("kabupaten", regency);
    var search = params.toString();
    history.replaceState(null, "", search ? "?" + search : location.pathname);
  }

  var pause = null;
  input.addEventListener("input", function () {
    clearTimeout(pause);
    pause = setTimeout(search, 200);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(pause);
    search();
  });
  provinceSelect.addEventListener("change", function () {
    fillRegencies(provinceSelect.value, "");
    search();
  });
  regencySelect.addEventListener("change", search);

  whenReady().then(function () {
    var params = new URLSearchParams(location.search);
    var province = params.get("provinsi") || "";
    if (index.provinceNames.has(province)) {
      narrow.open = true;
      provinceSelect.value = province;
      fillRegencies(province, params.get("kabupaten") || "");
    }
    if (params.get("q")) {
      input.value = params.get("q");
      search();
    }
  }, function () {
    say(statusLine, "Data desa tidak dapat dimuat. Periksa koneksi, lalu muat ulang halaman.",
        "The village data could not be loaded. Check the connection, then reload the page.");
  });

  // For tests: the name rules, to compare with official.name_words.
  window.villageFinder = { nameWords: nameWords, nameKeys: nameKeys, shardOf: shardOf, search: search };
})();
