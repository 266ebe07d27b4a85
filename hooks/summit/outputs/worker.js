/* The site's service worker (summit/outputs/offline.py writes it at the site's root with the build's
 * values): the programme offline at the venue.
 * - the theme's and the site's styles, scripts and icons (PRECACHE: path and content hash, from the
 *   build) are fetched at install, only those whose hash changed, and served from the cache;
 * - pages and the api's JSON: the network first (a new build is seen at once online), the copy kept
 *   when the network fails or is slower than TIMEOUT; at most MAX_PAGES kept, the least recently used
 *   going first; a page never opened: a short bilingual note;
 * - images: from the cache when there, at most MAX_MEDIA;
 * - a page asks (postMessage {type: "summit-keep", urls}) for what its readers will want offline: its
 *   language's home, schedule and agenda; an event's page its api file and its people's pages. A kept
 *   copy older than this build is fetched again; one as new counts as used (it becomes the newest), so
 *   what every page asks for is the last to go.
 * The editing page (admin/) is left to the network. */
"use strict";
var ROOT = new URL("./", self.location).href;
var BUILD = __BUILD__;
var PRECACHE = __PRECACHE__;
var MAX_PAGES = __MAX_PAGES__;
var MAX_MEDIA = __MAX_MEDIA__;
var TIMEOUT = __TIMEOUT__;
var OFFLINE_PAGE = __OFFLINE_PAGE__;
var ASSETS = "summit-assets", PAGES = "summit-pages", MEDIA = "summit-media";
var limit = Number(new URL(self.location).searchParams.get("pages")) || MAX_PAGES;

function versioned(entry) { return ROOT + entry[0] + "?v=" + entry[1]; }
var byUrl = {};
PRECACHE.forEach(function (entry) { byUrl[ROOT + entry[0]] = versioned(entry); });

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(ASSETS).then(function (cache) {
    return Promise.all(PRECACHE.map(function (entry) {
      var key = versioned(entry);
      return cache.match(key).then(function (found) {
        if (found) return null;
        return fetch(ROOT + entry[0], { cache: "no-cache" }).then(function (response) {
          if (!response.ok) throw new Error(entry[0] + ": " + response.status);
          return cache.put(key, response);
        });
      });
    }));
  }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.open(ASSETS).then(function (cache) {
    var wanted = {};
    PRECACHE.forEach(function (entry) { wanted[versioned(entry)] = true; });
    return cache.keys().then(function (keys) {
      return Promise.all(keys.filter(function (r) { return !wanted[r.url]; }).map(function (r) { return cache.delete(r); }));
    });
  }).then(function () { return self.clients.claim(); }));
});

function pageKey(url) {
  var u = new URL(url);
  u.search = "";
  u.hash = "";
  return u.href;
}

/** Drop the oldest entries of ``cache`` beyond ``max``. */
function trim(cache, max) {
  return cache.keys().then(function (keys) {
    return Promise.all(keys.slice(0, Math.max(0, keys.length - max)).map(function (r) { return cache.delete(r); }));
  });
}

/** Put ``response`` as the newest entry (one step: a replaced entry is never missing), then drop the
 * oldest beyond ``max``. */
function keep(name, key, response, max) {
  return caches.open(name).then(function (cache) {
    return cache.put(key, response).then(function () { return trim(cache, max); });
  });
}

function offline() {
  return new Response(OFFLINE_PAGE, { status: 503, headers: { "Content-Type": "text/html; charset=utf-8" } });
}

/** The network, its answer kept; the kept copy when the network fails or takes longer than TIMEOUT. */
function networkFirst(request) {
  var key = pageKey(request.url);
  var timer;
  var fresh = fetch(request).then(function (response) {
    clearTimeout(timer);  // in time: no kept copy is looked up
    if (response.ok && response.type === "basic") keep(PAGES, key, response.clone(), limit);
    return response;
  });
  var late = new Promise(function (resolve) {
    timer = setTimeout(function () {
      caches.match(key, { cacheName: PAGES }).then(function (found) { if (found) resolve(found); });
    }, TIMEOUT);
  });
  return Promise.race([fresh, late]).catch(function () {
    return caches.match(key, { cacheName: PAGES }).then(function (found) {
      return found || (request.mode === "navigate" ? offline() : Response.error());
    });
  });
}

function mediaFirst(request) {
  return caches.match(request.url, { cacheName: MEDIA }).then(function (found) {
    return found || fetch(request).then(function (response) {
      if (response.ok && response.type === "basic") keep(MEDIA, request.url, response.clone(), MAX_MEDIA);
      return response;
    });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET" || request.url.indexOf(ROOT) !== 0 || request.url.indexOf(ROOT + "admin/") === 0) return;
  var url = new URL(request.url);
  var bare = url.origin + url.pathname;
  if (byUrl[bare]) {
    event.respondWith(caches.match(byUrl[bare], { cacheName: ASSETS }).then(function (found) {
      return found || fetch(request);
    }));
    return;
  }
  var path = url.pathname;
  if (request.mode === "navigate" || /\/$|\.html$/.test(path) || /\/api\/.*\.json$/.test(path)) {
    event.respondWith(networkFirst(request));
  } else if (/\/(images|icons|qr)\/[^?]*\.(png|jpe?g|webp|avif|svg)$/.test(path)) {
    event.respondWith(mediaFirst(request));
  }
});

/** What a page asks to keep: fetched when missing or older than this build. */
self.addEventListener("message", function (event) {
  var data = event.data || {};
  if (data.type !== "summit-keep" || !Array.isArray(data.urls)) return;
  var urls = data.urls.filter(function (u) { return typeof u === "string" && u.indexOf(ROOT) === 0; }).slice(0, limit);
  event.waitUntil(caches.open(PAGES).then(function (cache) {
    return Promise.all(urls.map(function (u) {
      var key = pageKey(u);
      return cache.match(key).then(function (found) {
        var date = found && Date.parse(found.headers.get("date") || "");
        if (found && date && date >= BUILD) return cache.put(key, found);  // used: the newest again
        return fetch(key).then(function (response) {
          if (response.ok) return cache.put(key, response);
          return null;
        }).catch(function () { return null; });
      });
    })).then(function () { return trim(cache, limit); });  // once for the whole request
  }).then(function () {
    if (event.source) event.source.postMessage({ type: "summit-kept", count: urls.length });
  }));
});
