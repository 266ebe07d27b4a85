/* CHINAOCS summit site: an event's programme (the day a link points to, filters by room and track, the
 * session running now and the next, calendar links) and "my agenda" (stars kept in this browser's
 * localStorage, listed on the agenda page, exported as an .ics file made here, shared as a link).
 * No account, no server, nothing sent; without JavaScript the programme is all there, day by day. */
(function () {
  "use strict";

  var lang = document.documentElement.lang || "en";
  var zh = lang.indexOf("zh") === 0;
  var SITE_ZONE = "Asia/Shanghai";
  var KEY = "summit-agenda";
  function meta(name) {
    var el = document.querySelector('meta[name="' + name + '"]');
    return el ? el.content : "";
  }
  var starLabels = { add: meta("summit-star-add"), remove: meta("summit-star-remove") };

  /* ---- the store: {key: snapshot}; key "<event>" or "<event>.<session>" ---- */

  function load() {
    try {
      var data = JSON.parse(localStorage.getItem(KEY) || "{}");
      return data && typeof data === "object" && !Array.isArray(data) ? data : {};
    } catch (e) {
      return {};
    }
  }

  function save(items) {
    try {
      localStorage.setItem(KEY, JSON.stringify(items));
    } catch (e) { /* private mode or full: the page still works, nothing is kept */ }
  }

  function text(el) {
    return el ? el.textContent.replace(/\s+/g, " ").trim() : "";
  }

  /* ---- stars on sessions, event pages and event lists ---- */

  function starButton(key, title, snapshot, holder) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "summit-star";
    button.dataset.key = key;
    function show(on) {
      button.setAttribute("aria-pressed", on ? "true" : "false");
      button.textContent = on ? "★" : "☆";
      var label = (on ? starLabels.remove : starLabels.add) + (zh ? "：" : ": ") + title;
      button.setAttribute("aria-label", label);
      button.title = on ? starLabels.remove : starLabels.add;
    }
    show(Boolean(load()[key]));
    button.addEventListener("click", function () {
      var items = load();
      if (items[key]) delete items[key];
      else items[key] = snapshot();
      save(items);
      document.querySelectorAll('.summit-star[data-key="' + key + '"]').forEach(function (other) {
        other.dispatchEvent(new CustomEvent("summit:sync"));
      });
    });
    button.addEventListener("summit:sync", function () { show(Boolean(load()[key])); });
    holder.appendChild(button);
  }

  function times(el) {
    var status = el.matches("[data-start]") ? el : el.querySelector(".summit-status[data-start]");
    if (!status) return {};
    var start = status.dataset.start, end = status.dataset.end;
    var allDay = /T00:00:00\+08:00$/.test(start) && /T00:00:00\+08:00$/.test(end || "") && start !== end;
    var programme = el.closest(".summit-programme");
    var zone = status.dataset.zone || (programme && programme.dataset.zone);
    return zone ? { s: start, n: end, a: allDay, z: zone } : { s: start, n: end, a: allDay };
  }

  function stars(root) {
    var heading = text(root.querySelector("h1"));
    var eventHeader = root.querySelector(".summit-header[data-event]");
    var eventPlace = eventHeader ? eventHeader.dataset.place || "" : "";
    root.querySelectorAll(".summit-programme[data-event]").forEach(function (programme) {
      var event = programme.dataset.event;
      programme.querySelectorAll(".summit-session[id^='session-']").forEach(function (session) {
        var id = session.id.slice("session-".length);
        var title = text(session.querySelector(".summit-session__title"));
        starButton(event + "." + id, title, function () {
          var room = text(session.querySelector(".summit-session__room")).replace(/^·\s*/, "");
          var place = [room, eventPlace].filter(Boolean).join(zh ? "，" : ", ");  // the room, then the venue and city
          return Object.assign({ t: title, e: heading, p: place, u: location.origin + location.pathname + "#" + session.id, l: lang }, times(session));
        }, session);
      });
    });
    root.querySelectorAll(".summit-header[data-event]").forEach(function (header) {
      var event = header.dataset.event;
      starButton(event, heading, function () {
        return Object.assign({ t: heading, p: header.dataset.place || "", u: location.origin + location.pathname, l: lang }, times(header));
      }, header);
    });
    root.querySelectorAll(".summit-events li[data-event]").forEach(function (li) {
      var link = li.querySelector("a[href]");
      if (!link) return;
      var title = text(li.querySelector(".summit-card__title") || link);
      starButton(li.dataset.event, title, function () {
        return Object.assign({ t: title, u: link.href, l: lang }, times(li));
      }, li);
    });
  }

  /* ---- the programme: days, filters, now and next, calendar links ---- */

  function openDay(programme, target) {
    var day = target && target.closest ? target.closest(".summit-day") : null;
    if (!day || !programme.contains(day)) return false;
    var radio = day.previousElementSibling && day.previousElementSibling.previousElementSibling;
    if (radio && radio.type === "radio") radio.checked = true;
    return true;
  }

  function followHash(programmes) {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (!target) return;
    programmes.forEach(function (programme) {
      if (openDay(programme, target)) target.scrollIntoView();
    });
  }

  /** Today's day of the programme at its venue (its days are the venue's), or null. */
  function todaysDay(programme, now) {
    var day = new Intl.DateTimeFormat("en-CA", { timeZone: programme.dataset.zone || SITE_ZONE }).format(now);
    return programme.querySelector("#day-" + day);
  }

  function today(programme, now) {
    var section = todaysDay(programme, now);
    if (section) openDay(programme, section);
  }

  /** Room, track and language (summit.js's filter form); a session with no room is in every room; a
   * language keeps the sessions one can follow in it (spoken or interpreted into: data-languages). The
   * style the head applied from the address before the first paint goes at the reader's first change. */
  function programmeFilters(programme) {
    var form = programme.querySelector("form.summit-filters--programme");
    if (!form || !window.summitFilter) return;
    function early() {
      var style = document.getElementById("summit-early-filter");
      if (style) style.remove();
    }
    form.addEventListener("change", early);
    form.addEventListener("reset", early);
    var sessions = Array.prototype.slice.call(programme.querySelectorAll(".summit-session"));
    window.summitFilter(form, sessions, function (session, name, value) {
      if (name === "language") return (session.getAttribute("data-languages") || "").split(" ").indexOf(value) >= 0;
      return session.getAttribute("data-" + name) === value || (name === "room" && !session.hasAttribute("data-room"));
    });
  }

  /** The session running now and the next one, only on a day of the programme at its venue (an event
   * months away has no "next"). */
  function nowAndNext(programme, now) {
    var next = null;
    var on = todaysDay(programme, now) !== null;
    var sessions = Array.prototype.slice.call(programme.querySelectorAll(".summit-session[data-start]"));
    sessions.forEach(function (session) {
      var start = new Date(session.dataset.start);
      if (on && start > now && (next === null || start < next)) next = start;
    });
    sessions.forEach(function (session) {
      var start = new Date(session.dataset.start), end = new Date(session.dataset.end);
      var state = on && start <= now && now < end ? "now" : (next && start.getTime() === next.getTime() ? "next" : "");
      session.classList.toggle("summit-session--now", state === "now");
      session.classList.toggle("summit-session--next", state === "next");
      if (state) session.dataset.state = programme.dataset[state];
      else delete session.dataset.state;
    });
  }

  function stamp(date) {
    return date.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
  }

  function calendarLinks(programme) {
    programme.querySelectorAll(".summit-session").forEach(function (session) {
      var links = session.querySelector(".summit-session__links");
      if (!links) return;
      var start = new Date(session.dataset.start), end = new Date(session.dataset.end);
      var title = text(session.querySelector(".summit-session__title"));
      var place = text(session.querySelector(".summit-session__room")).replace(/^·\s*/, "");
      var url = location.origin + location.pathname + "#" + session.id;
      var google = "https://calendar.google.com/calendar/render?" + new URLSearchParams({
        action: "TEMPLATE", text: title, dates: stamp(start) + "/" + stamp(end), details: url, location: place
      });
      var outlook = "https://outlook.live.com/calendar/0/deeplink/compose?" + new URLSearchParams({
        path: "/calendar/action/compose", rru: "addevent", subject: title,
        startdt: start.toISOString(), enddt: end.toISOString(), body: url, location: place
      });
      [[google, programme.dataset.google], [outlook, programme.dataset.outlook]].forEach(function (pair) {
        var a = document.createElement("a");
        a.href = pair[0];
        a.rel = "noopener";
        a.textContent = pair[1];
        links.appendChild(document.createTextNode(" "));
        links.appendChild(a);
      });
    });
  }

  /** The programme's times in the reader's own zone, on demand (and back to the site's). */
  function localTimes(root) {
    var button = root.querySelector(".summit-programme__switch");
    var programme = root.querySelector(".summit-programme");
    if (!button || !programme) return;
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
    var clock = new Intl.DateTimeFormat(lang, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
    var date = new Intl.DateTimeFormat("en-CA", {});
    var note = button.parentNode.querySelector("[data-local]");
    var siteNote = note.textContent, siteLabel = button.textContent;
    function at(iso, day) {
      var moment = new Date(iso);
      var text = clock.format(moment);
      var local = date.format(moment);
      return local === day ? text : local.slice(5) + " " + text;
    }
    button.addEventListener("click", function () {
      var local = button.dataset.showing !== "local";
      programme.querySelectorAll(".summit-day").forEach(function (section) {
        var day = section.id.slice("day-".length);
        section.querySelectorAll(".summit-session").forEach(function (session) {
          var el = session.querySelector(".summit-session__clock");
          if (!el.dataset.site) el.dataset.site = el.textContent;
          el.textContent = local ? at(session.dataset.start, day) + "–" + at(session.dataset.end, day) : el.dataset.site;
        });
        section.querySelectorAll(".summit-timetable__time[data-at]").forEach(function (el) {
          if (!el.dataset.site) el.dataset.site = el.textContent;
          el.textContent = local ? at(el.dataset.at, day) : el.dataset.site;
        });
      });
      note.textContent = local ? note.dataset.local.replace("{zone}", zone) : siteNote;
      button.textContent = local ? button.dataset.site : siteLabel;
      button.dataset.showing = local ? "local" : "site";
    });
  }

  function programmes(root) {
    var found = Array.prototype.slice.call(root.querySelectorAll(".summit-programme"));
    if (!found.length) return;
    localTimes(root);
    var now = new Date();
    found.forEach(function (programme) {
      today(programme, now);
      programmeFilters(programme);
      nowAndNext(programme, now);
      calendarLinks(programme);
    });
    followHash(found);
    window.addEventListener("hashchange", function () { followHash(found); });
    setInterval(function () {
      found.forEach(function (programme) { nowAndNext(programme, new Date()); });
    }, 60000);
  }

  /* ---- the agenda page ---- */

  var formats = {};

  /** Day and time formats of ``zone``, and its name: the site's zone by the page's name for it (北京时间),
   * another by its UTC offset at ``moment`` (UTC-7). */
  function inZone(zone) {
    if (!formats[zone]) {
      formats[zone] = {
        day: new Intl.DateTimeFormat(lang, { timeZone: zone, year: "numeric", month: "short", day: "numeric", weekday: "short" }),
        time: new Intl.DateTimeFormat(lang, { timeZone: zone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }),
        offset: new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "shortOffset" })
      };
    }
    return formats[zone];
  }

  var offsets = (function () {
    try {
      new Intl.DateTimeFormat("en", { timeZone: "+09:00" });
      return true;
    } catch (e) {
      return false;  // a browser without offset zones (before 2023) formats by the zone's name
    }
  })();

  /** The UTC offset a time was written with (2027-11-07T09:00:00-07:00: -07:00), as a zone for Intl;
   * ``zone`` when it has none or the browser takes no offset zones. */
  function offsetZone(iso, zone) {
    var found = /([+-]\d\d:\d\d|Z)$/.exec(iso || "");
    if (!found || !offsets) return zone;
    return found[1] === "Z" ? "+00:00" : found[1];
  }

  /** The offset of ``iso`` as a reader reads it: UTC-7, UTC+5:30, UTC+0; empty when it has none. */
  function offsetName(iso) {
    var found = /(?:([+-])(\d\d):(\d\d)|Z)$/.exec(iso || "");
    if (!found) return "";
    if (!found[1] || (found[2] === "00" && found[3] === "00")) return "UTC+0";
    return "UTC" + found[1] + Number(found[2]) + (found[3] === "00" ? "" : ":" + found[3]);
  }

  function zoneName(zone, moment, siteName) {
    if (zone === SITE_ZONE && siteName) return siteName;
    var part = inZone(zone).offset.formatToParts(moment).filter(function (p) { return p.type === "timeZoneName"; })[0];
    var offset = part ? part.value.replace(/^GMT/, "UTC") : "UTC";
    return offset === "UTC" ? "UTC+0" : offset;
  }

  /** An item's time at its venue (its own zone; the site's for what was kept before zones were), the zone named. */
  function when(item, siteName) {
    if (!item.s) return "";
    var start = new Date(item.s), end = new Date(item.n || item.s);
    if (item.m) return item.s.slice(0, 7);
    if (item.a) {
      var days = inZone(SITE_ZONE).day, last = new Date(end.getTime() - 1);
      var first = days.format(start), final = days.format(last);
      return first === final ? first : first + " – " + final;
    }
    var zone = item.z || SITE_ZONE;
    // at the venue's offset as the build worked it out (the pinned zone rules), not as this browser's
    // zone data would: a browser a rule change behind would show another hour
    var f = inZone(item.z ? offsetZone(item.s, zone) : zone), g = inZone(item.z ? offsetZone(item.n || item.s, zone) : zone);
    var text = f.day.format(start) + " " + f.time.format(start);
    if (end > start) {
      text += f.day.format(start) === g.day.format(end)
        ? "–" + g.time.format(end)
        : " – " + g.day.format(end) + " " + g.time.format(end);
    }
    var name = zone === SITE_ZONE ? zoneName(zone, start, siteName) : offsetName(item.s) || zoneName(zone, start, siteName);
    return zh ? text + "（" + name + "）" : text + " (" + name + ")";
  }

  function fromFeed(event, key) {
    var id = key.split(".")[1];
    var timed = event.precision === "time";
    var dayEnd = event.precision === "day" && event.end
      ? new Date(Date.parse(event.end + "T00:00:00+08:00") + 86400000).toISOString().replace(".000Z", "Z")
      : null;
    if (!id) {
      return {
        t: event.title, p: [event.venue, event.city].filter(Boolean).join(zh ? "，" : ", "), u: event.url, l: lang,
        s: timed ? event.start : (event.precision === "day" ? event.start + "T00:00:00+08:00" : event.start),
        n: timed ? (event.end || event.start) : dayEnd, a: event.precision === "day", m: event.precision === "month",
        z: event.timezone
      };
    }
    var session = (event.sessions || []).filter(function (s) { return s.id === id; })[0];
    if (!session) return null;
    var place = [session.room, event.venue, event.city].filter(Boolean).join(zh ? "，" : ", ");
    return { t: session.title, e: event.title, p: place, u: session.url, s: session.start, n: session.end, l: lang, z: event.timezone };
  }

  function refresh(base, keys, items) {
    var events = {};
    keys.forEach(function (key) { events[key.split(".")[0]] = true; });
    return Promise.all(Object.keys(events).map(function (event) {
      return fetch(base.replace(/\/?$/, "/") + encodeURIComponent(event) + ".json")
        .then(function (response) { return response.ok ? response.json() : { events: [] }; })
        .then(function (feed) {
          keys.filter(function (key) { return key.split(".")[0] === event; }).forEach(function (key) {
            var fresh = feed.events && feed.events[0] ? fromFeed(feed.events[0], key) : null;
            items[key] = fresh || Object.assign({}, items[key] || { t: key }, { gone: true });
          });
        })
        .catch(function () { /* offline: what the browser kept stays */ });
    })).then(function () { return items; });
  }

  function clashes(list) {
    list.forEach(function (item) { item.clash = []; });
    list.forEach(function (a, i) {
      if (!a.s || a.a || a.m || a.gone) return;
      list.slice(i + 1).forEach(function (b) {
        if (!b.s || b.a || b.m || b.gone) return;
        if (a.key.split(".")[0] === b.key && !b.key.includes(".")) return;
        if (b.key.split(".")[0] === a.key && !a.key.includes(".")) return;
        if (new Date(a.s) < new Date(b.n) && new Date(b.s) < new Date(a.n)) {
          a.clash.push(b.t);
          b.clash.push(a.t);
        }
      });
    });
  }

  function sorted(items) {
    var list = Object.keys(items).map(function (key) { return Object.assign({ key: key }, items[key]); });
    list.sort(function (a, b) {
      return (a.s ? Date.parse(a.s.length === 7 ? a.s + "-01" : a.s) : Infinity) - (b.s ? Date.parse(b.s.length === 7 ? b.s + "-01" : b.s) : Infinity) || a.key.localeCompare(b.key);
    });
    clashes(list);
    return list;
  }

  function icsText(value) {
    return String(value).replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/([,;])/g, "\\$1");
  }

  function fold(line) {
    var encoder = new TextEncoder(), out = [], current = "", size = 0;
    Array.from(line).forEach(function (ch) {
      var bytes = encoder.encode(ch).length;
      if (size + bytes > (out.length ? 74 : 75)) { out.push(current); current = ""; size = 0; }
      current += ch;
      size += bytes;
    });
    out.push(current);
    return out.join("\r\n ");
  }

  function ics(list, name) {
    var host = location.hostname || "localhost";
    var now = stamp(new Date());
    var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//" + host + "//my agenda//" + lang.toUpperCase(), "CALSCALE:GREGORIAN", "X-WR-CALNAME:" + icsText(name)];
    list.forEach(function (item) {
      if (!item.s || item.m || item.gone) return;
      lines.push("BEGIN:VEVENT", "UID:" + item.key + "@" + host, "DTSTAMP:" + now);
      if (item.a) {
        var day = function (iso) { return new Intl.DateTimeFormat("en-CA", { timeZone: SITE_ZONE }).format(new Date(iso)).replace(/-/g, ""); };
        lines.push("DTSTART;VALUE=DATE:" + day(item.s), "DTEND;VALUE=DATE:" + day(item.n));
      } else {
        lines.push("DTSTART:" + stamp(new Date(item.s)), "DTEND:" + stamp(new Date(item.n || item.s)));
      }
      lines.push("SUMMARY:" + icsText(item.e ? item.t + " · " + item.e : item.t));
      if (item.p) lines.push("LOCATION:" + icsText(item.p));
      if (item.u) lines.push("DESCRIPTION:" + icsText(item.u), "URL:" + item.u);  // the page's address
      lines.push("END:VEVENT");
    });
    lines.push("END:VCALENDAR");
    return lines.map(fold).join("\r\n") + "\r\n";
  }

  function agendaPage(root) {
    var page = root.querySelector(".summit-agenda");
    if (!page) return;
    var list = page.querySelector(".summit-agenda__list");
    var empty = page.querySelector(".summit-agenda__empty");
    var tools = page.querySelector(".summit-agenda__tools");
    var status = page.querySelector(".summit-agenda__status");
    var sharedBox = page.querySelector(".summit-agenda__shared");
    var params = new URLSearchParams(location.search);
    var sharedKeys = (params.get("items") || "").split(",").filter(function (k) { return /^[a-z0-9-]+(\.[a-z0-9-]+)?$/.test(k); });
    var shared = sharedKeys.length > 0;
    var items = shared ? {} : load();
    if (shared) {
      sharedKeys.forEach(function (key) { items[key] = { t: key }; });
      sharedBox.querySelector("p").textContent = page.dataset.shared.replace("{count}", sharedKeys.length);
      sharedBox.hidden = false;
      sharedBox.querySelector(".summit-agenda__keep").addEventListener("click", function () {
        var mine = load();
        Object.keys(items).forEach(function (key) { if (!items[key].gone) mine[key] = items[key]; });
        save(mine);
        location.replace(location.pathname);
      });
    }

    function render() {
      var entries = sorted(items);
      list.textContent = "";
      entries.forEach(function (item) {
        var li = document.createElement("li");
        li.className = "summit-agenda__item" + (item.clash.length ? " summit-agenda__item--clash" : "");
        li.dataset.key = item.key;
        var time = document.createElement("p");
        time.className = "summit-agenda__when";
        time.textContent = when(item, page.dataset.siteZone);
        var title = document.createElement("p");
        title.className = "summit-agenda__title";
        var link = document.createElement(item.u ? "a" : "span");
        if (item.u) link.href = item.u;
        link.textContent = item.t;
        title.appendChild(link);
        li.appendChild(time);
        li.appendChild(title);
        var meta = [item.e, item.p].filter(Boolean).join(" · ");
        if (meta) {
          var where = document.createElement("p");
          where.className = "summit-card__meta";
          where.textContent = meta;
          li.appendChild(where);
        }
        if (item.gone) {
          var gone = document.createElement("p");
          gone.className = "summit-agenda__note";
          gone.textContent = page.dataset.unknown;
          li.appendChild(gone);
        }
        if (item.clash.length) {
          var clash = document.createElement("p");
          clash.className = "summit-agenda__note summit-agenda__clash";
          clash.textContent = page.dataset.clash.replace("{titles}", item.clash.join(zh ? "、" : ", "));
          li.appendChild(clash);
        }
        if (!shared) {
          var remove = document.createElement("button");
          remove.type = "button";
          remove.className = "summit-star";
          remove.setAttribute("aria-pressed", "true");
          remove.setAttribute("aria-label", page.dataset.remove + (zh ? "：" : ": ") + item.t);
          remove.title = page.dataset.remove;
          remove.textContent = "★";
          remove.addEventListener("click", function () {
            var mine = load();
            delete mine[item.key];
            save(mine);
            delete items[item.key];
            render();
          });
          li.appendChild(remove);
        }
        list.appendChild(li);
      });
      empty.hidden = entries.length > 0;
      tools.hidden = entries.length === 0;
      tools.querySelector(".summit-agenda__share").hidden = shared;
    }

    tools.querySelector(".summit-agenda__export").addEventListener("click", function () {
      var blob = new Blob([ics(sorted(items), page.dataset.calendar)], { type: "text/calendar;charset=utf-8" });
      var a = document.createElement("a");
      a.href = URL.createObjectURL(blob);
      a.download = "agenda.ics";
      document.body.appendChild(a);
      a.click();
      setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
    });
    tools.querySelector(".summit-agenda__share").addEventListener("click", function () {
      var keys = sorted(items).filter(function (item) { return !item.gone; }).map(function (item) { return item.key; });
      var url = location.origin + location.pathname + "?items=" + keys.join(",");
      status.textContent = "";
      var field = document.createElement("input");
      field.type = "url";
      field.readOnly = true;
      field.value = url;
      field.className = "summit-agenda__link";
      field.setAttribute("aria-label", tools.querySelector(".summit-agenda__share").textContent);
      status.appendChild(field);
      field.select();
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(url).then(function () {
          status.appendChild(document.createTextNode(" " + page.dataset.copied));
        }, function () { /* the link stays selected for the reader to copy */ });
      }
    });

    render();
    var keys = Object.keys(items);
    if (keys.length) {
      refresh(page.dataset.api, keys, items).then(function (fresh) {
        if (!shared) {
          var mine = load();
          Object.keys(fresh).forEach(function (key) { if (mine[key]) mine[key] = fresh[key]; });
          save(mine);
        }
        render();
        page.dataset.ready = "true";
      });
    } else {
      page.dataset.ready = "true";
    }
  }

  function run() {
    programmes(document);
    stars(document);
    agendaPage(document);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", run);
  else run();
})();
