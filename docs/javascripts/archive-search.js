/* Archive search: keyboard shortcut for the header box, and the Pagefind results page
   (facets that follow the query, sort by date, pages; all of it in the URL).
   Query rewriting mirrors hooks/newsarchive/search.py, the collation key collation.py. */
(function () {
  "use strict";
  var LABELS = { units: "Đơn vị", campaigns: "Phong trào", directives: "Văn bản", year: "Năm" };
  var FACETS = ["units", "campaigns", "directives", "year"];
  var PAGE_SIZE = 20;
  var CODE = /(\d{1,4})\s*[-\u2013]\s*([A-Za-z\u0110\u0111\u00d0]{1,6})\s*\/\s*([A-Za-z\u0110\u0111\u00d0]{1,10})|(\d{1,4})\s*\/\s*(?:((?:19|20)\d\d)\s*\/\s*)?([A-Za-z\u0110\u0111\u00d0]{1,6})\s*[-\u2013]\s*([A-Za-z\u0110\u0111\u00d0]{1,10}(?:\d{1,2})?)|(\d{1,4})\s*\/\s*((?:19|20)\d\d)\s*\/\s*((?:UBTVQH|QH)\d{1,2})/gi;

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[\u0110\u0111\u00d0]/g, "d").toLowerCase();
  }

  /* "16-CT/TU" -> "16cttu": the compact token that every article citing it carries. */
  function rewrite(query) {
    return query.replace(CODE, function (m, n1, t1, i1, n2, y2, t2, i2, n3, y3, i3) {
      var number = (n1 || n2 || n3).padStart(2, "0");
      var code = n1 ? number + t1 + i1 : n2 ? number + (y2 || "") + t2 + i2 : number + y3 + i3;
      return fold(code).replace(/[^0-9a-z]/g, "");
    });
  }

  /* Keyboard: "/" or "s" focuses the search box, as in Material. */
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
    if (event.key === "/" || event.key === "s" || event.key === "f") {
      var box = document.getElementById("archive-q") || document.getElementById("archive-header-q");
      if (box) { event.preventDefault(); box.focus(); box.select(); }
    }
  });

  /* Pagefind excerpts are text with <mark>; rebuild them from an inert document so that
     nothing but text and <mark> can reach the page. */
  function safeExcerpt(html) {
    var doc = new DOMParser().parseFromString("<p>" + html + "</p>", "text/html");
    var out = document.createElement("p");
    out.className = "archive-card__summary";
    doc.body.firstChild.childNodes.forEach(function (node) {
      if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        out.appendChild(mark);
      } else {
        out.appendChild(document.createTextNode(node.textContent));
      }
    });
    return out;
  }

  /* Vietnamese alphabetical order: the key of hooks/newsarchive/collation.py, so the filters
     list names in the order every other page of the archive uses. */
  var ALPHABET = "a\u0103\u00e2bcd\u0111e\u00eaghiklmno\u00f4\u01a1pqrstu\u01b0vxyfjwz";
  var LETTER_MARKS = { "a\u0306": "\u0103", "a\u0302": "\u00e2", "e\u0302": "\u00ea", "o\u0302": "\u00f4",
                       "o\u031b": "\u01a1", "u\u031b": "\u01b0" };
  var TONES = { "\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5 };
  function collationKey(text) {
    var source = text.trim();
    var decomposed = Array.from(source.replace(/[\u0110\u00d0]/g, "\u0111").normalize("NFD"));
    var original = Array.from(source.normalize("NFD"));
    var units = [];
    decomposed.forEach(function (ch, i) {
      if (/\p{M}/u.test(ch)) {
        var last = units[units.length - 1];
        if (!last) return;
        if (LETTER_MARKS[last[0] + ch]) last[0] = LETTER_MARKS[last[0] + ch];
        else if (TONES[ch]) last[1] = TONES[ch];
        return;
      }
      var o = original[i] || ch;
      units.push([ch.toLowerCase(), 0, (o !== o.toLowerCase() || o === "\u0110") ? 1 : 0]);
    });
    var primary = units.map(function (u) {
      var n = ALPHABET.indexOf(u[0]);
      if (n >= 0) return [2, n, ""];
      if (/\d/.test(u[0])) return [1, Number(u[0]), ""];
      if (/\p{L}/u.test(u[0])) return [2, ALPHABET.length, u[0]];
      return [0, 0, ""];
    });
    return [primary, units.map(function (u) { return u[1]; }), units.map(function (u) { return u[2]; }), text];
  }
  function compareKeys(a, b) {
    if (Array.isArray(a)) {
      for (var i = 0; i < Math.min(a.length, b.length); i++) {
        var c = compareKeys(a[i], b[i]);
        if (c) return c;
      }
      return a.length - b.length;
    }
    return a < b ? -1 : a > b ? 1 : 0;
  }
  function collate(a, b) { return compareKeys(collationKey(a), collationKey(b)); }
  window.archiveCollate = collate;  /* for the browser test that compares orders with the pages */

  function label(text, kind) {
    var span = document.createElement("span");
    span.className = "archive-label archive-label--" + kind;
    span.textContent = text;
    return span;
  }

  function resultItem(data) {
    var li = document.createElement("li");
    li.className = "archive-card";
    var a = document.createElement("a");
    a.className = "archive-card__title";
    a.href = data.url;
    a.textContent = (data.meta && data.meta.title) || data.url;
    li.appendChild(a);
    var meta = document.createElement("span");
    meta.className = "archive-card__meta";
    if (data.meta && data.meta.date) meta.appendChild(document.createTextNode(data.meta.date));
    var filters = data.filters || {};
    /* Small labels: the units, and at most two campaigns (the article page lists them all). */
    [["units", 4], ["campaigns", 2]].forEach(function (shown) {
      (filters[shown[0]] || []).slice().sort(collate).slice(0, shown[1]).forEach(function (name) {
        meta.appendChild(label(name, shown[0]));
      });
    });
    li.appendChild(meta);
    li.appendChild(safeExcerpt(data.excerpt || ""));
    return li;
  }

  /* One facet: options of the current result set only (count > 0), ticked ones always kept. */
  var FACET_SHOWN = 12;
  function facetBox(name, counts, selected, onChange) {
    var box = document.createElement("fieldset");
    box.className = "archive-facet";
    var legend = document.createElement("legend");
    legend.textContent = LABELS[name] || name;
    box.appendChild(legend);
    var entries = Object.keys(counts).filter(function (k) { return counts[k] > 0 || selected.indexOf(k) >= 0; })
      .map(function (k) { return [k, counts[k] || 0]; });
    entries.sort(name === "year" ? function (a, b) { return b[0].localeCompare(a[0]); }
                                 : function (a, b) { return b[1] - a[1] || collate(a[0], b[0]); });
    if (!entries.length) return null;
    entries.forEach(function (entry, n) {
      var row = document.createElement("label");
      var input = document.createElement("input");
      input.type = "checkbox";
      input.name = name;
      input.value = entry[0];
      input.checked = selected.indexOf(entry[0]) >= 0;
      input.addEventListener("change", onChange);
      row.appendChild(input);
      var text = document.createElement("span");
      text.textContent = entry[0];
      row.appendChild(text);
      var count = document.createElement("span");
      count.className = "archive-facet__count";
      count.textContent = entry[1];
      row.appendChild(count);
      if (n >= FACET_SHOWN && !input.checked) row.hidden = true;
      box.appendChild(row);
    });
    if (entries.length > FACET_SHOWN) {
      var all = document.createElement("button");
      all.type = "button";
      all.className = "archive-facet__more";
      all.textContent = "Hiện tất cả (" + entries.length + ")";
      all.addEventListener("click", function () {
        box.querySelectorAll("label[hidden]").forEach(function (row) { row.hidden = false; });
        all.remove();
      });
      box.appendChild(all);
    }
    return box;
  }

  function pager(page, pages, go) {
    var nav = document.createElement("nav");
    nav.className = "archive-pagination";
    nav.setAttribute("aria-label", "Trang kết quả");
    if (pages <= 1) return nav;
    function link(n, text, current) {
      var el = document.createElement(current ? "span" : "a");
      el.textContent = text;
      if (current) { el.setAttribute("aria-current", "page"); return el; }
      el.href = "?" + go(n, true);
      el.addEventListener("click", function (event) { event.preventDefault(); go(n); });
      return el;
    }
    if (page > 1) nav.appendChild(link(page - 1, "« Trang trước"));
    var shown = {};
    [1, pages, page - 2, page - 1, page, page + 1, page + 2].forEach(function (n) { if (n >= 1 && n <= pages) shown[n] = true; });
    var prev = 0;
    Object.keys(shown).map(Number).sort(function (a, b) { return a - b; }).forEach(function (n) {
      if (prev && n - prev > 1) { var gap = document.createElement("span"); gap.textContent = "…"; nav.appendChild(gap); }
      nav.appendChild(link(n, String(n), n === page));
      prev = n;
    });
    if (page < pages) nav.appendChild(link(page + 1, "Trang sau »"));
    return nav;
  }

  async function searchPage(root) {
    var bundle = new URL(root.dataset.pagefind, location.href);
    var base = bundle.pathname.replace(/pagefind\/pagefind\.js$/, "");
    /* The index is loaded at the first query, not with the page: a reader who only looks at
       the form downloads nothing of it (each shard's metadata is ~50 KB). */
    var loading = null;
    function index() {
      if (!loading) loading = (async function () {
        var pagefind = await import(bundle.href);
        await pagefind.options({ baseUrl: base, excerptLength: 30 });
        /* A large archive is indexed in shards of years (see search_index.py): merge them all. */
        var shards = await fetch(new URL("../pagefind-shards.json", bundle)).then(function (r) {
          return r.ok ? r.json() : [];
        }).catch(function () { return []; });
        for (var i = 0; i < shards.length; i++) {
          await pagefind.mergeIndex(new URL("../" + shards[i], bundle).pathname);
        }
        return pagefind;
      })();
      return loading;
    }
    var form = root.querySelector("form");
    var input = root.querySelector("#archive-q");
    var sort = root.querySelector("#archive-sort");
    var status = root.querySelector(".archive-search-status");
    var list = root.querySelector(".archive-search-results");
    var filterBox = root.querySelector(".archive-search-filters");
    var filterSummary = filterBox.querySelector("summary");
    var facets = root.querySelector(".archive-search-facets");
    var pages = root.querySelector(".archive-search-pages");
    var phone = window.matchMedia("(max-width: 45em)");
    var state = { q: "", sort: "", page: 1, selected: {} };

    function readUrl() {
      var params = new URLSearchParams(location.search);
      state.q = params.get("q") || "";
      state.sort = params.get("sort") || "";
      state.page = Math.max(1, parseInt(params.get("page"), 10) || 1);
      FACETS.forEach(function (f) { state.selected[f] = params.getAll(f); });
      input.value = state.q;
      sort.value = state.sort;
    }
    function query(page) {
      var params = new URLSearchParams();
      if (state.q) params.set("q", state.q);
      if (state.sort) params.set("sort", state.sort);
      FACETS.forEach(function (f) { state.selected[f].forEach(function (v) { params.append(f, v); }); });
      if (page > 1) params.set("page", page);
      return params.toString();
    }
    /* Pagefind loads (and counts) only the filters a search names: an unchosen facet is
       named with an empty "all", which keeps every result. */
    function filtersWithout(skip) {
      var filters = {};
      var counted = facetsWanted();
      FACETS.forEach(function (f) {
        if (f !== skip && state.selected[f].length) filters[f] = { any: state.selected[f] };
        else if (counted) filters[f] = { all: [] };
      });
      return filters;
    }
    /* Facet counts cost the filter index of every shard; a phone reader who keeps "Bộ lọc"
       folded does not download it (it is loaded when they open it). */
    function facetsWanted() { return filterBox.open || chosen(); }
    function chosen() { return FACETS.some(function (f) { return state.selected[f].length; }); }
    /* A new query, filter or page is a history entry: links can be shared, Back returns. */
    function navigate(changes) {
      Object.assign(state, changes);
      history.pushState(null, "", "?" + query(state.page));
      run().catch(failed);
    }
    function readFacets() {
      FACETS.forEach(function (f) {
        state.selected[f] = Array.from(facets.querySelectorAll("input[name='" + f + "']:checked")).map(function (i) { return i.value; });
      });
      navigate({ page: 1 });
    }

    var generation = 0;
    async function run() {
      var mine = ++generation;
      var text = state.q.trim();
      var filters = filtersWithout(null);
      var options = { filters: filters };
      if (state.sort) options.sort = { date: state.sort };
      if (!text && !chosen()) {
        list.textContent = ""; facets.textContent = ""; pages.textContent = "";
        filterBox.hidden = true;
        status.textContent = "Nhập từ khóa (có thể gõ không dấu) hoặc chọn bộ lọc.";
        return;
      }
      status.textContent = "Đang tìm…";
      var pagefind = await index();
      var term = text ? rewrite(text) : null;
      var search = await pagefind.search(term, options);
      /* Counts per facet come from the results of the query with the other facets' choices:
         ticking one more option of a facet adds results, so its own choices are left out. */
      var counts = {};
      var counted = facetsWanted();
      for (var n = 0; counted && n < FACETS.length; n++) {
        var f = FACETS[n];
        if (state.selected[f].length) {
          var others = await pagefind.search(term, { filters: filtersWithout(f) });
          counts[f] = (others && others.filters && others.filters[f]) || {};
        } else {
          counts[f] = (search.filters && search.filters[f]) || {};
        }
      }
      var total = search.results.length;
      var last = Math.max(1, Math.ceil(total / PAGE_SIZE));
      var page = Math.min(state.page, last);
      var data = await Promise.all(search.results.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE)
        .map(function (r) { return r.data(); }));
      if (mine !== generation) return;  /* a newer search has started */
      list.textContent = "";
      list.start = (page - 1) * PAGE_SIZE + 1;
      data.forEach(function (d) { list.appendChild(resultItem(d)); });
      facets.textContent = "";
      facets.dataset.counted = counted ? "yes" : "";
      FACETS.forEach(function (f) {
        var box = counted && facetBox(f, counts[f], state.selected[f], readFacets);
        if (box) facets.appendChild(box);
      });
      var ticked = FACETS.reduce(function (sum, f) { return sum + state.selected[f].length; }, 0);
      filterBox.hidden = counted ? !facets.childElementCount : total === 0;
      filterSummary.textContent = ticked ? "Bộ lọc (" + ticked + " đang chọn)" : "Bộ lọc";
      pages.textContent = "";
      pages.appendChild(pager(page, last, function (n, hrefOnly) {
        if (hrefOnly) return query(n);
        navigate({ page: n });
        root.scrollIntoView();
      }));
      status.textContent = total
        ? total + " kết quả" + (last > 1 ? " · trang " + page + "/" + last : "")
        : "Không tìm thấy bài viết phù hợp.";
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      navigate({ q: input.value.trim(), sort: sort.value, page: 1 });
    });
    sort.addEventListener("change", function () { navigate({ sort: sort.value, page: 1 }); });
    window.addEventListener("popstate", function () { readUrl(); run().catch(failed); });
    /* Filters are folded on a phone, so the first result is on the first screen. */
    filterBox.open = !phone.matches;
    filterBox.addEventListener("toggle", function () {
      if (filterBox.open && !facets.dataset.counted) run().catch(failed);
    });
    readUrl();
    run().catch(failed);
  }
  function failed(error) {
    var status = document.querySelector(".archive-search-status");
    if (status) status.textContent = "Không tải được chỉ mục tìm kiếm.";
    console.warn("archive search:", error);
  }

  /* /van-ban/: narrow the list of codes as the reader types ("16ct", "16-CT/TU", "nđ-cp").
     A large archive's codes are not on the page but in a JSON file, read at the first key. */
  var CODES_SHOWN = 100;
  function compact(text) { return fold(text).replace(/[^0-9a-z]/g, ""); }
  function codeFilter(section) {
    var form = section.querySelector(".archive-codes__filter");
    var input = form.querySelector("input");
    var status = form.querySelector(".archive-codes__status");
    form.hidden = false;
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    if (section.dataset.codes) return remoteCodes(section, input, status);
    var items = Array.from(section.querySelectorAll("li[data-code]"));
    input.addEventListener("input", function () {
      var wanted = compact(input.value);
      var shown = 0;
      items.forEach(function (li) {
        li.hidden = wanted !== "" && li.dataset.code.indexOf(wanted) < 0;
        if (!li.hidden) shown++;
      });
      section.querySelectorAll(".archive-codes__group").forEach(function (group) {
        group.hidden = !group.querySelector("li[data-code]:not([hidden])");
      });
      status.textContent = wanted ? (shown ? shown + " văn bản khớp" : "Không có văn bản nào có số hiệu này.") : "";
    });
  }
  function remoteCodes(section, input, status) {
    var found = section.querySelector(".archive-codes__found");
    var source = new URL(section.dataset.codes, location.href);
    var codes = null;
    function show() {
      var wanted = compact(input.value);
      found.textContent = "";
      if (!wanted) { status.textContent = ""; return; }
      var hits = [];
      codes.forEach(function (group) {
        group.codes.forEach(function (c) { if (c.key.indexOf(wanted) >= 0) hits.push([group, c]); });
      });
      hits.slice(0, CODES_SHOWN).forEach(function (hit) {
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = new URL("../" + hit[1].url, source).href;
        a.textContent = hit[1].name;
        li.appendChild(a);
        li.appendChild(document.createTextNode((hit[1].year ? " (" + hit[1].year + ")" : "") + " "));
        var count = document.createElement("span");
        count.className = "archive-count";
        count.textContent = hit[1].count + " bài · " + hit[0].title;
        li.appendChild(count);
        found.appendChild(li);
      });
      status.textContent = hits.length
        ? hits.length + " văn bản khớp" + (hits.length > CODES_SHOWN ? " (hiện " + CODES_SHOWN + " đầu tiên, gõ thêm để thu hẹp)" : "")
        : "Không có văn bản nào có số hiệu này.";
    }
    input.addEventListener("input", function () {
      if (codes) return show();
      status.textContent = "Đang tải danh sách số hiệu…";
      fetch(source).then(function (r) { return r.json(); }).then(function (data) {
        codes = data.map(function (g) {
          return { title: g.title, codes: g.codes.map(function (c) {
            return { name: c[0], url: c[1], count: c[2], year: c[3], key: compact(c[0]) }; }) };
        });
        show();
      }).catch(function () { status.textContent = "Không tải được danh sách số hiệu."; });
    });
  }
  var codes = document.querySelector(".archive-codes");
  if (codes) codeFilter(codes);

  var root = document.querySelector(".archive-search-page[data-pagefind]");
  if (root) {
    searchPage(root).catch(failed);
  }
})();
