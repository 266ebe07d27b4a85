/* The site's search box: results of the reader's language only, from Pagefind's index, which is loaded
   in shards when the box is first used (no request leaves the site).

   Chinese is looked up by its character pairs (see hooks/summit/search.py): 温哥华 is the terms for 温哥
   and 哥华, spelled in Latin letters as the index spells them; so names and words inside longer words
   are found whatever a dictionary would say. Results are ranked by Pagefind (a title counts most). */
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
  const PAGE = 6;
  const CJK = /[\u2e80-\u2fdf\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{3134f}]/u;
  const PUNCTUATION = /[\p{P}\p{S}]/u;
  const TERMS = /\s*⟦[^⟧]*(⟧|$)|^[^⟦]*⟧/g;
  const MOST = 5;
  const WINDOW = 70;
  const HALF = "half";

  let loading = null;
  let asked = 0;
  let matches = [];
  let shown = 0;

  let dictionary = null;

  function load() {
    if (!loading) {
      loading = import(new URL("pagefind.js", bundle).href).then(async (pagefind) => {
        await pagefind.options({ basePath: bundle.pathname, excerptLength: 30 });
        await pagefind.init();
        let filters = await pagefind.filters();
        if (filters && filters.part) {
          /* An index in parts is also in two halves (search.py: HALF, build_index); Pagefind searches
             both and ranks their results as one list. */
          await pagefind.mergeIndex(new URL(`${HALF}/`, bundle).pathname, { excerptLength: 30 });
          filters = await pagefind.filters();
        }
        const parts = Object.keys((filters && filters.part) || {}).sort((a, b) => a - b);
        form.dataset.ready = "";
        return { pagefind, parts };
      });
      loading.catch(() => {});
    }
    return loading;
  }

  /* The content's own names, fetched the first time a query needs splitting. */
  function names() {
    if (!dictionary) {
      dictionary = fetch(new URL("summit-words.json", bundle))
        .then((r) => (r.ok ? r.json() : []))
        .catch(() => [])
        .then((list) => ({ words: new Set(list), longest: Math.max(0, ...list.map((w) => Array.from(w).length)) }));
    }
    return dictionary;
  }

  const LETTERS = "abcdefghijklmnopqrstuvwxyz";
  function spell(ch) {
    let n = ch.codePointAt(0);
    let out = "";
    for (let i = 0; i < 4; i++) {
      out = LETTERS[n % 26] + out;
      n = Math.floor(n / 26);
    }
    return out;
  }

  /* A word as its search terms: each run of Chinese as its character pairs (or its one character),
     other runs of letters and digits as they are. */
  function terms(word) {
    const out = [];
    let latin = "";
    let run = [];
    const flush = () => {
      if (latin) out.push(latin.toLowerCase());
      // one character: the start of every pair it begins (Pagefind matches the starts of terms)
      if (run.length === 1) out.push("q" + spell(run[0]));
      for (let i = 0; i + 1 < run.length; i++) out.push("q" + spell(run[i]) + spell(run[i + 1]));
      latin = "";
      run = [];
    };
    for (const ch of word) {
      if (CJK.test(ch)) {
        if (latin) flush();
        run.push(ch);
      } else if (PUNCTUATION.test(ch) || /\s/.test(ch)) {
        flush();
      } else {
        if (run.length) flush();
        latin += ch;
      }
    }
    flush();
    return out;
  }

  /* The terms to search: at most MOST, spread over the query (each is a shard to download, and a long
     query is selective with fewer). */
  function capped(list) {
    const unique = [...new Set(list)];
    if (unique.length <= MOST) return unique;
    return Array.from({ length: MOST }, (_, i) => unique[Math.round((i * (unique.length - 1)) / (MOST - 1))]);
  }

  /* A Chinese word written without spaces, as words: the content's own names first (the longest that
     fits), the browser's segmenter for the rest (温哥华路演 -> 温哥华 路演). */
  function segment(word, known) {
    const chars = Array.from(word);
    const parts = [];
    let rest = "";
    const segmenter = typeof Intl !== "undefined" && Intl.Segmenter ? new Intl.Segmenter("zh", { granularity: "word" }) : null;
    const flush = () => {
      if (!rest) return;
      if (segmenter) {
        for (const { segment: part, isWordLike } of segmenter.segment(rest)) if (isWordLike) parts.push(part);
      } else {
        parts.push(...Array.from(rest));
      }
      rest = "";
    };
    for (let i = 0; i < chars.length; ) {
      let found = "";
      for (let end = Math.min(chars.length, i + known.longest); end > i + 1 && !found; end--) {
        const candidate = chars.slice(i, end).join("");
        if (known.words.has(candidate)) found = candidate;
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

  const best = (a, b) => b.score - a.score;

  /* Pages holding every term, best first, or null once a newer query has started. A large index is
     searched part by part (hooks/summit/search.py: Pagefind's time grows with matches times term
     pages); `first` is told the first part's best and the total as soon as they are known. A page scores
     the same in every part, so the merged list is ranked as one search would rank it. */
  async function lookup(engine, terms, search, first) {
    const query = terms.join(" ");
    if (engine.parts.length < 2) {
      const found = await engine.pagefind.search(query);
      return found ? found.results : [];
    }
    let all = [];
    let total = null;
    let told = false;
    for (const part of engine.parts) {
      if (search !== asked) return null;
      const found = await engine.pagefind.search(query, { filters: { part } });
      if (!found) continue;
      all = all.concat(found.results);
      if (total === null) total = found.unfilteredResultCount;
      if (all.length >= total) break;
      if (!told && all.length) {
        told = true;
        await first(all.slice().sort(best), total);
      }
    }
    return all.sort(best);
  }

  /* Pages that hold every word of the query, best first (null once a newer query has started). A
     Chinese word is looked up by its pairs; when nothing holds them all, it is split into words
     (温哥华路演 -> 温哥华 路演) and the pairs across the split are dropped. */
  async function find(engine, query, search, first) {
    const words = query.trim().split(/\s+/).filter(Boolean);
    const all = capped(words.flatMap(terms));
    if (!all.length) return [];
    const found = await lookup(engine, all, search, first);
    if (!found || found.length || !words.some((w) => CJK.test(w) && Array.from(w).length > 2)) return found;
    const known = await names();
    const split = capped(words.flatMap((w) => (CJK.test(w) ? segment(w, known) : [w])).flatMap(terms));
    return lookup(engine, split, search, first);
  }

  function say(text) {
    count.textContent = text;
    status.textContent = text;
  }

  function counted(key, n) {
    return (n === 1 && strings.count_one ? strings.count_one : strings[key] || "").replace("{n}", n);
  }

  function paragraph(pieces) {
    const p = document.createElement("p");
    p.className = "summit-search__excerpt";
    for (const [text, marked] of pieces) {
      if (!text) continue;
      if (marked) {
        const mark = document.createElement("mark");
        mark.textContent = text;
        p.append(mark);
      } else {
        p.append(text);
      }
    }
    return p;
  }

  /* What a result shows of its page, as text and <mark> only, without the index's terms. For a
     Chinese query: the text around the first place holding a query word, each such word marked (or,
     where it does not stand whole, its character pairs). Otherwise Pagefind's excerpt: English is
     stemmed, and Pagefind knows where the stems stand. */
  function excerpt(data, words) {
    const wanted = words
      .filter((w) => CJK.test(w))
      .map((w) => w.replace(/[\p{P}\p{S}]/gu, "").toLowerCase())
      .filter(Boolean);
    if (!wanted.length) {
      const doc = new DOMParser().parseFromString(`<body>${data.excerpt || ""}</body>`, "text/html");
      const pieces = [...doc.body.childNodes].map((n) => [n.textContent, n.nodeName === "MARK"]);
      const text = pieces.map(([t]) => t).join("");
      if (!text.includes("⟦") && !text.includes("⟧")) return paragraph(pieces);
      return paragraph([[text.replace(TERMS, ""), false]]);
    }
    const text = (data.content || "").replace(TERMS, "").replace(/\s+/g, " ").trim();
    const lower = text.toLowerCase();
    const marked = new Array(text.length).fill(false);
    const markAll = (needle) => {
      let hits = 0;
      for (let at = lower.indexOf(needle); needle && at >= 0; at = lower.indexOf(needle, at + 1)) {
        marked.fill(true, at, at + needle.length);
        hits++;
      }
      return hits;
    };
    for (const word of wanted) {
      if (markAll(word)) continue;
      const chars = Array.from(word);
      if (chars.length === 1) continue;
      for (let i = 0; i + 1 < chars.length; i++) markAll(chars[i] + chars[i + 1]);
    }
    const first = Math.max(0, marked.indexOf(true));
    const start = Math.max(0, first - 20);
    const end = Math.min(text.length, start + WINDOW);
    const pieces = [[start > 0 ? "…" : "", false]];
    for (let i = start; i < end; ) {
      let j = i;
      while (j < end && marked[j] === marked[i]) j++;
      pieces.push([text.slice(i, j), marked[i]]);
      i = j;
    }
    pieces.push([end < text.length ? "…" : "", false]);
    return paragraph(pieces);
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
    li.append(excerpt(data, words));
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

  /* Show `found` (of `total`): the first PAGE, or as many as are shown already; what is shown stays
     when the same pages lead. */
  async function show(search, found, total) {
    const keep = Math.max(PAGE, shown);
    const same = found.length >= shown && shown > 0 && matches.slice(0, shown).every((r, i) => r.id === found[i].id);
    matches = found;
    panel.hidden = false;
    const text = total ? counted("count", total) : strings.none || "";
    if (count.textContent !== text) say(text);
    if (same) {
      more.hidden = shown >= matches.length;
      return;
    }
    const items = await Promise.all(found.slice(0, keep).map((r) => r.data()));
    if (search !== asked) return;
    const words = input.value.trim().split(/\s+/);
    shown = items.length;
    list.replaceChildren(...items.map((data) => item(data, words)));
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
    if (search !== asked) return;
    matches = [];
    shown = 0;
    const elapsed = () => String(Math.round(performance.now() - started));
    const first = async (found, total) => {
      if (search !== asked) return;
      await show(search, found, total);
      if (search === asked) form.dataset.firstMs = elapsed();
    };
    const found = await find(engine, query, search, first);
    if (found === null || search !== asked) return;
    const firstShown = shown > 0;
    await show(search, found, found.length);
    if (search === asked) {
      if (!firstShown) form.dataset.firstMs = elapsed();
      form.dataset.searchMs = elapsed();
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
  document.addEventListener("keydown", (event) => {
    const typing = event.target.closest && event.target.closest("input, textarea, select, [contenteditable]");
    if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      input.focus();
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
