// foiparse review pages: go from a value to its place in the text, and step through the highlights.
// Reads only what the page holds; adds no markup from the document (textContent only).
(function () {
  "use strict";
  var marks = document.querySelectorAll("mark[data-ids]");
  var byId = Object.create(null);
  var order = [];
  Array.prototype.forEach.call(marks, function (m) {
    m.getAttribute("data-ids").split(" ").forEach(function (id) {
      if (!byId[id]) { byId[id] = []; order.push(id); }
      byId[id].push(m);
    });
  });
  var current = -1;
  var now = document.querySelector(".keys .now");
  function clear(cls) {
    Array.prototype.forEach.call(document.querySelectorAll("mark." + cls), function (m) { m.classList.remove(cls); });
  }
  function go(id) {
    var found = byId[id];
    if (!found) { return; }
    clear("current");
    clear("flash");
    found.forEach(function (m) { m.classList.add("current"); m.classList.add("flash"); });
    found[0].scrollIntoView({ block: "center" });
    found[0].setAttribute("tabindex", "-1");
    found[0].focus({ preventScroll: true });
    window.setTimeout(function () { found.forEach(function (m) { m.classList.remove("flash"); }); }, 1500);
    current = order.indexOf(id);
    if (now) { now.textContent = (current + 1) + " of " + order.length + ": " + (found[0].getAttribute("title") || ""); }
  }
  document.addEventListener("click", function (event) {
    var target = event.target instanceof Element ? event.target.closest("[data-go]") : null;
    if (target) { event.preventDefault(); go(target.getAttribute("data-go")); }
  });
  document.addEventListener("keydown", function (event) {
    var t = event.target;
    if (event.altKey || event.ctrlKey || event.metaKey || !order.length) { return; }
    if (t instanceof Element && t.matches("input, select, textarea")) { return; }
    if (event.key === "n" || event.key === "j") { go(order[(current + 1) % order.length]); }
    else if (event.key === "p" || event.key === "k") { go(order[(current - 1 + order.length) % order.length]); }
  });
  window.foiparseReview = { go: go, order: order };
})();
