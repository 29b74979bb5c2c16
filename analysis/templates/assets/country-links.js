// Country pages from the report's tile maps: a click or a tap on a square names its country under the map, with a
// link to that country's page in the explorer (explorer.html#country=ISO3); a double click opens that page at once.
// A tap never navigates by itself, so a tap can still show the square's tooltip (report.js) on a phone.
(function () {
  "use strict";

  function href(iso3) { return "explorer.html#country=" + encodeURIComponent(iso3); }
  window.unvotesCountryHref = href;  // for a tooltip that wants to carry the same link

  Array.prototype.forEach.call(document.querySelectorAll("figure.report-figure"), function (figure) {
    if (!figure.querySelector("svg g.tile[data-iso3]")) { return; }
    var line = document.createElement("p");
    line.className = "tile-open";
    line.setAttribute("aria-live", "polite");
    line.style.cssText = "font-size: .86rem; color: #555; margin: .3rem 0 0;";
    line.textContent = "Tap or click a square for that country's page.";
    var caption = figure.querySelector("figcaption");
    figure.insertBefore(line, caption);

    function tile(event) { return event.target.closest ? event.target.closest("g.tile[data-iso3]") : null; }

    figure.addEventListener("click", function (event) {
      var g = tile(event);
      if (!g) { return; }
      var iso3 = g.getAttribute("data-iso3");
      var title = g.querySelector("title");
      var link = document.createElement("a");
      link.href = href(iso3);
      link.className = "tile-open-link";
      link.textContent = "open its country page \u2192";
      line.textContent = (title ? title.textContent : iso3) + ": ";
      line.appendChild(link);
    }, true);  // the capture phase: report.js's tooltip stops the click from bubbling up to the figure
    figure.addEventListener("dblclick", function (event) {
      var g = tile(event);
      if (g) { window.location.href = href(g.getAttribute("data-iso3")); }
    }, true);
  });
}());
