// foiparse review site: the index of every document, sorted, filtered and paged in the page.
// Rows: [id, path, status, authority, date, outcome, format, exemptions, totals, tables, error class, error].
// Every value is put in the page as text (textContent), never as markup.
(function () {
  "use strict";
  var rows = JSON.parse(document.getElementById("rows").textContent);
  var hay = rows.map(function (r) { return [r[1], r[3], r[7], r[10], r[11]].join("\n").toLowerCase(); });
  rows.forEach(function (r, i) { r.push(i); });  // each row's place, to find its search text
  var PAGE = 100;
  var state = { q: "", status: "", outcome: "", authority: "", provision: "", sort: 1, dir: 1, page: 0, fpage: 0 };
  var $ = function (id) { return document.getElementById(id); };

  function options(select, values) {
    values.forEach(function (v) {
      var o = document.createElement("option");
      o.value = v; o.textContent = v;
      select.appendChild(o);
    });
  }
  function distinct(pick) {
    var seen = Object.create(null);
    rows.forEach(function (r) { pick(r).forEach(function (v) { if (v) { seen[v] = true; } }); });
    return Object.keys(seen).sort();
  }
  options($("status"), distinct(function (r) { return [r[2]]; }));
  options($("outcome"), distinct(function (r) { return [r[5]]; }));
  options($("authority"), distinct(function (r) { return [r[3]]; }));
  options($("provision"), distinct(function (r) { return r[7] ? r[7].split("; ") : []; }));

  function matches(r) {
    if (state.status && r[2] !== state.status) { return false; }
    if (state.outcome && r[5] !== state.outcome) { return false; }
    if (state.authority && r[3] !== state.authority) { return false; }
    if (state.provision && (r[7] ? r[7].split("; ") : []).indexOf(state.provision) < 0) { return false; }
    if (state.q && hay[r[12]].indexOf(state.q) < 0) { return false; }
    return true;
  }
  function compare(a, b) {
    var x = a[state.sort], y = b[state.sort];
    if (x === y) { return a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0; }
    if (x === null || x === undefined || x === "") { return 1; }
    if (y === null || y === undefined || y === "") { return -1; }
    return (x < y ? -1 : 1) * state.dir;
  }
  function cell(tr, value, href) {
    var td = document.createElement("td");
    if (href) {
      var a = document.createElement("a");
      a.href = href; a.textContent = value;
      td.appendChild(a);
      td.className = "path";
    } else {
      td.textContent = value === null || value === undefined ? "" : String(value);
    }
    tr.appendChild(td);
  }
  function page(list, at, body, where, prev, next, fill) {
    var pages = Math.max(1, Math.ceil(list.length / PAGE));
    at = Math.min(at, pages - 1);
    var frag = document.createDocumentFragment();
    list.slice(at * PAGE, at * PAGE + PAGE).forEach(function (r) {
      var tr = document.createElement("tr");
      fill(tr, r);
      frag.appendChild(tr);
    });
    body.textContent = "";
    body.appendChild(frag);
    where.textContent = list.length ? "rows " + (at * PAGE + 1) + "–" + Math.min(list.length, at * PAGE + PAGE) + " of " + list.length : "no rows";
    prev.disabled = at <= 0;
    next.disabled = at >= pages - 1;
    return at;
  }
  function render() {
    var shown = rows.filter(matches).sort(compare);
    $("shown").textContent = shown.length + " of " + rows.length + " documents";
    state.page = page(shown, state.page, document.querySelector("#documents tbody"), $("where"), $("prev"), $("next"), function (tr, r) {
      cell(tr, r[1], "docs/" + Number(r[0]) + ".html");
      [2, 3, 4, 5, 7, 8, 9].forEach(function (k) { cell(tr, k === 5 && r[k] ? String(r[k]).replace(/_/g, " ") : r[k]); });
      cell(tr, r[10] ? r[10] + ": " + (r[11] || "") : "");
    });
    var failed = rows.filter(function (r) { return r[2] === "failed" || r[2] === "timeout"; });
    state.fpage = page(failed, state.fpage, document.querySelector("#failures tbody"), $("fwhere"), $("fprev"), $("fnext"), function (tr, r) {
      cell(tr, r[1], "docs/" + Number(r[0]) + ".html");
      cell(tr, r[2]);
      cell(tr, (r[10] || "") + ": " + (r[11] || ""));
    });
  }
  ["status", "outcome", "authority", "provision"].forEach(function (id) {
    $(id).addEventListener("change", function () { state[id] = $(id).value; state.page = 0; render(); });
  });
  $("q").addEventListener("input", function () { state.q = $("q").value.trim().toLowerCase(); state.page = 0; render(); });
  document.querySelectorAll("#documents th button[data-sort]").forEach(function (b) {
    b.addEventListener("click", function () {
      var k = Number(b.getAttribute("data-sort"));
      state.dir = state.sort === k ? -state.dir : 1;
      state.sort = k; state.page = 0;
      render();
    });
  });
  $("prev").addEventListener("click", function () { state.page -= 1; render(); });
  $("next").addEventListener("click", function () { state.page += 1; render(); });
  $("fprev").addEventListener("click", function () { state.fpage -= 1; render(); });
  $("fnext").addEventListener("click", function () { state.fpage += 1; render(); });
  render();
  window.foiparseIndexReady = performance.now();  // the benchmark reads how long the index took to be usable
  document.documentElement.setAttribute("data-ready", String(rows.length));
})();
