/* panelcare ideas board: the customer's view of the tenant's public ideas. Loaded by the
   loader only when a page shows the `ideas` kind (or the host API opens it), so panels that
   never show ideas never download it; it has a budget of its own (20 KiB brotli, checked by
   `cargo xtask test`). Same mount signature as the widget's wasm: mount(container, kind,
   host, base) → { destroy, setLang }. Draws with DOM calls only (no HTML strings), so
   nothing the server or another customer wrote can become markup. */

// The three languages' texts. `{n}` is a number; plurals pick a form with Intl.PluralRules.
var TEXTS = {
  en: {
    title: "Ideas", intro: "Vote for what you want next, or suggest something new.",
    top: "Top", new: "New", planned: "Planned", shipped: "Shipped", mine: "My votes",
    tabs: "Ideas lists", votes: ["{n} vote", "{n} votes", "{n} votes"],
    vote: "Vote", voted: "Voted", unvote: "Take back my vote", by: "by {a}",
    answer: "Our answer", empty: "No ideas here yet.", emptyMine: "You have not voted for any idea yet.",
    loading: "Loading…", failed: "The ideas could not be loaded.", retry: "Try again",
    off: "There is no ideas board here.",
    suggest: "Suggest an idea", label: "Your idea",
    hint: "Everyone here can read and vote for your idea.",
    similar: "Similar ideas: vote for one instead?", instead: "Vote for this instead",
    send: "Share my idea", sentNow: "Thank you! Your idea is on the board.",
    sentLater: "Thank you! Your idea will appear once our team has looked at it.",
    votedInstead: "Thank you! Your vote was added.",
    news: "Updates on ideas you voted for", gotIt: "Got it",
    nowStatus: "“{t}” is now {s}.", merged: "“{t}” was merged into “{i}”, which has your vote now.",
    required: "Write your idea first.", tooLong: "This is too long.", badChars: "This contains characters that are not allowed.",
    error: "Something went wrong. Please try again.", busy: "That was a lot at once. Please wait a minute and try again.", network: "We could not reach the server. Please try again.",
    status: { open: "Open", under_review: "Under review", planned: "Planned", in_progress: "In progress", shipped: "Shipped", declined: "Declined" }
  },
  ru: {
    title: "Идеи", intro: "Голосуйте за то, что нужно вам, или предложите новое.",
    top: "Лучшие", new: "Новые", planned: "В планах", shipped: "Готово", mine: "Мои голоса",
    tabs: "Списки идей", votes: ["{n} голос", "{n} голоса", "{n} голосов"],
    vote: "Голосовать", voted: "Вы голосовали", unvote: "Отозвать голос", by: "автор: {a}",
    answer: "Наш ответ", empty: "Здесь пока нет идей.", emptyMine: "Вы ещё не голосовали ни за одну идею.",
    loading: "Загрузка…", failed: "Не удалось загрузить идеи.", retry: "Повторить",
    off: "Здесь нет доски идей.",
    suggest: "Предложить идею", label: "Ваша идея",
    hint: "Вашу идею смогут прочитать и поддержать все клиенты.",
    similar: "Похожие идеи: может, проголосовать за одну из них?", instead: "Проголосовать за эту",
    send: "Опубликовать идею", sentNow: "Спасибо! Ваша идея опубликована.",
    sentLater: "Спасибо! Идея появится после проверки нашей командой.",
    votedInstead: "Спасибо! Ваш голос учтён.",
    news: "Новости об идеях, за которые вы голосовали", gotIt: "Понятно",
    nowStatus: "«{t}»: теперь {s}.", merged: "«{t}» объединена с «{i}», ваш голос перенесён.",
    required: "Сначала опишите идею.", tooLong: "Слишком длинный текст.", badChars: "Текст содержит недопустимые символы.",
    error: "Что-то пошло не так. Попробуйте ещё раз.", busy: "Слишком много действий подряд. Подождите минуту и попробуйте снова.", network: "Не удалось связаться с сервером. Попробуйте ещё раз.",
    status: { open: "Открыта", under_review: "На рассмотрении", planned: "В планах", in_progress: "В работе", shipped: "Готово", declined: "Отклонена" }
  },
  sr: {
    title: "Ideje", intro: "Glasajte za ono što želite sledeće ili predložite nešto novo.",
    top: "Najbolje", new: "Nove", planned: "Planirano", shipped: "Urađeno", mine: "Moji glasovi",
    tabs: "Spiskovi ideja", votes: ["{n} glas", "{n} glasa", "{n} glasova"],
    vote: "Glasaj", voted: "Glasali ste", unvote: "Povuci glas", by: "autor: {a}",
    answer: "Naš odgovor", empty: "Ovde još nema ideja.", emptyMine: "Još niste glasali ni za jednu ideju.",
    loading: "Učitavanje…", failed: "Ideje nisu mogle da se učitaju.", retry: "Pokušaj ponovo",
    off: "Ovde nema table sa idejama.",
    suggest: "Predložite ideju", label: "Vaša ideja",
    hint: "Svi ovde mogu da pročitaju vašu ideju i glasaju za nju.",
    similar: "Slične ideje: da li biste radije glasali za neku od njih?", instead: "Glasaj za ovu",
    send: "Podeli ideju", sentNow: "Hvala! Vaša ideja je na tabli.",
    sentLater: "Hvala! Ideja će se pojaviti kada je naš tim pregleda.",
    votedInstead: "Hvala! Vaš glas je dodat.",
    news: "Novosti o idejama za koje ste glasali", gotIt: "Razumem",
    nowStatus: "„{t}“ je sada: {s}.", merged: "„{t}“ je spojena sa „{i}“, koja sada ima vaš glas.",
    required: "Prvo opišite ideju.", tooLong: "Tekst je predugačak.", badChars: "Tekst sadrži nedozvoljene znakove.",
    error: "Nešto nije u redu. Pokušajte ponovo.", busy: "Previše radnji odjednom. Sačekajte minut i pokušajte ponovo.", network: "Server nije dostupan. Pokušajte ponovo.",
    status: { open: "Otvorena", under_review: "U razmatranju", planned: "Planirana", in_progress: "U izradi", shipped: "Urađeno", declined: "Odbijena" }
  }
};
var VIEWS = ["top", "new", "planned", "shipped", "mine"];
// The board's own layout, beside the widget's stylesheet the loader put in the shadow root.
// A constructed stylesheet: a strict Content-Security-Policy allows it, unlike a <style>.
var CSS = ".pc-tabs{margin:12px 0}" +
  ".pc-tabs .pc-chip{padding:5px 12px;border:1px solid var(--pc-border);border-radius:999px;background:var(--pc-bg);color:var(--pc-fg);font:inherit;font-size:13px}" +
  ".pc-tabs .pc-chip:hover{border-color:var(--pc-primary)}" +
  ".pc-tabs .pc-on{background:var(--pc-primary);border-color:var(--pc-primary);color:var(--pc-primary-text);font-weight:600}" +
  ".pc-tabs .pc-chip:focus-visible{outline:2px solid var(--pc-focus);outline-offset:2px}" +
  ".pc-idea{display:flex;gap:12px;align-items:flex-start}" +
  ".pc-idea-votes{display:flex;flex-direction:column;align-items:center;gap:4px;min-width:96px}" +
  ".pc-idea-body{flex:1;min-width:0}.pc-idea .pc-text{white-space:pre-wrap;overflow-wrap:anywhere;margin:4px 0}" +
  ".pc-news ul{margin:4px 0 8px;padding-left:18px}.pc-ideas .pc-subtitle{margin-top:16px}";
