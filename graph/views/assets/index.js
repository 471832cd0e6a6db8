/* actorgraph index: the search box filters the lists of entities and documents.
 * Names reach the script only through data-find attributes (text); nothing is written
 * as markup; Enter opens the exact match, else the first, by its own link (a page the
 * site wrote). data-find holds an item's folded names, separated by "|". */
(function () {
  "use strict";
  var box = document.getElementById("find");
  var status = document.getElementById("find-status");
  var items = Array.prototype.slice.call(document.querySelectorAll("[data-find]"));
  var sections = Array.prototype.slice.call(document.querySelectorAll("section.findable"));
  var top = document.getElementById("top-actors");
  function fold(s) { return String(s).toLowerCase().replace(/\s+/g, " ").trim(); }
  function apply() {
    var q = fold(box.value);
    var hits = 0;
    items.forEach(function (item) {
      var hit = !q || item.getAttribute("data-find").indexOf(q) >= 0;
      item.hidden = !hit;
      if (hit) hits += 1;
    });
    top.hidden = !!q;  // while searching, the matches come first
    sections.forEach(function (section) {
      section.hidden = !!q && !section.querySelector("[data-find]:not([hidden])");
    });
    status.textContent = q ? (hits ? hits + (hits === 1 ? " match" : " matches") : "No name matches \u201C" + box.value + "\u201D") : "";
  }
  box.addEventListener("input", apply);
  document.getElementById("find-form").addEventListener("submit", function (event) {
    event.preventDefault();
    apply();
    var q = fold(box.value);
    var shown = items.filter(function (item) { return !item.hidden; });
    var exact = shown.filter(function (item) {
      return ("|" + item.getAttribute("data-find") + "|").indexOf("|" + q + "|") >= 0;
    });
    var first = (exact[0] || shown[0] || null);
    var target = first && first.querySelector("a");
    if (target && q) window.location.href = target.getAttribute("href");
  });
  apply();
})();
