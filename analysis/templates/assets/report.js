// The report's only script: a page-wide code toggle, filter + sort for long tables, a "scroll sideways" hint on
// tables wider than the screen, a folded contents list on narrow screens, and map tooltips for touch and keyboard.
// Everything works without it (code stays folded, tables scroll, the maps' squares have their native titles).
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

  // Tile maps: every member's square shows its name and vote in a small box when tapped, clicked or focused.
  // Each map is one stop for the Tab key; the arrow keys move between its squares, Home and End go to the first
  // and last, Escape closes the box. Mouse hover keeps the squares' native titles.
  var maps = Array.prototype.filter.call(document.querySelectorAll("svg"), function (svg) {
    return svg.querySelector("g.tile");
  });
  if (!maps.length) { return; }
  var tip = document.createElement("div");
  tip.className = "tile-tip";
  tip.setAttribute("aria-hidden", "true");  // the focused square itself carries the same text as its name
  tip.hidden = true;
  document.body.appendChild(tip);
  var shown = null;

  function label(tile) {
    var title = tile.querySelector("title");
    return title ? title.textContent : tile.getAttribute("data-iso3");
  }

  function place() {
    if (!shown) { return; }
    var r = shown.getBoundingClientRect();
    var width = document.documentElement.clientWidth;
    tip.style.maxWidth = Math.max(120, width - 16) + "px";
    var w = tip.offsetWidth, h = tip.offsetHeight, gap = 6;
    var left = Math.min(Math.max(8, r.left + r.width / 2 - w / 2), width - w - 8);
    var top = r.top - h - gap >= 0 ? r.top - h - gap : r.bottom + gap;
    tip.style.left = (left + window.scrollX) + "px";
    tip.style.top = (top + window.scrollY) + "px";
  }

  function show(tile) {
    if (shown && shown !== tile) { shown.classList.remove("is-shown"); }
    shown = tile;
    tile.classList.add("is-shown");
    tip.textContent = label(tile);
    tip.hidden = false;
    place();
  }

  function hide() {
    if (shown) { shown.classList.remove("is-shown"); }
    shown = null;
    tip.hidden = true;
  }

  function centre(tile) {
    var r = tile.getBoundingClientRect();
    return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
  }

  // The nearest square in a direction: ahead of the current one, weighing sideways distance twice.
  function neighbour(tiles, from, key) {
    var c = centre(from), best = null, bestScore = Infinity;
    tiles.forEach(function (tile) {
      if (tile === from) { return; }
      var p = centre(tile), dx = p.x - c.x, dy = p.y - c.y;
      var ahead = { ArrowRight: dx, ArrowLeft: -dx, ArrowDown: dy, ArrowUp: -dy }[key];
      var aside = key === "ArrowRight" || key === "ArrowLeft" ? Math.abs(dy) : Math.abs(dx);
      if (ahead <= 1) { return; }
      var score = ahead + 2 * aside;
      if (score < bestScore) { bestScore = score; best = tile; }
    });
    return best;
  }

  function move(tiles, to) {
    tiles.forEach(function (tile) { tile.setAttribute("tabindex", tile === to ? "0" : "-1"); });
    to.focus();
  }

  maps.forEach(function (svg, n) {
    if (n === 0) {
      var note = document.createElement("p");
      note.className = "map-hint";
      note.textContent = "Tap or click a square for the member and its vote; with the keyboard, Tab into a map " +
                         "and move with the arrow keys.";
      svg.parentNode.insertBefore(note, svg);
    }
    var tiles = Array.prototype.slice.call(svg.querySelectorAll("g.tile"));
    // An interactive map is a group of named squares, no longer a single image (whose parts a screen reader skips).
    svg.setAttribute("role", "group");
    svg.setAttribute("aria-roledescription", "map");
    tiles.forEach(function (tile, k) {
      tile.setAttribute("tabindex", k === 0 ? "0" : "-1");
      tile.setAttribute("role", "img");
      tile.setAttribute("aria-label", label(tile));
    });
    svg.addEventListener("click", function (event) {
      var tile = event.target.closest("g.tile");
      if (!tile) {  // a tap between squares: the nearest square within a finger's width
        var best = null, bestDistance = 24;
        tiles.forEach(function (t) {
          var p = centre(t), d = Math.hypot(p.x - event.clientX, p.y - event.clientY);
          if (d < bestDistance) { bestDistance = d; best = t; }
        });
        tile = best;
      }
      if (!tile) { hide(); return; }
      move(tiles, tile);
      show(tile);
      event.stopPropagation();
    });
    svg.addEventListener("keydown", function (event) {
      var tile = event.target.closest && event.target.closest("g.tile");
      if (!tile) { return; }
      var to = null;
      if (event.key === "Home") { to = tiles[0]; }
      else if (event.key === "End") { to = tiles[tiles.length - 1]; }
      else if (/^Arrow/.test(event.key)) { to = neighbour(tiles, tile, event.key); }
      else if (event.key === "Enter" || event.key === " ") { show(tile); }
      else { return; }
      event.preventDefault();
      if (to) { move(tiles, to); }
    });
  });
  // Focus listeners sit on the document: in Chromium an SVG element with a focus listener becomes a Tab stop itself.
  function tileOf(node) { return node && node.closest ? node.closest("g.tile") : null; }
  document.addEventListener("focusin", function (event) {
    if (tileOf(event.target)) { show(tileOf(event.target)); }
  });
  document.addEventListener("focusout", function (event) {
    if (tileOf(event.target) && !tileOf(event.relatedTarget)) { hide(); }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && shown) { hide(); }
  });
  document.addEventListener("click", hide);
  window.addEventListener("resize", place);
}());
