// The report's only script: a page-wide code toggle, and filter + sort for long tables.
// Everything works without it (code stays folded, long tables scroll).
(function () {
  "use strict";

  var toggle = document.querySelector(".toggle-code");
  var blocks = Array.prototype.slice.call(document.querySelectorAll("details.code"));
  if (toggle && blocks.length) {
    toggle.hidden = false;
    toggle.addEventListener("click", function () {
      var open = toggle.getAttribute("aria-pressed") !== "true";
      blocks.forEach(function (d) { d.open = open; });
      toggle.setAttribute("aria-pressed", open ? "true" : "false");
      toggle.textContent = open ? "Hide all code" : "Show all code";
    });
  }

  function cellValue(cell) {
    var text = cell.textContent.trim();
    var number = parseFloat(text.replace(/,/g, ""));
    return { text: text, number: /^-?[\d,]*\.?\d+(e[-+]?\d+)?%?$/i.test(text) ? number : NaN };
  }

  function enhance(box) {
    var table = box.querySelector("table");
    if (!table || !table.tBodies.length || !table.tHead) { return; }
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    if (!rows.length) { return; }
    var width = rows[0].cells.length;

    var tools = document.createElement("div");
    tools.className = "table-tools";
    var input = document.createElement("input");
    input.type = "search";
    input.placeholder = "Filter " + rows.length + " rows";
    input.setAttribute("aria-label", "Filter the table's rows");
    var count = document.createElement("span");
    count.textContent = rows.length + " rows";
    tools.appendChild(input);
    tools.appendChild(count);
    box.parentNode.insertBefore(tools, box);
    input.addEventListener("input", function () {
      var query = input.value.trim().toLowerCase();
      var shown = 0;
      rows.forEach(function (row) {
        row.hidden = query !== "" && row.textContent.toLowerCase().indexOf(query) === -1;
        if (!row.hidden) { shown += 1; }
      });
      count.textContent = shown + " of " + rows.length + " rows";
    });

    // Sort by a column: only where one header row has exactly one cell per column.
    var header = Array.prototype.slice.call(table.tHead.rows).filter(function (r) {
      return r.cells.length === width && Array.prototype.every.call(r.cells, function (c) { return c.colSpan === 1; });
    })[0];
    if (!header) { return; }
    Array.prototype.forEach.call(header.cells, function (th, column) {
      th.setAttribute("data-sort", "");
      th.title = "Sort by this column";
      th.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(header.cells, function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var keyed = rows.map(function (row, i) { return { row: row, value: cellValue(row.cells[column]), i: i }; });
        var numeric = keyed.every(function (k) { return !isNaN(k.value.number) || k.value.text === "" || k.value.text === "NaN"; });
        keyed.sort(function (a, b) {
          var d = numeric ? ((isNaN(a.value.number) ? -Infinity : a.value.number) - (isNaN(b.value.number) ? -Infinity : b.value.number))
                          : a.value.text.localeCompare(b.value.text);
          return (ascending ? d : -d) || a.i - b.i;
        });
        keyed.forEach(function (k) { body.appendChild(k.row); });
      });
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll(".table-scroll"), enhance);

  // Wide tables scroll inside their own box; the box shows a hint (and a shadow at the hidden edge) only while the
  // table is wider than it. A table outside a .table-scroll box gets a box of its own.
  var boxes = Array.prototype.map.call(document.querySelectorAll("main table"), function (table) {
    var box = table.closest(".table-scroll");
    if (!box) {
      box = document.createElement("div");
      box.className = "table-wide";
      table.parentNode.insertBefore(box, table);
      box.appendChild(table);
    }
    var hint = document.createElement("span");
    hint.className = "scroll-hint";
    hint.setAttribute("aria-hidden", "true");
    hint.textContent = "Scroll sideways for more columns →";
    hint.hidden = true;
    var tools = box.previousElementSibling;
    if (tools && tools.classList.contains("table-tools")) { tools.appendChild(hint); }
    else { box.parentNode.insertBefore(hint, box); }
    return { box: box, hint: hint, caption: table.querySelector("caption") };
  });
  function markScrollable() {
    boxes.forEach(function (b) {
      if (b.caption) { b.caption.style.maxWidth = ""; }
      var scrollable = b.box.scrollWidth > b.box.clientWidth + 1;
      b.box.classList.toggle("is-scrollable", scrollable);
      b.hint.hidden = !scrollable;
      if (b.caption && scrollable) { b.caption.style.maxWidth = b.box.clientWidth + "px"; }  // it wraps in view
    });
  }
  markScrollable();
  window.addEventListener("resize", markScrollable);
  window.addEventListener("load", markScrollable);
  document.addEventListener("input", markScrollable);  // a filtered table may fit again

  // The contents list is a sidebar on wide screens; on narrow ones it sits above the page, folded.
  var fold = document.querySelector(".toc details");
  if (fold && window.matchMedia) {
    var wide = window.matchMedia("(min-width: 72rem)");
    var unfold = function () { fold.open = wide.matches; };
    unfold();
    if (wide.addEventListener) { wide.addEventListener("change", unfold); }
  }
}());
