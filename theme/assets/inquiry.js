/* The quote form and the inquiry list. Progressive enhancement: without JavaScript there is no form (it
   could send nothing), and a product page's e-mail and WhatsApp links open with what the product is.

   The message is made from a layout (generator/inquiry.py: a product page's comes from the language's kit,
   kit.js; the list page's from data-layout) in the same way the build makes the links' opening
   lines: labels in the page's language with English beside them, the buyer's blank lines kept. The inquiry list lives in the browser (localStorage), so it is the same
   list on the Indonesian, English and Chinese pages. A product added from its own page takes the quantity
   typed into its form along; the rest of what the buyer wrote there (who, where, documents, the message)
   is kept as a draft beside the list, which the list's form starts with and keeps across reloads. */
(function () {
  "use strict";

  var STORE = "vc-inquiry-list";
  var DRAFT = "vc-inquiry-draft";
  /* Per product, kept with its item in the list instead of in the draft: a target price for the moringa is
     no price for the crab. */
  var OWN_FIELDS = { quantity: true, unit: true, target_price: true };

  /* RFC 3986 unreserved characters stay; everything else is percent-encoded (space → %20, never +). */
  function encode(text) {
    return encodeURIComponent(text).replace(/[!'()*]/g, function (c) {
      return "%" + c.charCodeAt(0).toString(16).toUpperCase();
    });
  }

  function labelText(label) {
    return label.length === 1 || label[0] === label[1] ? label[0] : label[0] + " (" + label[1] + ")";
  }

  function trimNewlines(text) {
    return text.replace(/^\n+/, "").replace(/\n+$/, "");
  }

  /* The same as generator.inquiry.compose: a fixed line, "Label: value" (blank when empty), or a block. */
  function compose(layout, values, blank) {
    var lines = [];
    layout.lines.forEach(function (line) {
      if (!line.label) {
        lines.push(line.text);
      } else if (line.block) {
        lines.push(labelText(line.label) + ":");
        lines.push(trimNewlines(String(values[line.field] || "").replace(/\r\n/g, "\n")) || blank);
      } else {
        var value = line.value !== undefined ? line.value : String(values[line.field] || "").trim();
        lines.push(labelText(line.label) + ": " + (value || blank));
      }
    });
    return {
      subject: layout.subject.split(/\s+/).join(" ").trim(),
      body: trimNewlines(lines.join("\n")) + "\n"
    };
  }

  function mailto(email, message) {
    return "mailto:" + encode(email).replace("%40", "@") + "?subject=" + encode(message.subject) +
      "&body=" + encode(message.body.replace(/\n/g, "\r\n"));
  }

  function whatsapp(digits, message) {
    return "https://wa.me/" + digits + "?text=" + encode(message.body);
  }

  /* "750 kg", but "2 × 20 ft container" (views.amount_text writes amounts the same way). */
  function amount(quantity, unit) {
    return quantity + (/^\d/.test(unit) ? " × " : " ") + unit;
  }

  /* A unit option named for a count, as the page says it: "2 tonnes", the plural where the language has one
     and the number asks for it (data-plural); the option's own name otherwise. */
  function unitLabel(option, count) {
    if (!option) return "";
    var plural = option.getAttribute("data-plural");
    var number = Number(count);
    return plural && count !== "" && !isNaN(number) &&
      new Intl.PluralRules(document.documentElement.lang || undefined).select(number) !== "one" ? plural : option.textContent.trim();
  }

  /* A unit select's value is the vocabulary key; the message names the unit as the page does. */
  function unitName(select, count) {
    return unitLabel(select.selectedOptions[0], count);
  }

  /* What the buyer filled in, as the message's fields. */
  function formValues(form) {
    var e = form.elements;
    function text(name) { return e[name] ? String(e[name].value).trim() : ""; }
    var values = {
      destination: text("destination"),
      incoterm: text("incoterm"),
      target_price: text("target_price"),
      delivery: text("delivery"),
      buyer_name: text("buyer_name"),
      company: text("company"),
      country: text("country"),
      message: e.message ? e.message.value : ""
    };
    if (e.quantity) values.quantity = text("quantity") ? amount(text("quantity"), unitName(e.unit, text("quantity"))) : "";
    if (e.reply) values.reply = text("reply") ? e.reply_via.value + ": " + text("reply") : "";
    var documents = [];
    Array.prototype.forEach.call(form.querySelectorAll('input[name="documents"]:checked'), function (box) {
      documents.push(box.value);
    });
    values.documents = documents.join(", ");
    var sample = e.sample;
    values.sample = sample && sample.checked ? sample.getAttribute("data-yes") : "";
    return values;
  }

  function copyText(text) {
    if (navigator.clipboard && navigator.clipboard.writeText) return navigator.clipboard.writeText(text);
    return Promise.reject(new Error("no clipboard"));
  }

  function say(section, text) {
    var status = section.querySelector("[data-send-status]");
    if (status) status.textContent = text;
  }

  /* The send buttons of one recipient: their links follow the message; copy and Alibaba copy it. */
  function wireSend(scope, section, recipient, messageOf) {
    function update() {
      var message = messageOf();
      var email = scope.querySelector('[data-send="email"]');
      if (email && recipient.email) email.href = mailto(recipient.email, message);
      var wa = scope.querySelector('[data-send="whatsapp"]');
      if (wa && recipient.whatsapp) wa.href = whatsapp(recipient.whatsapp, message);
    }
    var copy = scope.querySelector('[data-send="copy"]');
    if (copy) {
      copy.addEventListener("click", function () {
        copyText(messageOf().body).then(function () { say(section, copy.getAttribute("data-copied")); },
                                        function () { say(section, ""); });
      });
    }
    var alibaba = scope.querySelector('[data-send="alibaba"]');
    if (alibaba) {
      alibaba.addEventListener("click", function () {
        /* The link opens in a new tab at once; the message is on the clipboard to paste there. */
        copyText(messageOf().body).then(function () {
          var button = scope.querySelector('[data-send="copy"]');
          say(section, button ? button.getAttribute("data-copied") : "");
        }, function () {});
      });
    }
    return update;
  }

  /* --- the inquiry list, kept in the browser ---------------------------------------------------------- */

  function readList() {
    try {
      var items = JSON.parse(localStorage.getItem(STORE) || "[]");
      return Array.isArray(items) ? items.filter(function (item) {
        return item && typeof item.id === "string" && /^[a-z0-9]+(-[a-z0-9]+)*$/.test(item.id);
      }) : [];
    } catch (error) {
      return [];
    }
  }

  function writeList(items) {
    try {
      localStorage.setItem(STORE, JSON.stringify(items));
    } catch (error) { /* private browsing without storage: the list only lasts for this page */ }
    showCount(items.length);
  }

  /* What the buyer wrote in a quote form, but the product's own quantity: kept in the browser like the list,
     so the list's form starts with it and a reload of the list keeps it. */
  function saveDraft(form) {
    var draft = { documents: [] };
    var documents = form.querySelectorAll('input[name="documents"]');
    Array.prototype.forEach.call(form.elements, function (field) {
      if (!field.name || OWN_FIELDS[field.name]) return;
      if (field.type === "checkbox") {
        /* Documents by position: their values are the page language's names, the same list in every language. */
        if (field.name === "documents") {
          if (field.checked) draft.documents.push(Array.prototype.indexOf.call(documents, field));
        } else {
          draft[field.name] = field.checked;
        }
      } else {
        draft[field.name] = field.value;
      }
    });
    try {
      localStorage.setItem(DRAFT, JSON.stringify(draft));
    } catch (error) { /* no storage: the form keeps what it has for this page */ }
  }

  function restoreDraft(form) {
    var draft;
    try {
      draft = JSON.parse(localStorage.getItem(DRAFT) || "{}");
    } catch (error) {
      return;
    }
    if (!draft || typeof draft !== "object") return;
    var documents = form.querySelectorAll('input[name="documents"]');
    Array.prototype.forEach.call(form.elements, function (field) {
      if (!field.name || OWN_FIELDS[field.name] || !(field.name in draft)) return;
      var value = draft[field.name];
      if (field.type === "checkbox") {
        field.checked = Array.isArray(value) ? value.indexOf(Array.prototype.indexOf.call(documents, field)) !== -1 : value === true;
      } else if (typeof value === "string") {
        /* A select keeps its choice when the value is not among its options (an Incoterm only another page
           offered, "reply by" saved in another language). */
        var before = field.value;
        field.value = value;
        if (field.tagName === "SELECT" && field.value !== value) field.value = before;
      }
    });
  }

  /* The catalog language of this page (its folder: /zh/…), the key of a product's names in the list. */
  function pageLanguage() {
    var list = document.querySelector("[data-inquiry-list]");
    return (list && list.getAttribute("data-lang")) || document.documentElement.lang || "";
  }

  /* A product's name in this page's language when the list knows it, else the name it was added with. */
  function nameOf(item, lang) {
    return item.names && typeof item.names[lang] === "string" && item.names[lang] ? item.names[lang] : item.name;
  }

  function storageWorks() {
    try {
      localStorage.setItem(STORE + "-probe", "1");
      localStorage.removeItem(STORE + "-probe");
      return true;
    } catch (error) {
      return false;
    }
  }

  /* The nav tab of the list shows how many products are in it. */
  function showCount(count) {
    /* The list's page is <lang>/inquiry/ (generator/pages.py INQUIRY_LIST); on that page its own tab links to "./". */
    var tabs = Array.prototype.filter.call(document.querySelectorAll("a.md-tabs__link, a.md-nav__link"), function (link) {
      return /\/inquiry\/(index\.html)?$/.test(new URL(link.href, location.href).pathname);
    });
    tabs.concat(Array.prototype.slice.call(document.querySelectorAll("[data-basket-link]"))).forEach(function (link) {
      var base = link.getAttribute("data-label") || link.textContent.replace(/\s*\(\d+\)$/, "").trim();
      link.setAttribute("data-label", base);
      link.textContent = count ? base + " (" + count + ")" : base;
      if (link.hasAttribute("data-basket-link")) link.hidden = !count;
    });
  }

  /* A product page's "add to inquiry list" buttons, beside its facts and in the phone's sticky bar, made from
     its quote section: without the script they could do nothing, so the build writes none. */
  function addProductButtons(kit) {
    var section = document.querySelector("[data-inquiry][data-id]");
    if (!section || !kit.add) return;
    [document.querySelector(".vc-facts__actions"), document.querySelector("[data-stickybar]")].forEach(function (place) {
      if (!place) return;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "vc-button vc-add";
      button.hidden = true;
      button.textContent = kit.add;
      button.setAttribute("data-basket-add", section.getAttribute("data-id"));
      button.setAttribute("data-name", section.getAttribute("data-name"));
      ["contact", "unit", "family"].forEach(function (key) {
        if (section.hasAttribute("data-" + key)) button.setAttribute("data-" + key, section.getAttribute("data-" + key));
      });
      if (kit.added) button.setAttribute("data-added", kit.added);
      place.insertBefore(button, place.querySelector("[data-basket-link]"));
    });
  }

  function setupAddButtons() {
    var buttons = document.querySelectorAll("[data-basket-add]");
    if (!buttons.length || !storageWorks()) return;
    var inList = {};
    readList().forEach(function (item) { inList[item.id] = true; });
    var kit = window.vcKit || {};
    Array.prototype.forEach.call(buttons, function (button) {
      var id = button.getAttribute("data-basket-add");
      var added = button.getAttribute("data-added");
      function mark() {
        button.setAttribute("aria-pressed", "true");
        if (added) button.textContent = added;
      }
      /* A card's "+" takes its product's name from the card's title and its label from the kit: the build
         writes neither into every card. Without a label it stays hidden rather than unnamed. */
      if (!button.hasAttribute("data-name")) {
        var title = button.closest(".vc-card") ? button.closest(".vc-card").querySelector(".vc-card__title") : null;
        if (!title || !kit.add) return;
        var name = title.textContent.trim();
        button.setAttribute("data-name", name);
        button.setAttribute("aria-label", kit.add + ": " + name);
        button.title = kit.add;
      }
      button.hidden = false;
      if (inList[id]) mark();
      button.addEventListener("click", function () {
        var items = readList();
        /* On the product's own page, the quantity the buyer typed into its quote form goes along. */
        var form = document.querySelector('[data-inquiry][data-id="' + id + '"] [data-inquiry-form]');
        var asked = form && form.elements.quantity ? form.elements.quantity.value.trim() : "";
        var target = form && form.elements.target_price ? form.elements.target_price.value.trim() : "";
        var existing = items.filter(function (item) { return item.id === id; })[0];
        if (!existing) {
          var names = {};
          names[pageLanguage()] = button.getAttribute("data-name") || id;
          items.push({ id: id, name: button.getAttribute("data-name") || id, names: names, contact: button.getAttribute("data-contact") || "dealer",
                       unit: asked ? form.elements.unit.value : button.getAttribute("data-unit") || "",
                       family: button.getAttribute("data-family") || "", quantity: asked, target: target });
          writeList(items);
        } else if (asked || target) {
          if (asked) {
            existing.quantity = asked;
            existing.unit = form.elements.unit.value;
          }
          if (target) existing.target = target;
          writeList(items);
        }
        Array.prototype.forEach.call(document.querySelectorAll('[data-basket-add="' + id + '"]'), function (other) {
          other.setAttribute("aria-pressed", "true");
          if (other.getAttribute("data-added")) other.textContent = other.getAttribute("data-added");
        });
      });
    });
    showCount(readList().length);
  }

  /* Only the units that fit a product, in the order a buyer reaches for them: its own family (kg and tonnes
     for crab, never litres), then shipping containers, whose families are named container-… (one per size,
     site_config.yml). Without a family (a list kept by an older page) every unit stays. */
  function fitUnits(select, family) {
    if (!family) return;
    var own = [], containers = [];
    Array.prototype.slice.call(select.options).forEach(function (option) {
      var of = option.getAttribute("data-family") || "";
      if (of === family) own.push(option);
      else if (of.indexOf("container") === 0) containers.push(option);
      option.remove();
    });
    own.concat(containers).forEach(function (option) { select.appendChild(option); });
  }

  /* --- a product page's form -------------------------------------------------------------------------- */

  /* The form every product page of this language shares (kit.js, written once by the build), made
     this product's: the units of its family and then containers, its Incoterms before "other", and the
     sample question only where it offers samples. */
  function drawForm(kit, section) {
    var holder = document.createElement("template");
    holder.innerHTML = kit.form;
    var form = holder.content.querySelector("[data-inquiry-form]");
    var unit = form.elements.unit;
    fitUnits(unit, section.getAttribute("data-family"));
    var incoterm = form.elements.incoterm;
    /* Each term is its text, or [shown, sent] where the place is written per language (views.incoterm_choice). */
    JSON.parse(section.getAttribute("data-terms") || "[]").forEach(function (term) {
      var pair = Array.isArray(term) ? term : [term, term];
      incoterm.insertBefore(new Option(pair[0], pair[1]), incoterm.options[incoterm.options.length - 1]);
    });
    if (!section.hasAttribute("data-samples")) form.elements.sample.closest(".vc-field").remove();
    section.insertBefore(form, section.querySelector(".vc-send__title"));
    unit.value = section.getAttribute("data-unit");
    return form;
  }

  /* "Below the minimum order of 500 kg" while the buyer asks for less than the MOQ in a unit of its family
     (0.2 tonne of a 500 kg MOQ); nothing for another family (containers), whose weight the form cannot know. */
  function noteMoq(kit, section, form) {
    var note = form.querySelector("[data-moq-note]");
    var moq = Number(section.getAttribute("data-moq"));
    var own = form.elements.unit.querySelector('option[value="' + section.getAttribute("data-unit") + '"]');
    if (!note || !kit.below_moq || !moq || !own) return;
    var chosen = form.elements.unit.selectedOptions[0];
    var asked = Number(form.elements.quantity.value);
    var below = asked > 0 && chosen && chosen.getAttribute("data-family") === own.getAttribute("data-family") &&
      asked * Number(chosen.getAttribute("data-base")) < moq * Number(own.getAttribute("data-base"));
    var lang = document.documentElement.lang || undefined;
    note.textContent = below ? kit.below_moq.replace("{moq}", amount(moq.toLocaleString(lang), unitLabel(own, moq))) : "";
    note.hidden = !below;
  }

  /* A reply address the dealer could not use ("测试" as an e-mail, a WhatsApp number without its country
     code) is said under it once the buyer leaves the field: said, never blocking. */
  function noteReply(form, typing) {
    var note = form.querySelector("[data-reply-note]");
    var via = form.elements.reply_via ? form.elements.reply_via.selectedOptions[0] : null;
    if (!note || !via) return;
    var text = form.elements.reply.value.trim();
    var pattern = via.getAttribute("data-pattern");
    var wrong = text !== "" && pattern !== null && !new RegExp(pattern).test(text);
    if (typing && !wrong) note.hidden = true;  /* while typing only ever cleared, never raised */
    if (typing) return;
    note.textContent = wrong ? via.getAttribute("data-check") : "";
    note.hidden = !wrong;
  }

  function watchReply(form) {
    if (!form.elements.reply) return;
    form.elements.reply.addEventListener("input", function () { noteReply(form, true); });
    form.elements.reply.addEventListener("change", function () { noteReply(form, false); });
    form.elements.reply_via.addEventListener("change", function () { noteReply(form, false); });
  }

  /* The kit's message about this product: the page's own lines filled in, no sample line where none is offered. */
  function productLayout(kit, section) {
    return {
      subject: kit.layout.subject + ": " + section.getAttribute("data-product"),
      lines: kit.layout.lines.filter(function (line) { return line.field !== "sample" || section.hasAttribute("data-samples"); })
    };
  }

  function setupProductInquiry(section) {
    var kit = window.vcKit;
    /* Without the kit, or on a page from before it (met while a publish is half-way), the links keep the
       build's message, as without JavaScript. */
    if (!kit || !section.hasAttribute("data-product") || section.querySelector("[data-inquiry-form]")) return;
    var form = drawForm(kit, section);
    var layout = productLayout(kit, section);
    var canonical = document.querySelector('link[rel="canonical"]');
    var about = { product: section.getAttribute("data-product"), producer: section.getAttribute("data-producer"),
                  page: canonical ? canonical.href : location.href };
    var recipient = { email: section.getAttribute("data-email"), whatsapp: section.getAttribute("data-whatsapp") };
    var update = wireSend(section, section, recipient, function () {
      var values = formValues(form);
      Object.keys(about).forEach(function (key) { values[key] = about[key]; });
      return compose(layout, values, kit.blank);
    });
    var copyItem = section.querySelector(".vc-send__copy");
    if (copyItem && navigator.clipboard) copyItem.hidden = false;
    form.addEventListener("input", update);
    form.addEventListener("change", update);
    form.addEventListener("input", function () { saveDraft(form); noteMoq(kit, section, form); });
    form.addEventListener("change", function () { saveDraft(form); noteMoq(kit, section, form); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    watchReply(form);
    update();
  }

  /* --- the inquiry list page -------------------------------------------------------------------------- */

  function setupList(section) {
    var lang = section.getAttribute("data-lang") || "";
    var layout = JSON.parse(section.getAttribute("data-layout"));
    var contacts = JSON.parse(section.getAttribute("data-contacts"));
    var blank = section.getAttribute("data-blank");
    var products = section.getAttribute("data-products");
    var list = section.querySelector("[data-basket-items]");
    var empty = section.querySelector("[data-basket-empty]");
    var groups = section.querySelector("[data-send-groups]");
    var groupTemplate = section.querySelector("template[data-send-group]");
    var unitOptions = section.querySelector("template[data-unit-options]").innerHTML;
    var form = section.querySelector("[data-inquiry-form]");
    var needsJs = document.querySelector("[data-needs-js]");
    if (needsJs) needsJs.hidden = true;
    section.hidden = false;
    var updaters = [];

    function pageOf(id) {
      /* A preview opened from disk has no server to answer a folder with its index.html. */
      return new URL(products + id + "/" + (location.protocol === "file:" ? "index.html" : ""), location.href).href;
    }

    /* "目标价格 (Target price)": the message's own label for the field, so an item's price reads as the form's does. */
    var targetLine = layout.lines.filter(function (line) { return line.field === "target_price" && line.label; })[0];
    var targetLabel = targetLine ? labelText(targetLine.label) : "";

    function itemsText(items) {
      return items.map(function (item, index) {
        var asked = item.quantity ? " — " + (item.unitName ? amount(item.quantity, item.unitName) : item.quantity) : "";
        var target = typeof item.target === "string" && item.target ? "\n   " + targetLabel + ": " + item.target : "";
        return (index + 1) + ". " + nameOf(item, lang) + " (" + item.id + ")" + asked + target + "\n   " + pageOf(item.id);
      }).join("\n");
    }

    function render() {
      var items = readList();
      list.innerHTML = "";
      groups.innerHTML = "";
      updaters = [];
      empty.hidden = items.length !== 0;
      form.hidden = items.length === 0;
      var byContact = {};
      var order = [];
      items.forEach(function (item) {
        var key = contacts[item.contact] ? item.contact : "dealer";
        if (!byContact[key]) { byContact[key] = []; order.push(key); }
        byContact[key].push(item);
        var row = document.createElement("li");
        row.className = "vc-basket__item";
        var link = document.createElement("a");
        link.href = pageOf(item.id);
        link.textContent = nameOf(item, lang);
        var quantity = document.createElement("input");
        quantity.type = "number";
        quantity.min = "0";
        quantity.step = "any";
        quantity.inputMode = "decimal";
        quantity.value = item.quantity || "";
        quantity.setAttribute("aria-label", section.getAttribute("data-quantity") + ": " + nameOf(item, lang));
        var unit = document.createElement("select");
        unit.innerHTML = unitOptions;
        fitUnits(unit, item.family);
        unit.setAttribute("aria-label", section.getAttribute("data-quantity") + ": " + nameOf(item, lang));
        if (item.unit) unit.value = item.unit;
        var remove = document.createElement("button");
        remove.type = "button";
        remove.className = "vc-button vc-basket__remove";
        remove.textContent = section.getAttribute("data-remove");
        function save() {
          var all = readList();
          all.forEach(function (other) {
            if (other.id === item.id) { other.quantity = quantity.value.trim(); other.unit = unit.value; }
          });
          item.quantity = quantity.value.trim();
          item.unit = unit.value;
          item.unitName = unitName(unit, item.quantity);
          writeList(all);
          refresh();
        }
        item.unitName = unitName(unit, item.quantity || "");
        quantity.addEventListener("input", save);
        unit.addEventListener("change", save);
        remove.addEventListener("click", function () {
          writeList(readList().filter(function (other) { return other.id !== item.id; }));
          render();
        });
        var amount = document.createElement("span");
        amount.className = "vc-basket__amount";
        amount.appendChild(quantity);
        amount.appendChild(unit);
        row.appendChild(link);
        row.appendChild(amount);
        row.appendChild(remove);
        list.appendChild(row);
      });
      order.forEach(function (key) {
        var contact = contacts[key];
        var group = groupTemplate.content.firstElementChild.cloneNode(true);
        /* "To Agen Palu · 3 products": how many of the list's products this message asks about. */
        var count = byContact[key].length;
        var counted = section.getAttribute(new Intl.PluralRules(document.documentElement.lang || undefined).select(count) === "one" ?
          "data-count-one" : "data-count-other") || "{count}";
        group.querySelector(".vc-send-group__to").textContent =
          section.getAttribute("data-to").replace("{name}", contact.name) + " · " + counted.replace("{count}", count);
        Array.prototype.forEach.call(group.querySelectorAll("[data-if]"), function (element) {
          element.hidden = !contact[element.getAttribute("data-if")];
        });
        var email = group.querySelector('[data-show="email"]');
        if (email) email.textContent = contact.email;
        var whatsapp = group.querySelector('[data-show="whatsapp_display"]');
        if (whatsapp) whatsapp.textContent = contact.whatsapp_display || "";
        var wechat = group.querySelector('[data-show="wechat"]');
        if (wechat) wechat.textContent = contact.wechat ? wechat.getAttribute("data-label") + ": " + contact.wechat : "";
        var alibaba = group.querySelector('[data-send="alibaba"]');
        if (alibaba && contact.alibaba) alibaba.href = contact.alibaba;
        groups.appendChild(group);
        var update = wireSend(group, section, contact, function () {
          var values = formValues(form);
          values.items = itemsText(byContact[key]);
          return compose(layout, values, blank);
        });
        updaters.push(update);
      });
      sayHowMany(order.length);
      refresh();
    }

    function refresh() {
      updaters.forEach(function (update) { update(); });
    }

    /* Products answered by different contacts make one message each: a buyer who sends the first must know
       there are more. */
    function sayHowMany(count) {
      var several = section.querySelector("[data-send-several]");
      if (!several) return;
      several.textContent = count > 1 ? several.getAttribute("data-send-several").split("{count}").join(count) : "";
      several.hidden = count < 2;
    }

    /* A product added on a page in another language is named here as this language names it: read once from
       its page here (its quote section's data-name), then kept in the list. Offline, or opened from disk, the
       name it was added with stays. */
    function learnNames() {
      var missing = readList().filter(function (item) { return !(item.names && item.names[lang]); });
      if (!missing.length || location.protocol === "file:" || !window.fetch || !window.DOMParser) return;
      Promise.all(missing.map(function (item) {
        return fetch(pageOf(item.id)).then(function (response) {
          return response.ok ? response.text() : "";
        }).then(function (html) {
          var found = html && new DOMParser().parseFromString(html, "text/html").querySelector("[data-inquiry][data-name]");
          return found ? [item.id, found.getAttribute("data-name")] : null;
        }).catch(function () { return null; });
      })).then(function (learned) {
        var all = readList();
        var changed = false;
        learned.forEach(function (pair) {
          if (!pair || !pair[1]) return;
          all.forEach(function (item) {
            if (item.id !== pair[0]) return;
            item.names = item.names && typeof item.names === "object" ? item.names : {};
            item.names[lang] = pair[1];
            changed = true;
          });
        });
        if (changed) {
          writeList(all);
          render();
        }
      });
    }

    restoreDraft(form);
    /* On a shared computer the next person should not find this buyer's name and address in the form. */
    var clear = section.querySelector("[data-clear-draft]");
    if (clear) clear.addEventListener("click", function () {
      try {
        localStorage.removeItem(DRAFT);
      } catch (error) { /* no storage: there was no draft to forget */ }
      form.reset();
      noteReply(form, false);
      refresh();
      form.querySelector("input, select, textarea").focus();
    });
    watchReply(form);
    noteReply(form, false);
    form.addEventListener("input", refresh);
    form.addEventListener("change", refresh);
    form.addEventListener("input", function () { saveDraft(form); });
    form.addEventListener("change", function () { saveDraft(form); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    window.addEventListener("storage", function (event) { if (event.key === STORE) render(); });
    render();
    learnNames();
  }

  function init() {
    addProductButtons(window.vcKit || {});
    setupAddButtons();
    Array.prototype.forEach.call(document.querySelectorAll("[data-inquiry]"), setupProductInquiry);
    Array.prototype.forEach.call(document.querySelectorAll("[data-inquiry-list]"), setupList);
    showCount(readList().length);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
