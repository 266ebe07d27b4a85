/* A hall's screen (screens.py): each room's session now and next, both languages, the venue's clock.
 * "Now" is read from the clock at every minute (timers drift and a screen may sleep); the page is redrawn
 * only when what it shows changes, so it runs for days without growing. The programme is refetched from
 * the event's api files every data.refresh seconds; a failed fetch keeps what the page has. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("screen-data").textContent);
  var theme = new URLSearchParams(location.search).get("theme");
  if (theme === "dark" || theme === "light") document.documentElement.dataset.theme = theme;
  var order = data.order, words = data.words;
  var shown = "";

  function el(name, className, text, lang) {
    var node = document.createElement(name);
    if (className) node.className = className;
    if (text) node.textContent = text;
    if (lang) node.lang = lang === "zh" ? "zh-CN" : lang;
    return node;
  }

  /** A text in both languages: the page's first, the other under it (the same text once). */
  function both(parent, texts, className) {
    order.forEach(function (lang, index) {
      if (!texts[lang] || (index > 0 && texts[lang] === texts[order[0]])) return;
      parent.appendChild(el("span", className + (index ? " other" : ""), texts[lang], lang));
    });
  }

  function say(key) {
    var texts = {};
    order.forEach(function (lang) { texts[lang] = words[lang][key]; });
    return texts;
  }

  /** Minutes east of UTC of an ISO time as the build wrote it (+08:00: 480). */
  function offsetOf(iso) {
    var found = /([+-])(\d\d):(\d\d)$/.exec(iso);
    if (!found) return 0;
    var minutes = Number(found[2]) * 60 + Number(found[3]);
    return found[1] === "-" ? -minutes : minutes;
  }

  /** The venue's offset now: that of the session nearest in time (the build's zone rules, not the browser's). */
  function venueOffset(now) {
    var best = null, gap = Infinity;
    data.sessions.forEach(function (session) {
      var distance = Math.abs(Date.parse(session.start) - now);
      if (distance < gap) { gap = distance; best = session; }
    });
    return best ? offsetOf(best.start) : 0;
  }

  function offsetName(minutes) {
    if (!minutes) return "UTC+0";
    var hours = Math.floor(Math.abs(minutes) / 60), rest = Math.abs(minutes) % 60;
    return "UTC" + (minutes < 0 ? "-" : "+") + hours + (rest ? ":" + (rest < 10 ? "0" : "") + rest : "");
  }

  var dayFormat = new Intl.DateTimeFormat(order[0] === "zh" ? "zh-CN" : order[0],
    { timeZone: "UTC", year: "numeric", month: "long", day: "numeric", weekday: "short" });

  /** The venue's day as its language writes it (2030年7月11日周四), from the offset, not a zone's rules. */
  function dayName(now, offset) { return dayFormat.format(new Date(now + offset * 60000)); }

  function clockOf(iso) { return iso.slice(11, 16); }

  function mark(session, lang) {
    var parts = [];
    if (session.language) parts.push(words[lang].mark[session.language]);
    if (session.interpretation && session.interpretation.length) parts.push(words[lang].mark.interp);
    return parts.join(" · ");
  }

  function sessionBlock(label, session) {
    var block = el("div", "slot " + label);
    var head = el("p", "label");
    both(head, say(label), "word");
    head.appendChild(el("span", "time", clockOf(session.start) + "–" + clockOf(session.end)));
    var language = mark(session, order[0]);
    if (language) head.appendChild(el("span", "lang", language));
    block.appendChild(head);
    var title = el("p", "title");
    both(title, session.title, "text");
    block.appendChild(title);
    return block;
  }

  /** What the screen shows at ``now``: today's sessions by room, now and next; or the day without them. */
  function state(now) {
    var offset = venueOffset(now);
    var local = new Date(now + offset * 60000).toISOString();
    var day = local.slice(0, 10);
    var today = data.sessions.filter(function (s) { return s.start.slice(0, 10) === day; })
      .sort(function (a, b) { return Date.parse(a.start) - Date.parse(b.start); });
    function pick(list) {
      var current = null, next = null;
      list.forEach(function (s) {
        var start = Date.parse(s.start), end = Date.parse(s.end);
        if (start <= now && now < end && !current) current = s;
        else if (start > now && !next) next = s;
      });
      return { now: current, next: next, had: list.length > 0 };
    }
    var rooms = data.rooms.map(function (room, index) {
      return { name: room, on: pick(today.filter(function (s) { return s.room === index; })) };
    });
    var everyRoom = pick(today.filter(function (s) { return s.room === null || s.room === undefined; }));
    return { day: day, clock: local.slice(11, 16), offset: offset, today: today, rooms: rooms, all: everyRoom };
  }

  function key(s) {
    var ids = s.rooms.map(function (r) { return [r.on.now && r.on.now.id, r.on.next && r.on.next.id].join("/"); });
    return [s.day, s.all.now && s.all.now.id, s.all.next && s.all.next.id, ids.join(","), data.version || 0].join("|");
  }

  function drawRooms(s) {
    var main = document.getElementById("rooms");
    main.textContent = "";  // the old nodes go; nothing holds them
    var banner = document.getElementById("banner");
    banner.textContent = "";
    banner.hidden = true;
    var over = s.rooms.every(function (r) { return !r.on.now && !r.on.next; }) && !s.all.now && !s.all.next;
    if (!s.today.length || over) return drawNone(main, s.day, s.today.length ? "ended" : "none");
    var every = s.all.now || (s.all.next && s.rooms.every(function (r) { return !r.on.now; }) ? s.all.next : null);
    if (every) {
      banner.hidden = false;
      both(banner, say("all"), "word");
      banner.appendChild(sessionBlock(every === s.all.now ? "now" : "next", every));
    }
    var rooms = s.rooms.filter(function (r) { return r.on.had; });
    main.style.setProperty("--cols", rooms.length <= 2 ? rooms.length || 1 : rooms.length <= 4 ? 2 : rooms.length <= 9 ? 3 : 4);
    rooms.forEach(function (room) {
      var card = el("section", "room");
      var name = el("h2", "name");
      both(name, room.name, "text");
      card.appendChild(name);
      if (room.on.now) card.appendChild(sessionBlock("now", room.on.now));
      else if (room.on.next && !s.all.now) { var free = el("p", "quiet"); both(free, say("free"), "word"); card.appendChild(free); }
      if (room.on.next) card.appendChild(sessionBlock("next", room.on.next));
      if (!room.on.now && !room.on.next) { var done = el("p", "quiet"); both(done, say("ended"), "word"); card.appendChild(done); }
      main.appendChild(card);
    });
  }

  /** A day without sessions ("none"), or after its last ("ended"): the programme's days, the day's other events. */
  function drawNone(main, day, why) {
    main.style.setProperty("--cols", 1);
    var box = el("section", "none");
    var head = el("h2");
    both(head, say(why), "text");
    box.appendChild(head);
    var days = el("p", "days");
    both(days, say("days"), "text");
    box.appendChild(days);
    var others = data.others.filter(function (o) { return o.first <= day && day <= o.last; });
    if (others.length) {
      var also = el("h3");
      both(also, say("also"), "text");
      box.appendChild(also);
      var list = el("ul");
      others.forEach(function (o) {
        var item = el("li");
        both(item, o.title, "text");
        var when = el("p", "when");
        both(when, o.when, "text");
        if (o.place[order[0]]) both(when, o.place, "text");
        item.appendChild(when);
        list.appendChild(item);
      });
      box.appendChild(list);
    }
    main.appendChild(box);
  }

  function tick() {
    var now = Date.now();
    var s = state(now);
    document.getElementById("clock").textContent = s.clock;
    var date = document.getElementById("date");
    var text = dayName(now, s.offset) + " · " + words[order[0]].zone + " " + offsetName(s.offset);
    if (date.textContent !== text) date.textContent = text;
    var current = key(s);
    if (current !== shown) {
      shown = current;
      drawRooms(s);
    }
    setTimeout(tick, 60000 - (now % 60000) + 20);  // just after the next minute starts
  }

  /** The programme from the api files of both languages (sessions matched by id, rooms by name). */
  function refresh() {
    Promise.all(order.map(function (lang) {
      return fetch(data.feeds[lang], { cache: "no-store" }).then(function (r) {
        if (!r.ok) throw new Error(r.status);
        return r.json();
      });
    })).then(function (feeds) {
      var events = feeds.map(function (f) { return f.events && f.events[0]; });
      if (events.some(function (e) { return !e; })) return;
      var byLang = {};
      order.forEach(function (lang, index) { byLang[lang] = events[index]; });
      var first = byLang[order[0]];
      var others = {};
      order.slice(1).forEach(function (lang) {
        others[lang] = {};
        (byLang[lang].sessions || []).forEach(function (s) { others[lang][s.id] = s; });
      });
      data.sessions = (first.sessions || []).map(function (s) {
        var title = {}, roomName = {};
        title[order[0]] = s.title;
        roomName[order[0]] = s.room;
        order.slice(1).forEach(function (lang) {
          var twin = others[lang][s.id] || s;
          title[lang] = twin.title;
          roomName[lang] = twin.room;
        });
        var room = null;
        if (s.room) {
          room = data.rooms.map(function (r) { return r[order[0]]; }).indexOf(s.room);
          if (room < 0) { data.rooms.push(roomName); room = data.rooms.length - 1; }
        }
        return { id: s.id, start: s.start, end: s.end, room: room, title: title, language: s.language,
          interpretation: s.interpretation || [] };
      });
      order.forEach(function (lang) { data.title[lang] = byLang[lang].title; });
      data.version = (data.version || 0) + 1;
      heading();
      var s = state(Date.now());
      shown = key(s);
      drawRooms(s);
    }).catch(function () { /* offline or a build in progress: keep what is shown */ });
  }

  function heading() {
    var title = document.getElementById("title");
    title.textContent = data.title[order[0]];
    var sub = document.getElementById("subtitle");
    sub.textContent = data.title[order[1]] !== data.title[order[0]] ? data.title[order[1]] : "";
    sub.lang = order[1] === "zh" ? "zh-CN" : order[1];
  }

  heading();
  var scan = document.getElementById("scan");
  both(scan, say("scan"), "word");
  tick();
  setInterval(refresh, data.refresh * 1000);
})();
