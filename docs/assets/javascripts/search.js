/* The site's search box: results of the reader's language only, from Pagefind's index, which is loaded
   in shards when the box is first used (no request leaves the site).

   The index holds Chinese one character per token (see hooks/summit/search.py), so a Chinese word is
   looked up as the exact phrase of its characters: names and words inside longer words are found
   whatever a dictionary would say. Results are ranked by Pagefind's own scores (a title counts most). */
(() => {
  "use strict";
  const form = document.querySelector(".summit-search");
  if (!form) return;
  const input = form.querySelector(".summit-search__input");
  const panel = form.querySelector(".summit-search__panel");
  const list = form.querySelector(".summit-search__results");
  const count = form.querySelector(".summit-search__count");
  const status = form.querySelector(".summit-search__status");
  const more = form.querySelector(".summit-search__more");
  const strings = JSON.parse(form.dataset.strings || "{}");
  const root = new URL(form.dataset.root, location.href);
  const bundle = new URL(form.dataset.bundle, location.href);
  const PAGE = 8;
  const CJK = /[\u2e80-\u2fdf\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{3134f}]/u;
  const WIDE = /[\u2e80-\u2fdf\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef\u{20000}-\u{3134f}]/u;
  const PUNCTUATION = /[\p{P}\p{S}]/u;

  let loading = null;
  let asked = 0;
  let matches = [];
  let shown = 0;

  function load() {
    if (!loading) {
      const words = fetch(new URL("summit-words.json", bundle))
        .then((r) => (r.ok ? r.json() : []))
        .catch(() => []);
      loading = import(new URL("pagefind.js", bundle).href).then(async (pagefind) => {
        await pagefind.options({ basePath: bundle.pathname, excerptLength: 30 });
        await pagefind.init();
        const list = await words;
        const names = { words: new Set(list), longest: Math.max(0, ...list.map((w) => Array.from(w).length)) };
        return { pagefind, names };
      });
      loading.catch(() => {});
    }
    return loading;
  }

  /* A word as index tokens: each Chinese character alone, other runs of letters and digits whole. */
  function tokens(word) {
    const out = [];
    let run = "";
    for (const ch of word) {
      if (CJK.test(ch) || PUNCTUATION.test(ch)) {
        if (run) out.push(run);
        run = "";
        if (!PUNCTUATION.test(ch)) out.push(ch);
      } else {
        run += ch;
      }
    }
    if (run) out.push(run);
    return out;
  }

  /* A Chinese word written without spaces, as words: the content's own names first (the longest that
     fits), the browser's segmenter for the rest (温哥华路演 -> 温哥华 路演). */
  function segment(word, names) {
    const chars = Array.from(word);
    const parts = [];
    let rest = "";
    const flush = () => {
      if (!rest) return;
      if (typeof Intl !== "undefined" && Intl.Segmenter) {
        const segmenter = new Intl.Segmenter("zh", { granularity: "word" });
        for (const { segment: part, isWordLike } of segmenter.segment(rest)) if (isWordLike) parts.push(part);
      } else {
        parts.push(...Array.from(rest));
      }
      rest = "";
    };
    for (let i = 0; i < chars.length; ) {
      let found = "";
      for (let end = Math.min(chars.length, i + names.longest); end > i + 1 && !found; end--) {
        const candidate = chars.slice(i, end).join("");
        if (names.words.has(candidate)) found = candidate;
      }
      if (found) {
        flush();
        parts.push(found);
        i += Array.from(found).length;
      } else {
        rest += chars[i];
        i += 1;
      }
    }
    flush();
    return parts;
  }

  async function phrase(pagefind, word) {
    const found = await pagefind.search(`"${tokens(word).join(" ")}"`);
    return new Set((found ? found.results : []).map((r) => r.id));
  }

  /* Pages that hold every word of the query, best first. A Chinese word must stand as written; when
     nothing holds it so, its parts must (each an exact phrase), wherever they stand. */
  async function find(pagefind, names, query) {
    const words = query.trim().split(/\s+/).filter(Boolean);
    const all = words.flatMap(tokens);
    if (!all.length) return [];
    const ranked = await pagefind.search(all.join(" "));
    let results = ranked ? ranked.results : [];
    for (const word of words.filter((w) => CJK.test(w) && tokens(w).length > 1)) {
      let ids = await phrase(pagefind, word);
      if (!ids.size) {
        for (const part of segment(word, names).filter((p) => tokens(p).length > 1)) {
          const inPart = await phrase(pagefind, part);
          results = results.filter((r) => inPart.has(r.id));
        }
        continue;
      }
      results = results.filter((r) => ids.has(r.id));
    }
    return results;
  }

  function say(text) {
    count.textContent = text;
    status.textContent = text;
  }

  function counted(key, n) {
    return (n === 1 && strings.count_one ? strings.count_one : strings[key] || "").replace("{n}", n);
  }

  /* The excerpt Pagefind marked up, rebuilt as text and <mark> only, with the spaces the index put
     between Chinese characters taken out again; Chinese is marked where a whole query word stands
     (Pagefind marks each of its characters wherever it is). */
  function excerpt(html, words) {
    const doc = new DOMParser().parseFromString(`<body>${html}</body>`, "text/html");
    const chars = [];
    for (const node of doc.body.childNodes) {
      const marked = node.nodeName === "MARK";
      for (const ch of node.textContent) chars.push([ch, marked]);
    }
    const kept = chars.filter(([ch], i) => {
      if (!/\s/.test(ch)) return true;
      let before = i - 1;
      while (before >= 0 && /\s/.test(chars[before][0])) before--;
      let after = i + 1;
      while (after < chars.length && /\s/.test(chars[after][0])) after++;
      const wide = (j) => j >= 0 && j < chars.length && WIDE.test(chars[j][0]);
      if (wide(before) || wide(after)) return false;
      return before >= 0 && !/\s/.test(chars[i - 1][0]);
    });
    for (const entry of kept) if (CJK.test(entry[0])) entry[1] = false;
    const text = kept.map(([ch]) => ch).join("").toLowerCase();
    for (const word of words) {
      const needle = tokens(word).join("").toLowerCase();
      if (!CJK.test(needle)) continue;
      for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length)) {
        for (let i = at; i < at + needle.length; i++) kept[i][1] = true;
      }
    }
    const p = document.createElement("p");
    p.className = "summit-search__excerpt";
    let run = null;
    for (const [ch, marked] of kept) {
      if (!run || run.marked !== marked) {
        run = { marked, node: marked ? document.createElement("mark") : document.createTextNode("") };
        p.append(run.node);
      }
      if (marked) run.node.textContent += ch;
      else run.node.data += ch;
    }
    return p;
  }

  function item(data, words) {
    const meta = data.meta || {};
    const li = document.createElement("li");
    const link = document.createElement("a");
    link.href = new URL((meta.url || data.url).replace(/^\//, ""), root).href;
    const kind = document.createElement("span");
    kind.className = "summit-search__kind";
    kind.textContent = (strings.kinds || {})[meta.kind] || meta.kind || "";
    const title = document.createElement("span");
    title.className = "summit-search__title";
    title.textContent = meta.title || data.url;
    link.append(kind, " ", title);
    li.append(link);
    if (meta.date) {
      const date = document.createElement("span");
      date.className = "summit-search__date";
      date.textContent = meta.date;
      li.append(date);
    }
    li.append(excerpt(data.excerpt || "", words));
    return li;
  }

  async function showMore(search) {
    const next = matches.slice(shown, shown + PAGE);
    shown += next.length;
    const items = await Promise.all(next.map((r) => r.data()));
    if (search !== asked) return;
    const words = input.value.trim().split(/\s+/);
    list.append(...items.map((data) => item(data, words)));
    more.hidden = shown >= matches.length;
  }

  async function run() {
    const search = ++asked;
    const query = input.value;
    if (!query.trim()) {
      close();
      say("");
      return;
    }
    const started = performance.now();
    let engine;
    try {
      engine = await load();
    } catch (error) {
      panel.hidden = false;
      list.replaceChildren();
      more.hidden = true;
      say(strings.unavailable || "");
      return;
    }
    const found = await find(engine.pagefind, engine.names, query);
    if (search !== asked) return;
    matches = found;
    shown = 0;
    list.replaceChildren();
    panel.hidden = false;
    say(found.length ? counted("count", found.length) : strings.none || "");
    await showMore(search);
    if (search === asked) {
      form.dataset.searchMs = String(Math.round(performance.now() - started));
      form.dataset.searched = query;
    }
  }

  function close() {
    panel.hidden = true;
  }

  function links() {
    return [...list.querySelectorAll("a")];
  }

  input.addEventListener("focus", () => load().catch(() => {}), { once: true });
  input.addEventListener("input", run);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const first = links()[0];
    if (first && form.dataset.searched === input.value) first.click();
    else run();
  });
  more.addEventListener("click", () => showMore(asked));
  form.addEventListener("keydown", (event) => {
    const items = links();
    const at = items.indexOf(document.activeElement);
    if (event.key === "Escape") {
      if (!panel.hidden) {
        close();
        input.focus();
        event.preventDefault();
      }
    } else if (event.key === "ArrowDown" && items.length) {
      items[Math.min(at + 1, items.length - 1)].focus();
      event.preventDefault();
    } else if (event.key === "ArrowUp" && at >= 0) {
      (at === 0 ? input : items[at - 1]).focus();
      event.preventDefault();
    }
  });
  document.addEventListener("click", (event) => {
    if (!form.contains(event.target)) close();
  });
  input.addEventListener("click", () => {
    if (input.value.trim() && list.children.length) panel.hidden = false;
  });

  const query = new URLSearchParams(location.search).get("q");
  if (query) {
    input.value = query;
    run();
  }
})();