var MAX_CHARS = 4000;

// The language a locale asks for: ru, sr (Latin) or English.
function langOf(locale) {
  var l = String(locale || "").toLowerCase();
  return l.indexOf("ru") === 0 ? "ru" : l.indexOf("sr") === 0 ? "sr" : "en";
}

// An element with attributes (on… are listeners) and children (strings become text).
function h(tag, attrs) {
  var el = document.createElement(tag);
  Object.keys(attrs || {}).forEach(function (k) {
    var v = attrs[k];
    if (v == null || v === false) return;
    if (k.slice(0, 2) === "on") el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? "" : v);
  });
  for (var i = 2; i < arguments.length; i++) {
    var c = arguments[i];
    (Array.isArray(c) ? c : [c]).forEach(function (x) {
      if (x != null && x !== false) el.appendChild(typeof x === "object" ? x : document.createTextNode(String(x)));
    });
  }
  return el;
}

// `{n}`, `{t}`… filled in one pass, so a title holding "{s}" or "$&" stays as written.
function fill(template, values) {
  return template.replace(/\{(\w)\}/g, function (m, k) { return k in values ? String(values[k]) : m; });
}

function uuid() {
  return crypto.randomUUID ? crypto.randomUUID() :
    "10000000-1000-4000-8000-100000000000".replace(/[018]/g, function (c) {
      return (c ^ crypto.getRandomValues(new Uint8Array(1))[0] & 15 >> c / 4).toString(16);
    });
}

