/* CHINAOCS summit site: the viewer's own local time, event status against the current clock, and the
 * schedule's filters. No third-party code; nothing is fetched. Without JavaScript the pages keep the
 * text of the build, which is correct as of the build. */
(function () {
  "use strict";

  var lang = document.documentElement.lang || "en";
  var zh = lang.indexOf("zh") === 0;

  function formatter(options) {
    return new Intl.DateTimeFormat(lang, options);
  }

  var dayFormat = formatter({ weekday: "short", month: "short", day: "numeric" });
  var timeFormat = formatter({ hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  var zoneFormat = formatter({ timeZoneName: "short" });

  function zoneName(date) {
    var part = zoneFormat.formatToParts(date).filter(function (p) { return p.type === "timeZoneName"; })[0];
    return part ? part.value : "";
  }

  function sameDay(a, b) {
    return dayFormat.format(a) === dayFormat.format(b);
  }

  /** "Sun, Apr 14 23:00–01:30 PDT" in the viewer's zone. */
  function span(start, end) {
    var text = dayFormat.format(start) + " " + timeFormat.format(start);
    if (end > start) {
      text += sameDay(start, end)
        ? "–" + timeFormat.format(end)
        : " – " + dayFormat.format(end) + " " + timeFormat.format(end);
    }
    return text + " " + zoneName(start);
  }

  function viewerTimes(root) {
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
    root.querySelectorAll(".summit-viewer-time").forEach(function (el) {
      var start = new Date(el.dataset.start);
      var end = new Date(el.dataset.end);
      if (isNaN(start)) return;
      var label = el.dataset.label + (zone ? (zh ? "（" + zone + "）" : " (" + zone + ")") : "");
      el.textContent = zh
        ? "（" + label + "：" + span(start, end) + "）"
        : "(" + label + ": " + span(start, end) + ")";
      el.hidden = false;
    });
  }

  function statuses(root, now) {
    root.querySelectorAll(".summit-status").forEach(function (el) {
      var start = new Date(el.dataset.start);
      var end = new Date(el.dataset.end);
      if (isNaN(start)) return;
      var state = now < start ? "upcoming" : (now < end || (now.getTime() === start.getTime()) ? "now" : "past");
      el.textContent = el.dataset[state];
      el.className = "summit-status summit-status--" + state;
    });
  }

  /** A filter form over ``items``: each select keeps the items whose value ``matches(item, name,
   * value)``; the choices are read from the address and kept in it; ``after`` runs after each change.
   * Shared with agenda.js (a programme's filters) as window.summitFilter. */
  function filterForm(form, items, matches, after) {
    var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
    var count = form.querySelector(".summit-filter-count");
    var params = new URLSearchParams(location.search);
    selects.forEach(function (select) {
      var wanted = params.get(select.name);
      if (wanted && Array.prototype.some.call(select.options, function (o) { return o.value === wanted; })) select.value = wanted;
    });

    function apply() {
      var shown = 0;
      var query = new URLSearchParams(location.search);
      items.forEach(function (item) {
        var match = selects.every(function (select) { return !select.value || matches(item, select.name, select.value); });
        item.hidden = !match;
        if (match) shown += 1;
      });
      selects.forEach(function (select) { query.delete(select.name); });  // then in the form's order
      selects.forEach(function (select) { if (select.value) query.set(select.name, select.value); });
      if (after) after();
      count.textContent = shown
        ? form.dataset.count.replace("{shown}", shown).replace("{total}", items.length)
        : form.dataset.none;
      var search = query.toString();
      history.replaceState(null, "", location.pathname + (search ? "?" + search : "") + location.hash);
    }

    form.addEventListener("change", apply);
    form.addEventListener("reset", function () { setTimeout(apply, 0); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.hidden = false;
    apply();
  }
  window.summitFilter = filterForm;

  /** The schedule's filters: an event may have several values of one kind (its stations). */
  function filters(root) {
    var form = root.querySelector("form.summit-filters:not(.summit-filters--programme)");
    if (!form) return;
    var items = Array.prototype.slice.call(root.querySelectorAll(".summit-events li[data-event]"));
    filterForm(form, items, function (li, name, value) {
      return (li.getAttribute("data-" + name) || "").split(" ").indexOf(value) >= 0;
    }, function () {
      root.querySelectorAll("ul.summit-events").forEach(function (ul) {
        var visible = Array.prototype.some.call(ul.children, function (li) { return !li.hidden; });
        ul.hidden = !visible;
        var heading = ul.previousElementSibling;
        if (heading && heading.tagName === "H4") heading.hidden = !visible;
      });
      root.querySelectorAll("article h3").forEach(function (h3) {
        var el = h3.nextElementSibling;
        var visible = false;
        while (el && el.tagName !== "H3" && el.tagName !== "H2") {
          if (el.tagName === "UL" && !el.hidden) visible = true;
          el = el.nextElementSibling;
        }
        h3.hidden = !visible;
      });
    });
  }

  /** The time left until the next event (the landing page), in the reader's language. */
  function countdowns(root, now) {
    var relative = window.Intl && Intl.RelativeTimeFormat ? new Intl.RelativeTimeFormat(lang, { numeric: "auto" }) : null;
    root.querySelectorAll(".summit-countdown").forEach(function (el) {
      var start = new Date(el.dataset.start);
      var end = new Date(el.dataset.end);
      if (isNaN(start) || !relative) return;
      if (now >= end) { el.textContent = ""; return; }
      if (now >= start) { el.textContent = el.dataset.now; return; }
      var minutes = Math.round((start - now) / 60000);
      el.textContent = minutes >= 2 * 1440
        ? relative.format(Math.floor(minutes / 1440), "day")
        : minutes >= 120 ? relative.format(Math.floor(minutes / 60), "hour") : relative.format(minutes, "minute");
    });
  }

  /** Each station's local time (the landing page), kept by the browser. */
  function clocks(root, now) {
    root.querySelectorAll(".summit-clock[data-zone]").forEach(function (el) {
      try {
        var format = new Intl.DateTimeFormat(lang, {
          timeZone: el.dataset.zone, weekday: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23"
        });
        el.textContent = format.format(now);
      } catch (e) { /* an unknown zone: the build's text stays */ }
    });
  }

  function tick() {
    var now = new Date();
    countdowns(document, now);
    clocks(document, now);
  }

  /* "Embed on your site": the view loads when its box opens; the code is copied on a click; the view
   * tells its height (outputs/embeds.py) and its frame takes it. */
  function embeds(root) {
    root.querySelectorAll(".summit-embed").forEach(function (box) {
      var frame = box.querySelector(".summit-embed__preview");
      box.addEventListener("toggle", function () {
        if (box.open && frame && !frame.getAttribute("src")) frame.setAttribute("src", frame.dataset.src);
      });
      var button = box.querySelector(".summit-embed__copy");
      var code = box.querySelector("code");
      if (!button || !code || !navigator.clipboard) {
        if (button) button.hidden = true;
        return;
      }
      button.addEventListener("click", function () {
        navigator.clipboard.writeText(code.textContent).then(function () {
          button.textContent = button.dataset.copied;
        });
      });
    });
    window.addEventListener("message", function (e) {
      if (e.origin !== location.origin || !e.data || e.data.type !== "summit-embed") return;
      root.querySelectorAll(".summit-embed__preview").forEach(function (f) {
        if (f.contentWindow === e.source) f.style.height = e.data.height + "px";
      });
    });
  }

  /* ---- offline: the service worker at the site's root (summit/outputs/offline.py) ---- */

  var SITE_ROOT = (function () {
    var script = document.currentScript && document.currentScript.src;
    var found = script ? /^(.*\/)assets\/javascripts\/summit\.js(\?.*)?$/.exec(script) : null;
    return found ? found[1] : null;
  })();

  /** Registered once the page has loaded and the browser is idle (nothing on the first load's path); only
   * over http(s). The page then asks to keep what its reader will want offline; a new build taking over
   * says so quietly. */
  function offline() {
    if (!SITE_ROOT || !("serviceWorker" in navigator) || !/^https?:$/.test(location.protocol)) return;
    connection();
    window.addEventListener("online", connection);
    window.addEventListener("offline", connection);
    var workers = navigator.serviceWorker;
    var hadOne = Boolean(workers.controller);
    workers.addEventListener("controllerchange", function () {
      if (hadOne) updated();
      hadOne = true;
    });
    var later = window.requestIdleCallback || function (f) { setTimeout(f, 1); };
    later(function () {
      workers.register(SITE_ROOT + "sw.js", { scope: SITE_ROOT }).catch(function () { /* no offline copy */ });
      workers.ready.then(function (registration) {
        if (registration.active) registration.active.postMessage({ type: "summit-keep", urls: wanted() });
      });
    });
  }

  /** This page, its language's home, schedule and agenda; on an event's page its api file and people. */
  function wanted() {
    var lang = location.href.indexOf(SITE_ROOT + "en/") === 0 ? "en/" : "";
    var home = SITE_ROOT + lang;
    var urls = [location.href.split("#")[0], home, home + "schedule/", home + "agenda/"];
    var header = document.querySelector(".summit-header[data-event]");
    if (header) {
      urls.push(home + "api/events/" + encodeURIComponent(header.dataset.event) + ".json");
      document.querySelectorAll(".summit-programme a[href]").forEach(function (link) {
        if (/\/people\/[^/]+\/$/.test(link.pathname)) urls.push(link.href.split("#")[0]);
      });
    }
    return urls.filter(function (u, i) { return urls.indexOf(u) === i; });
  }

  /** Offline, a quiet line says that what is shown is what this device kept (gone when back online). */
  function connection() {
    var said = document.querySelector('meta[name="summit-offline"]');
    if (!said) return;
    var note = document.querySelector(".summit-update--offline");
    if (navigator.onLine) {
      if (note) note.remove();
      return;
    }
    if (note) return;
    note = document.createElement("div");
    note.className = "summit-update summit-update--offline";
    note.setAttribute("role", "status");
    note.textContent = said.content;
    document.body.appendChild(note);
  }

  function updated() {
    if (document.querySelector(".summit-update")) return;
    var said = document.querySelector('meta[name="summit-updated"]');
    var again = document.querySelector('meta[name="summit-reload"]');
    if (!said || !again) return;
    var note = document.createElement("div");
    note.className = "summit-update";
    note.setAttribute("role", "status");
    note.textContent = said.content + " ";
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = again.content;
    button.addEventListener("click", function () { location.reload(); });
    note.appendChild(button);
    document.body.appendChild(note);
  }

  function run() {
    var root = document;
    if (document.readyState === "complete") offline();
    else window.addEventListener("load", offline);
    embeds(root);
    viewerTimes(root);
    statuses(root, new Date());
    filters(root);
    tick();
    if (root.querySelector(".summit-clock, .summit-countdown")) setInterval(tick, 30000);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", run);
  } else {
    run();
  }
})();
