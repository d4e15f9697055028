/* Archive search: keyboard shortcut for the header box, and the Pagefind results page
   (facets, sort by date, "load more"). Query rewriting mirrors hooks/newsarchive/search.py. */
(function () {
  "use strict";
  var LABELS = { units: "Đơn vị", campaigns: "Phong trào", directives: "Văn bản", year: "Năm" };
  var FACETS = ["units", "campaigns", "directives", "year"];
  var PAGE_SIZE = 20;
  var CODE = /(\d{1,4})\s*[-\u2013]\s*([A-Za-z\u0110\u0111\u00d0]{1,6})\s*\/\s*([A-Za-z\u0110\u0111\u00d0]{1,10})|(\d{1,4})\s*\/\s*(?:((?:19|20)\d\d)\s*\/\s*)?([A-Za-z\u0110\u0111\u00d0]{1,6})\s*[-\u2013]\s*([A-Za-z\u0110\u0111\u00d0]{1,10})/g;

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[\u0110\u0111\u00d0]/g, "d").toLowerCase();
  }

  /* "16-CT/TU" -> "16cttu": the compact token that every article citing it carries. */
  function rewrite(query) {
    return query.replace(CODE, function (m, n1, t1, i1, n2, y2, t2, i2) {
      var number = (n1 || n2).padStart(2, "0");
      var code = n1 ? number + t1 + i1 : number + (y2 || "") + t2 + i2;
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

  function resultItem(data) {
    var li = document.createElement("li");
    li.className = "archive-card";
    var a = document.createElement("a");
    a.className = "archive-card__title";
    a.href = data.url;
    a.textContent = (data.meta && data.meta.title) || data.url;
    li.appendChild(a);
    if (data.meta && data.meta.date) {
      var meta = document.createElement("span");
      meta.className = "archive-card__meta";
      meta.textContent = data.meta.date;
      li.appendChild(meta);
    }
    li.appendChild(safeExcerpt(data.excerpt || ""));
    return li;
  }

  function facetBox(name, values, selected, onChange) {
    var box = document.createElement("details");
    box.open = selected.length > 0 || name === "units";
    var summary = document.createElement("summary");
    summary.textContent = LABELS[name] || name;
    box.appendChild(summary);
    var entries = Object.keys(values).map(function (k) { return [k, values[k]]; });
    entries.sort(name === "year" ? function (a, b) { return b[0].localeCompare(a[0]); }
                                 : function (a, b) { return b[1] - a[1] || a[0].localeCompare(b[0], "vi"); });
    entries.forEach(function (entry) {
      var label = document.createElement("label");
      var input = document.createElement("input");
      input.type = "checkbox";
      input.name = name;
      input.value = entry[0];
      input.checked = selected.indexOf(entry[0]) >= 0;
      input.addEventListener("change", onChange);
      label.appendChild(input);
      label.appendChild(document.createTextNode(" " + entry[0] + " (" + entry[1] + ")"));
      box.appendChild(label);
    });
    return box;
  }

  async function searchPage(root) {
    var bundle = new URL(root.dataset.pagefind, location.href);
    var base = bundle.pathname.replace(/pagefind\/pagefind\.js$/, "");
    var pagefind = await import(bundle.href);
    await pagefind.options({ baseUrl: base, excerptLength: 30 });
    /* A large archive is indexed in shards of years (see search_index.py): merge them all. */
    var shards = await fetch(new URL("../pagefind-shards.json", bundle)).then(function (r) {
      return r.ok ? r.json() : [];
    }).catch(function () { return []; });
    for (var i = 0; i < shards.length; i++) {
      await pagefind.mergeIndex(new URL("../" + shards[i], bundle).pathname);
    }
    var form = root.querySelector("form");
    var input = root.querySelector("#archive-q");
    var sort = root.querySelector("#archive-sort");
    var status = root.querySelector(".archive-search-status");
    var list = root.querySelector(".archive-search-results");
    var facets = root.querySelector(".archive-search-facets");
    var params = new URLSearchParams(location.search);
    input.value = params.get("q") || "";
    sort.value = params.get("sort") || "";
    var selected = {};
    FACETS.forEach(function (f) { selected[f] = params.getAll(f); });
    var available = await pagefind.filters();
    var shown = [];
    var more = document.createElement("button");
    more.type = "button";
    more.textContent = "Xem thêm kết quả";
    more.hidden = true;
    list.after(more);

    function readFacets() {
      FACETS.forEach(function (f) {
        selected[f] = Array.from(facets.querySelectorAll("input[name='" + f + "']:checked")).map(function (i) { return i.value; });
      });
    }
    FACETS.forEach(function (f) {
      if (available[f] && Object.keys(available[f]).length) {
        facets.appendChild(facetBox(f, available[f], selected[f], function () { readFacets(); run(); }));
      }
    });

    async function showMore() {
      var next = shown.splice(0, PAGE_SIZE);
      var data = await Promise.all(next.map(function (r) { return r.data(); }));
      data.forEach(function (d) { list.appendChild(resultItem(d)); });
      more.hidden = shown.length === 0;
    }
    more.addEventListener("click", showMore);

    async function run() {
      var query = input.value.trim();
      var filters = {};
      FACETS.forEach(function (f) { if (selected[f].length) filters[f] = { any: selected[f] }; });
      var options = { filters: filters };
      if (sort.value) options.sort = { date: sort.value };
      var url = new URL(location.href);
      url.search = "";
      if (query) url.searchParams.set("q", query);
      if (sort.value) url.searchParams.set("sort", sort.value);
      FACETS.forEach(function (f) { selected[f].forEach(function (v) { url.searchParams.append(f, v); }); });
      history.replaceState(null, "", url);
      list.textContent = "";
      if (!query && !Object.keys(filters).length) {
        status.textContent = "Nhập từ khóa (có thể gõ không dấu) hoặc chọn bộ lọc.";
        more.hidden = true;
        return;
      }
      status.textContent = "Đang tìm…";
      var search = await pagefind.search(query ? rewrite(query) : null, options);
      shown = search.results.slice();
      await showMore();
      status.textContent = search.results.length ? search.results.length + " kết quả" : "Không tìm thấy bài viết phù hợp.";
    }

    form.addEventListener("submit", function (event) { event.preventDefault(); run(); });
    sort.addEventListener("change", run);
    run();
  }

  var root = document.querySelector(".archive-search-page[data-pagefind]");
  if (root) {
    searchPage(root).catch(function (error) {
      var status = root.querySelector(".archive-search-status");
      status.textContent = "Không tải được chỉ mục tìm kiếm.";
      console.warn("archive search:", error);
    });
  }
})();