export function mount(container, kind, host, base) {
  var lang = "en";
  var t = TEXTS.en;
  var view = "top";
  var alive = true;
  var draftKey = null; // the idempotency key of the idea being sent, kept across retries
  var similarTimer = 0;
  var similarAsked = 0;
  var loads = 0; // the newest list asked for: older answers are dropped
  var draftText = ""; // kept when the view is drawn again in another language
  var shadow = container.getRootNode();
  if (shadow.adoptedStyleSheets && !shadow.pcIdeas) {
    var sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
    shadow.adoptedStyleSheets = shadow.adoptedStyleSheets.concat(sheet);
    shadow.pcIdeas = true;
  }
  // Drawn hidden until the branding, the updates and the first list are in, so nothing inside
  // the box moves as they arrive (the widget's other views do the same).
  var root = h("div", { class: "pc-body", hidden: true });
  container.appendChild(h("section", { class: "pc-root pc-panel pc-ideas", "aria-labelledby": "pc-ideas-title" }, root));

  // One API call with the customer's token; resolves to the JSON answer (or null for 204),
  // rejects with { status, body } or { network: true }.
  function api(method, path, body, key) {
    return host.identity().then(function (id) {
      var headers = { Authorization: "Bearer " + id.token, Accept: "application/json" };
      if (body !== undefined) headers["Content-Type"] = "application/json";
      if (key) headers["Idempotency-Key"] = key;
      // Through the loader's fetch, which tells the page's API what happened (updates seen);
      // a page still running a loader from before it had one fetches directly.
      return (host.fetch || fetch)(base + "/api/v1" + path, {
        method: method, headers: headers, body: body === undefined ? undefined : JSON.stringify(body)
      }).then(function (r) {
        if (r.status === 204) return null;
        return r.json().catch(function () { return null; }).then(function (j) {
          if (r.ok) return j;
          throw { status: r.status, body: j };
        });
      }, function () { throw { network: true }; });
    });
  }

  function plural(forms, n) {
    var rule = new Intl.PluralRules(lang === "sr" ? "sr-Latn" : lang).select(n);
    var f = lang === "en" ? (n === 1 ? forms[0] : forms[2]) :
      rule === "one" ? forms[0] : rule === "few" ? forms[1] : forms[2];
    return fill(f, { n: n });
  }

  // The tenant's look, as the widget applies it.
  var branded = api("GET", "/branding").then(function (b) {
    var s = container.style;
    [["--pc-primary", b.primary], ["--pc-focus", b.focus], ["--pc-star", b.accent],
      ["--pc-radius", b.radius != null ? b.radius + "px" : ""], ["--pc-font", b.font]].forEach(function (p) {
      if (p[1]) s.setProperty(p[0], p[1]);
    });
  }).catch(function () {});

  var live = h("div", { class: "pc-live", role: "status", "aria-live": "polite" });
  var newsBox = h("div", { class: "pc-news" });
  var tabs = h("div", { class: "pc-chip-row pc-tabs", role: "tablist" });
  var list = h("div", { class: "pc-list", role: "tabpanel", id: "pc-ideas-panel", tabindex: "-1" });
  var form = h("form", { class: "pc-form", novalidate: true });

  // A refusal in words: no connection, too many at once (429), or anything else.
  function failed(e) {
    say(e.network ? t.network : e.status === 429 ? t.busy : t.error, "pc-error");
  }

  function say(text, tone) {
    live.textContent = "";
    if (text) live.appendChild(h("p", { class: "pc-notice " + (tone || "pc-ok") }, text));
  }

  function draw() {
    root.textContent = "";
    root.appendChild(h("header", { class: "pc-head" },
      h("h2", { id: "pc-ideas-title", class: "pc-title" }, t.title),
      h("p", { class: "pc-intro" }, t.intro)));
    root.appendChild(live);
    root.appendChild(newsBox);
    tabs.setAttribute("aria-label", t.tabs);
    tabs.textContent = "";
    VIEWS.forEach(function (v) {
      tabs.appendChild(h("button", {
        type: "button", role: "tab", id: "pc-ideas-tab-" + v, class: "pc-chip" + (v === view ? " pc-on" : ""),
        "aria-selected": v === view ? "true" : "false", "aria-controls": "pc-ideas-panel",
        tabindex: v === view ? "0" : "-1",
        onclick: function () { choose(v); },
        onkeydown: function (e) {
          var at = VIEWS.indexOf(v);
          var i = e.key === "ArrowRight" ? at + 1 : e.key === "ArrowLeft" ? at - 1 :
            e.key === "Home" ? 0 : e.key === "End" ? VIEWS.length - 1 : at;
          if (i === at) return;
          e.preventDefault();
          choose(VIEWS[(i + VIEWS.length) % VIEWS.length]);
        }
      }, t[v]));
    });
    root.appendChild(tabs);
    list.setAttribute("aria-labelledby", "pc-ideas-tab-" + view);
    root.appendChild(list);
    drawForm();
    root.appendChild(form);
  }

  // Another list: the tabs change state in place (the form and its draft stay as they are)
  // and the chosen tab keeps the focus, however it was chosen.
  function choose(v) {
    view = v;
    tabs.querySelectorAll("[role=tab]").forEach(function (b) {
      var on = b.id === "pc-ideas-tab-" + v;
      b.setAttribute("aria-selected", on ? "true" : "false");
      b.setAttribute("tabindex", on ? "0" : "-1");
      b.className = "pc-chip" + (on ? " pc-on" : "");
    });
    list.setAttribute("aria-labelledby", "pc-ideas-tab-" + v);
    tabs.querySelector("#pc-ideas-tab-" + v).focus();
    load();
  }

  function load() {
    list.setAttribute("aria-busy", "true");
    list.textContent = "";
    list.appendChild(h("p", { class: "pc-muted" }, t.loading));
    var asked = ++loads;
    return api("GET", "/ideas?view=" + view).then(function (r) {
      if (!alive || asked !== loads) return;
      list.removeAttribute("aria-busy");
      list.textContent = "";
      if (!r.items.length) list.appendChild(h("p", { class: "pc-muted" }, view === "mine" ? t.emptyMine : t.empty));
      r.items.forEach(function (idea) { list.appendChild(item(idea)); });
    }, function (e) {
      if (!alive || asked !== loads) return;
      list.removeAttribute("aria-busy");
      list.textContent = "";
      if (e.status === 404) { root.textContent = ""; root.appendChild(h("p", { class: "pc-muted" }, t.off)); return; }
      list.appendChild(h("p", { class: "pc-alert", role: "alert" }, t.failed, " ",
        h("button", { type: "button", class: "pc-link", onclick: load }, t.retry)));
    });
  }

  function statusTag(s) {
    var css = { open: "new", under_review: "review", planned: "planned", in_progress: "planned", shipped: "done", declined: "declined" }[s];
    return h("span", { class: "pc-tag pc-status-" + css }, t.status[s] || s);
  }

  // One idea: its votes and vote button first (as boards show them), then its text.
  function item(idea) {
    // The title is the text's first line: the rest, if any, below it (not the title twice).
    var rest = idea.body.indexOf(idea.title) === 0 ? idea.body.slice(idea.title.length).trim() : idea.body;
    var button = h("button", {
      type: "button", class: "pc-button" + (idea.voted ? " pc-primary" : ""),
      "aria-pressed": idea.voted ? "true" : "false",
      "aria-label": (idea.voted ? t.unvote : t.vote) + ": " + idea.title,
      onclick: function () {
        button.disabled = true;
        api(idea.voted ? "DELETE" : "PUT", "/ideas/" + encodeURIComponent(idea.id) + "/vote").then(function (now) {
          var fresh = item(now);
          el.replaceWith(fresh);
          fresh.querySelector("button").focus();
        }, function (e) {
          button.disabled = false;
          failed(e);
        });
      }
    }, idea.voted ? t.voted : t.vote);
    var el = h("article", { class: "pc-item pc-idea", "data-idea": idea.id },
      h("div", { class: "pc-idea-votes" }, h("span", { class: "pc-count" }, plural(t.votes, idea.votes)), button),
      h("div", { class: "pc-idea-body" },
        h("h3", { class: "pc-subject" }, idea.title, " ", statusTag(idea.status)),
        rest ? h("p", { class: "pc-text" }, rest) : null,
        idea.author ? h("p", { class: "pc-item-meta" }, fill(t.by, { a: idea.author })) : null,
        idea.answer ? h("div", { class: "pc-answer" }, h("p", { class: "pc-answer-title" }, t.answer), h("p", {}, idea.answer)) : null));
    return el;
  }

  // Updates on ideas the customer voted for, until they say they have seen them.
  function news() {
    return api("GET", "/ideas/news").then(function (r) {
      if (!alive) return;
      newsBox.textContent = "";
      if (!r.items.length) return;
      var ul = h("ul", {});
      r.items.forEach(function (u) {
        ul.appendChild(h("li", {}, u.kind === "merged"
          ? fill(t.merged, { t: u.title, i: u.into_title || "" })
          : fill(t.nowStatus, { t: u.title, s: t.status[u.status] || u.status })));
      });
      var seen = h("button", {
        type: "button", class: "pc-button", onclick: function () {
          api("POST", "/ideas/news/seen", { ids: r.items.map(function (u) { return u.id; }) }).then(function () {
            newsBox.textContent = "";
            tabs.querySelector("[aria-selected=true]").focus();
          }, failed);
        }
      }, t.gotIt);
      newsBox.appendChild(h("div", { class: "pc-notice pc-warn", role: "region", "aria-label": t.news },
        h("p", { class: "pc-answer-title" }, t.news), ul, seen));
    }, function () {});
  }

  function drawForm() {
    form.textContent = "";
    var area = h("textarea", {
      id: "pc-idea-message", class: "pc-textarea", rows: "3", "aria-describedby": "pc-idea-hint",
      oninput: function () {
        draftText = area.value;
        draftKey = null;
        if (!error.hidden) {
          error.hidden = true;
          area.removeAttribute("aria-invalid");
          area.setAttribute("aria-describedby", "pc-idea-hint");
        }
        clearTimeout(similarTimer);
        similarTimer = setTimeout(function () { similar(area.value); }, 300);
      }
    });
    area.value = draftText;
    var error = h("p", { id: "pc-idea-error", class: "pc-field-error", hidden: true });
    var found = h("div", { class: "pc-suggestions", "aria-live": "polite" });
    var send = h("button", { type: "submit", class: "pc-button pc-primary" }, t.send);
    form.onsubmit = function (e) {
      e.preventDefault();
      var text = area.value.trim();
      var problem = !text ? t.required : Array.from(text).length > MAX_CHARS ? t.tooLong : null;
      if (problem) return invalid(problem);
      draftKey = draftKey || uuid();
      send.disabled = true;
      api("POST", "/feedback", { category: "idea", message: text, share: true }, draftKey).then(function (fb) {
        if (!alive) return;
        send.disabled = false;
        draftKey = null;
        similarAsked++;
        clearTimeout(similarTimer);
        area.value = draftText = "";
        found.textContent = "";
        api("GET", "/ideas/board").then(function (b) { say(b.moderated ? t.sentLater : t.sentNow); load(); });
        container.dispatchEvent(new CustomEvent("panelcare:feedback-sent", { bubbles: true, composed: true, detail: { id: fb.id, idea: true } }));
      }, function (err) {
        send.disabled = false;
        var f = err.body && err.body.error && err.body.error.fields;
        var code = f && f[0] && f[0].code;
        if (err.status === 422 && code) {
          invalid(code === "too_long" ? t.tooLong : code === "forbidden_characters" ? t.badChars : code === "required" ? t.required : t.error);
        } else failed(err);
      });
    };
    function invalid(text) {
      error.textContent = text;
      error.hidden = false;
      area.setAttribute("aria-invalid", "true");
      area.setAttribute("aria-describedby", "pc-idea-hint pc-idea-error");
      area.focus();
    }
    function similar(text) {
      var asked = ++similarAsked;
      if (text.trim().length < 3) { found.textContent = ""; return; }
      api("GET", "/ideas/similar?q=" + encodeURIComponent(text.slice(0, 200))).then(function (r) {
        if (!alive || asked !== similarAsked) return;
        found.textContent = "";
        var offer = r.items.filter(function (i) { return !i.voted; });
        if (!offer.length) return;
        found.appendChild(h("p", { class: "pc-hint" }, t.similar));
        found.appendChild(h("ul", { class: "pc-list" }, offer.map(function (idea) {
          return h("li", {}, idea.title, " (", plural(t.votes, idea.votes), ") ",
            h("button", {
              type: "button", class: "pc-link", "aria-label": t.instead + ": " + idea.title,
              onclick: function () {
                api("POST", "/ideas/" + encodeURIComponent(idea.id) + "/instead").then(function () {
                  area.value = draftText = "";
                  draftKey = null;
                  similarAsked++;
                  found.textContent = "";
                  say(t.votedInstead);
                  load();
                  area.focus();
                }, failed);
              }
            }, t.instead));
        })));
      }, function () {});
    }
    form.appendChild(h("h3", { class: "pc-subtitle" }, t.suggest));
    form.appendChild(h("div", { class: "pc-field" },
      h("label", { for: "pc-idea-message", class: "pc-label" }, t.label), area,
      h("p", { id: "pc-idea-hint", class: "pc-hint" }, t.hint), error));
    form.appendChild(found);
    form.appendChild(h("div", { class: "pc-actions" }, send));
  }

  function setLang(locale) {
    lang = langOf(locale);
    t = TEXTS[lang];
    draw();
    return load();
  }

  // The customer's language from the host, then the board, shown once all of it is in.
  host.context().then(function (c) { return c && c.locale; }, function () { return null; })
    .then(function (locale) {
      if (!alive) return;
      return Promise.all([setLang(locale), news(), branded]);
    })
    .then(function () { root.hidden = false; });

  return {
    destroy: function () { alive = false; clearTimeout(similarTimer); container.textContent = ""; },
    setLang: setLang
  };
}
