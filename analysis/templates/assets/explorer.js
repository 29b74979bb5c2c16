// The country explorer (explorer.html): pick a country, see its whole record; compare it with another.
// Data: window.UNVOTES, set by assets/explorer-data.js (made in Python by analysis.report.explorer), so the page
// works from file:// with no server. This script only displays those data, and compares two records (Lijphart's
// index and the share of identical votes) for "Compare with", and suggests the closest names for a near miss
// ("Did you mean", as analysis.suggest_members). State lives in the address: #country=BRA&with=IND.
(function () {
  "use strict";

  var D = window.UNVOTES;
  var form = document.getElementById("explorer-form");
  if (!D || !form) { return; }
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                "November", "December"];
  var CAST = { Y: 1, A: 2, N: 3 };  // Lijphart's scale
  var ROLL_CALL = D.records.indexOf("roll call");
  var ELIMINATION = "by elimination";  // a Council vote of 2022 deduced from the tally (data/sc_2022_sources.csv)
  var message = document.getElementById("explorer-message");

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") { node.textContent = attrs[k]; } else if (k === "className") { node.className = attrs[k]; }
      else { node.setAttribute(k, attrs[k]); }
    });
    (children || []).forEach(function (c) { if (c) { node.appendChild(typeof c === "string" ? document.createTextNode(c) : c); } });
    return node;
  }

  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } return node; }

  // --- names: the same key as analysis.name_key (accents, case, apostrophes and spacing ignored) -------------
  function nameKey(text) {
    return String(text).replace(/[\u2019\u2018\u02bc`]/g, "'").normalize("NFD").replace(/\p{Mn}/gu, "")
      .replace(/\s+/g, " ").trim().toLowerCase();
  }

  var NAMES = D.names.map(function (n) { return { label: n[0], key: nameKey(n[0]), iso3: n[1], refused: n[2] || "" }; });
  var BY_KEY = {};
  NAMES.forEach(function (n) { (BY_KEY[n.key] = BY_KEY[n.key] || []).push(n); });

  function name(iso3) { return D.members[iso3] ? D.members[iso3].name : iso3; }

  // resolve(text): {iso3} | {ambiguous: [iso3...]} | {refused: why} | {unknown: true}
  function resolve(text) {
    var found = BY_KEY[nameKey(text)] || [];
    var codes = found.filter(function (n) { return n.iso3; }).map(function (n) { return n.iso3; })
      .filter(function (c, i, all) { return all.indexOf(c) === i; });
    if (codes.length === 1) { return { iso3: codes[0] }; }
    if (codes.length > 1) { return { ambiguous: codes.sort() }; }
    if (found.length) { return { refused: found[0].refused, label: found[0].label }; }
    return { unknown: true };
  }

  // suggestions(text): up to 8 members (each once) whose name, code or alias matches, best first
  function suggestions(text) {
    var q = nameKey(text);
    if (!q) { return []; }
    var best = {};
    NAMES.forEach(function (n) {
      var rank = n.key === q ? 0 : n.key.indexOf(q) === 0 ? 1 : (" " + n.key).indexOf(" " + q) >= 0 ? 2
        : n.key.indexOf(q) >= 0 ? 3 : -1;
      if (rank < 0 || (q.length < 3 && rank > 1)) { return; }
      var id = n.iso3 || "refused:" + n.key;
      if (!best[id] || rank < best[id].rank) { best[id] = { rank: rank, entry: n }; }
    });
    return Object.keys(best).map(function (k) { return best[k]; }).sort(function (a, b) {
      return a.rank - b.rank || (a.entry.iso3 ? name(a.entry.iso3) : a.entry.label)
        .localeCompare(b.entry.iso3 ? name(b.entry.iso3) : b.entry.label);
    }).slice(0, 8);
  }

  // --- near misses ("Brasil", "Frnace"): the closest names, as analysis.suggest_members says "did you mean" -----
  // difflib's get_close_matches: SequenceMatcher's ratio (2 x matched characters / both lengths) at least 0.75,
  // over the names and aliases of one member (not the bare codes), best first; at most 3 members, each once.
  var UNIQUE = Object.keys(BY_KEY).filter(function (k) {
    return k.length > 3 && BY_KEY[k].filter(function (n) { return n.iso3; })
      .map(function (n) { return n.iso3; }).filter(function (c, i, all) { return all.indexOf(c) === i; }).length === 1;
  }).map(function (k) { return { key: k, iso3: BY_KEY[k].filter(function (n) { return n.iso3; })[0].iso3 }; });

  function matched(a, b) {  // the characters in difflib's matching blocks of a and b (longest match first, recursively)
    var total = 0, todo = [[0, a.length, 0, b.length]];
    while (todo.length) {
      var s = todo.pop(), besti = s[0], bestj = s[2], size = 0, before = {};
      for (var i = s[0]; i < s[1]; i++) {
        var here = {};
        for (var j = s[2]; j < s[3]; j++) {
          if (a[i] !== b[j]) { continue; }
          var k = here[j] = (before[j - 1] || 0) + 1;
          if (k > size) { besti = i - k + 1; bestj = j - k + 1; size = k; }  // earliest in a, then in b
        }
        before = here;
      }
      if (size) { total += size; todo.push([s[0], besti, s[2], bestj], [besti + size, s[1], bestj + size, s[3]]); }
    }
    return total;
  }

  function closest(text) {
    var q = nameKey(text);
    if (!q) { return []; }
    var scored = UNIQUE.map(function (n) { return { ratio: 2 * matched(n.key, q) / (n.key.length + q.length), n: n }; })
      .filter(function (s) { return s.ratio >= 0.75; })
      .sort(function (a, b) { return b.ratio - a.ratio || (a.n.key < b.n.key ? 1 : a.n.key > b.n.key ? -1 : 0); });
    var out = [];
    scored.slice(0, 6).forEach(function (s) { if (out.indexOf(s.n.iso3) < 0) { out.push(s.n.iso3); } });
    return out.slice(0, 3);
  }

  // --- the address --------------------------------------------------------------------------------------------
  function readState() {
    var params = new URLSearchParams(location.hash.replace(/^#/, "") || location.search.replace(/^\?/, ""));
    return { country: params.get("country") || "", other: params.get("with") || "" };
  }

  function hashOf(country, other) {
    return country ? "#country=" + encodeURIComponent(country) + (other ? "&with=" + encodeURIComponent(other) : "") : "";
  }

  function go(country, other) {
    var hash = hashOf(country, other);
    if (location.hash === hash || (!hash && !location.hash)) { render(); return; }
    if (hash) { location.hash = hash; } else { history.pushState(null, "", location.pathname); render(); }
  }

  // --- the combobox: a text box with a listbox of suggestions (arrows, Enter, Escape, click or tap) -------------
  function Combo(name) {
    var self = this;
    this.input = document.getElementById(name + "-input");
    this.list = document.getElementById(name + "-options");
    this.label = this.list.getAttribute("aria-label").replace(/: suggestions$/, "");
    this.active = -1;
    this.items = [];
    this.input.addEventListener("input", function () { self.input.removeAttribute("data-iso3"); self.update(); });
    this.input.addEventListener("keydown", function (e) { self.key(e); });
    this.input.addEventListener("blur", function () {
      setTimeout(function () { if (document.activeElement !== self.input) { self.close(); } }, 150);
    });
    this.list.addEventListener("mousedown", function (e) { e.preventDefault(); });  // keep the focus in the box
    this.list.addEventListener("click", function (e) {
      var option = e.target.closest("[role=option]");
      if (option && option.getAttribute("aria-disabled") !== "true") { self.pick(option.getAttribute("data-iso3")); }
    });
  }

  // The suggestions: those given (only), else the names that match as typed, else the near misses ("Did you mean").
  Combo.prototype.update = function (only) {
    var self = this;
    this.items = only ? only.map(function (c) { return { rank: 0, entry: { iso3: c, label: name(c) } }; })
                      : suggestions(this.input.value);
    var near = !only && !this.items.length ? closest(this.input.value) : [];
    if (near.length) { this.items = near.map(function (c) { return { rank: 4, entry: { iso3: c, label: name(c) } }; }); }
    clear(this.list);
    this.list.setAttribute("aria-label", this.label + (near.length ? ": did you mean" : ": suggestions"));
    if (near.length) { this.list.appendChild(el("li", { className: "did-you-mean", role: "presentation", "aria-hidden": "true", text: "Did you mean" })); }
    this.items.forEach(function (item, i) {
      var n = item.entry;
      var text = n.iso3 ? name(n.iso3) : n.label + ": not a UN Member State (" + n.refused + ")";
      var option = el("li", { role: "option", id: self.list.id + "-" + i, "aria-selected": "false",
                              "data-iso3": n.iso3 || "" }, [text]);
      if (n.iso3 && nameKey(n.label) !== nameKey(name(n.iso3)) && n.label !== n.iso3) {
        option.appendChild(el("span", { className: "alias", text: " (" + n.label + ")" }));
      }
      if (!n.iso3) { option.setAttribute("aria-disabled", "true"); }
      self.list.appendChild(option);
    });
    this.active = -1;
    this.input.removeAttribute("aria-activedescendant");
    this.list.hidden = !this.items.length;
    this.input.setAttribute("aria-expanded", this.items.length ? "true" : "false");
  };

  Combo.prototype.close = function () {
    this.list.hidden = true;
    this.input.setAttribute("aria-expanded", "false");
    this.input.removeAttribute("aria-activedescendant");
    this.active = -1;
  };

  Combo.prototype.move = function (step) {
    if (this.list.hidden) { this.update(); }
    if (!this.items.length) { return; }
    this.active = (this.active + step + this.items.length) % this.items.length;
    var self = this, options = this.list.querySelectorAll("[role=option]");
    Array.prototype.forEach.call(options, function (li, i) {
      li.setAttribute("aria-selected", i === self.active ? "true" : "false");
    });
    this.input.setAttribute("aria-activedescendant", options[this.active].id);
    options[this.active].scrollIntoView({ block: "nearest" });
  };

  Combo.prototype.key = function (e) {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") { e.preventDefault(); this.move(e.key === "ArrowDown" ? 1 : -1); }
    else if (e.key === "Escape") { this.close(); }
    else if (e.key === "Enter" && !this.list.hidden && this.active >= 0) {
      e.preventDefault();
      var iso3 = this.items[this.active].entry.iso3;
      if (iso3) { this.pick(iso3); }
    }
  };

  Combo.prototype.set = function (iso3) {
    this.input.value = iso3 ? name(iso3) : "";
    if (iso3) { this.input.setAttribute("data-iso3", iso3); } else { this.input.removeAttribute("data-iso3"); }
  };

  Combo.prototype.pick = function (iso3) {
    this.set(iso3);
    this.close();
    submit();
  };

  // The member a box names: its chosen suggestion, else the name typed; null with a message if none is certain.
  Combo.prototype.value = function (what) {
    var text = this.input.value.trim();
    if (!text) { return ""; }
    var chosen = this.input.getAttribute("data-iso3");
    if (chosen && nameKey(name(chosen)) === nameKey(text)) { return chosen; }
    var found = resolve(text);
    if (found.iso3) { return found.iso3; }
    if (found.ambiguous) {
      this.update(found.ambiguous);
      say("\u201c" + text + "\u201d could be " + found.ambiguous.map(name).join(" or ") + ": choose one.");
    } else if (found.refused) {
      say(found.label + " is not a UN Member State (" + found.refused + "), so it has no vote in these records.");
    } else {
      var matches = suggestions(text);
      var close = matches.filter(function (s) { return s.entry.iso3; });
      if (close.length === 1) { return close[0].entry.iso3; }
      var near = matches.length ? [] : closest(text);  // offered, never chosen: "Brasil" may not mean Brazil
      if (close.length || near.length) { this.update(); }
      say(close.length ? "Several countries match \u201c" + text + "\u201d: choose one." :
          "No UN Member State is called \u201c" + text + "\u201d" + (what ? " (" + what + ")" : "") + "." +
          (near.length ? " Did you mean " + near.map(name).join(" or ") + "?" : ""));
    }
    this.input.focus();
    return null;
  };

  var combos = { country: new Combo("country"), other: new Combo("with") };

  function say(text) { message.textContent = text; }

  function submit() {
    say("");
    var country = combos.country.value("country");
    if (country === null) { return; }
    var other = combos.other.value("compare with");
    if (other === null) { return; }
    if (!country) { say(other ? "Choose the country first, then the one to compare it with." : "Type a country."); return; }
    focusAfter = true;
    go(country, other === country ? "" : other);
  }

  form.addEventListener("submit", function (e) { e.preventDefault(); submit(); });

  // --- words ---------------------------------------------------------------------------------------------------
  function dateText(iso) {
    var p = iso.split("-");
    return Number(p[2]) + " " + MONTHS[Number(p[1]) - 1] + " " + p[0];
  }

  function voteOf(iso3, k) {
    var m = D.members[iso3];
    return { code: m.votes[k], record: D.records[m.records[k]] };
  }

  function voteWords(v) { return v.code ? D.words[v.code] : v.record; }

  function voteCell(iso3, k) {
    var v = voteOf(iso3, k);
    var cell = el("td", { className: "vote" + (v.code ? " vote-" + v.code : " vote-none") },
                  [el("span", { className: "words", text: voteWords(v) })]);
    if (v.code && v.record !== "roll call") {
      var source = D.partial[D.motions[k].id] && D.partial[D.motions[k].id].sources[iso3];
      var record = el("span", { className: "record" }, [v.record + (source ? ", " : ""),
        source ? el("a", { href: source, rel: "noopener", text: "source" }) : null]);
      if (v.record === ELIMINATION) {  // explained in words under the table (a title alone does not work on touch)
        record.setAttribute("title", eliminationText(D.motions[k], v.code));
        record.appendChild(el("span", { className: "see-note", text: " (see below the table)" }));
      }
      cell.appendChild(record);
    }
    return cell;
  }

  // "By elimination", in plain words (data/README.md): the sources name the members voting no and abstaining, so
  // the official tally says the others voted yes. S/RES/2623(2022), 11-1-3: 1 no and 3 abstentions named, 11 yes.
  function eliminationText(motion, code) {
    var t = /^(\d+)-(\d+)-(\d+)/.exec(motion.tally || "");
    var named = t && [[Number(t[2]), " that voted no"], [Number(t[3]), " that abstained"]].filter(function (p) { return p[0]; });
    if (code !== "Y" || !named || !named.length) {
      return "By elimination: on " + motion.id + " this vote is not named in a source; it follows from the official " +
        "tally and the votes the sources do name.";
    }
    var count = function (n, what, first) { return n + (first ? (n === 1 ? " member" : " members") : "") + what; };
    return "By elimination: no source names the members that voted yes on " + motion.id + " (" + motion.tally +
      ") one by one. The sources name the " + named.map(function (p, i) { return count(p[0], p[1], i === 0); })
      .join(" and the ") + "; with the official tally, the other " + t[1] + " members of the Council voted yes.";
  }

  function motionCell(motion) {
    var title = motion.title;
    var colon = title.indexOf(":");
    var head = title.length <= 110 ? title : title.slice(0, colon > 20 && colon < 100 ? colon : 90).replace(/\s+\S*$/, "") + "\u2026";
    var tally = motion.tally ? "; tally " + motion.tally +
      (motion.tally_quality && motion.tally_quality !== "official" ? " (" + motion.tally_quality + ")" : "") : "";
    return el("th", { scope: "row", className: "motion" }, [el("span", { className: "date", text: dateText(motion.date) }),
      head === title ? el("span", { className: "title", text: title }) :
        el("details", {}, [el("summary", { text: head }), el("span", { className: "title", text: title })]),
      el("span", { className: "what", text: motion.body_name + " " + motion.kind + ", " + motion.id + tally })]);
  }

  // --- the comparison of two records (General Assembly roll calls only, as analysis.agreement) --------------------
  function compare(a, b, ids) {
    var n = 0, same = 0, sum = 0;
    ids.forEach(function (id) {
      var k = D.motions.findIndex(function (m) { return m.id === id; });
      if (k < 0) { return; }
      var va = voteOf(a, k), vb = voteOf(b, k);
      if (D.members[a].records[k] !== ROLL_CALL || D.members[b].records[k] !== ROLL_CALL) { return; }
      if (!CAST[va.code] || !CAST[vb.code]) { return; }
      n += 1;
      same += va.code === vb.code ? 1 : 0;
      sum += 1 - Math.abs(CAST[va.code] - CAST[vb.code]) / 2;
    });
    return { votes: n, same: same, lijphart: n ? sum / n : null };
  }

  function score(value) { return value === null || value === undefined ? "" : value.toFixed(2); }

  function scoreCell(value, votes) {
    return el("td", { className: "num" }, value === null || value === undefined ? [el("span", { className: "none",
      text: "no vote to compare" })] : [score(value), el("span", { className: "on", text: " on " + votes + " vote" + (votes === 1 ? "" : "s") })]);
  }

  // --- rendering ----------------------------------------------------------------------------------------------
  function renderFacts(iso3, other) {
    var box = clear(document.getElementById("country-facts"));
    [iso3, other].filter(Boolean).forEach(function (c) {
      var m = D.members[c];
      var facts = [m.group + " group", "Security Council: " + m.council];
      if (m.article19) { facts.push("Article 19: " + m.article19); }
      box.appendChild(el("span", { className: "fact" }, [other ? el("strong", { text: name(c) + ": " }) : null,
        facts.join(". ") + "."]));
    });
  }

  function renderVotes(iso3, other) {
    var head = el("tr", {}, [el("th", { scope: "col", text: "Vote on" }), el("th", { scope: "col", text: name(iso3) }),
      other ? el("th", { scope: "col", text: name(other) }) : null]);
    var body = el("tbody");
    var differ = 0, both = 0;
    D.motions.forEach(function (motion, k) {
      var row = el("tr", { "data-motion": motion.id }, [motionCell(motion), voteCell(iso3, k)]);
      if (other) {
        row.appendChild(voteCell(other, k));
        var a = voteOf(iso3, k).code, b = voteOf(other, k).code;
        if (a && b) {
          both += 1;
          if (a !== b) {
            differ += 1;
            row.className = "differs";
            row.cells[0].appendChild(el("span", { className: "differs-note", text: "Different votes" }));
          }
        }
      }
      body.appendChild(row);
    });
    var table = el("table", { className: "report-table explorer-votes" + (other ? " two" : ""), id: "votes-table" }, [
      el("caption", { text: (other ? name(iso3) + " and " + name(other) : name(iso3)) + ", vote by vote" }),
      el("thead", {}, [head]), body]);
    clear(document.getElementById("votes-box")).appendChild(table);
    var deduced = D.motions.map(function (motion, k) {
      var codes = [iso3, other].filter(Boolean).map(function (c) { return voteOf(c, k); })
        .filter(function (v) { return v.record === ELIMINATION; }).map(function (v) { return v.code; });
      return codes.length ? eliminationText(motion, codes[0]) : "";
    }).filter(Boolean);
    var note = clear(document.getElementById("votes-note"));
    deduced.forEach(function (text, i) {  // "By elimination:" in bold, the words a reader looks for
      var colon = text.indexOf(": ") + 1;
      note.appendChild(el("span", {}, [i ? " " : "", el("strong", { text: text.slice(0, colon) }), text.slice(colon)]));
    });
    note.hidden = !deduced.length;
    document.getElementById("votes-hint").textContent = (other ?
      "Rows where both have a vote and the votes differ are marked (" + differ + " of " + both + "). " : "") +
      "Tallies are yes-no-abstain. \u201cTally only\u201d: the motion has no country-level record, only its " +
      "totals; \u201cnot a Council member\u201d: a Security Council vote without a seat.";
  }

  function renderPartial(iso3, other) {
    var section = document.getElementById("partial-section");
    var body = clear(document.getElementById("partial-body"));
    var ids = Object.keys(D.partial).sort();
    section.hidden = !ids.length;
    ids.forEach(function (id) {
      var k = D.motions.findIndex(function (m) { return m.id === id; });
      var motion = D.motions[k], p = D.partial[id];
      var lines = [iso3, other].filter(Boolean).map(function (c) {
        var v = voteOf(c, k);
        return el("li", {}, v.code ? [name(c) + ": " + D.words[v.code] + ", from a " + v.record + ": ",
          el("a", { href: p.sources[c], rel: "noopener", text: "source" })] :
          [name(c) + ": not named in the news reports, so not known"]);
      });
      body.appendChild(el("div", { className: "partial" }, [el("p", {}, [el("strong", { text: motion.id }),
        " (" + motion.title + ", " + dateText(motion.date) + "), " + (motion.outcome ? motion.outcome.split(" (")[0] :
        "voted") + " by " + motion.tally + ": no UN country-level " +
        "record yet. News reports name " + p.named + " of the " + p.cast + " votes cast; this vote is kept out of " +
        "the agreement scores."]), el("ul", {}, lines)]));
    });
  }

  function renderAgreement(iso3, other) {
    var m = D.members[iso3];
    var head = el("tr", {}, [el("th", { scope: "col", text: "Partner" })].concat(D.periods.map(function (p) {
      return el("th", { scope: "col", className: "num", text: p.label });
    })));
    var body = el("tbody");
    D.partners.forEach(function (partner) {
      if (partner.key === iso3) { return; }
      var cells = (m.agreement[partner.key] || []).map(function (s) { return scoreCell(s[0], s[1]); });
      body.appendChild(el("tr", { "data-partner": partner.key }, [el("th", { scope: "row", text: partner.name })].concat(cells)));
    });
    if (other && !D.partners.some(function (p) { return p.key === other; })) {
      body.appendChild(el("tr", { "data-partner": other, className: "picked" }, [el("th", { scope: "row", text: name(other) })]
        .concat(D.periods.map(function (p) { var c = compare(iso3, other, p.motions); return scoreCell(c.lijphart, c.votes); }))));
    }
    clear(document.getElementById("agreement-box")).appendChild(el("table", { className: "report-table", id: "agreement-table" },
      [el("caption", { text: name(iso3) + ": agreement (Lijphart index) by period" }), el("thead", {}, [head]), body]));
  }

  function renderComparison(iso3, other) {
    var section = document.getElementById("comparison");
    section.hidden = !other;
    var box = clear(document.getElementById("comparison-body"));
    if (!other) { return; }
    var spans = [{ label: "all roll calls", motions: [].concat.apply([], D.periods.map(function (p) { return p.motions; })) }]
      .concat(D.periods);
    var body = el("tbody");
    spans.forEach(function (p) {
      var c = compare(iso3, other, p.motions);
      body.appendChild(el("tr", { "data-period": p.label }, [el("th", { scope: "row", text: p.label }),
        scoreCell(c.lijphart, c.votes),
        el("td", { className: "num" }, [c.votes ? c.same + " of " + c.votes + " (" + Math.round(100 * c.same / c.votes) + "%)" : ""])]));
    });
    box.appendChild(el("p", {}, [name(iso3) + " and " + name(other) + " on the General Assembly roll calls where both " +
      "cast a vote (yes, no or abstained). ", el("a", { href: hashOf(iso3, ""), text: "Stop comparing" })]));
    box.appendChild(el("div", { className: "table-box" }, [el("table", { className: "report-table", id: "comparison-table" }, [
      el("thead", {}, [el("tr", {}, [el("th", { scope: "col", text: "Votes" }), el("th", { scope: "col", className: "num", text: "Lijphart index" }),
        el("th", { scope: "col", className: "num", text: "Identical votes" })])]), body])]));
  }

  function renderIdeal(iso3) {
    var points = D.members[iso3].ideal_points || [];
    var section = document.getElementById("ideal-points");
    section.hidden = !points.length;
    var body = clear(document.getElementById("ideal-points-body"));
    if (!points.length) { return; }
    var rows = points.map(function (p) {
      var range = p.lower !== undefined && p.upper !== undefined && p.lower !== null && p.upper !== null ?
        " (" + score(p.lower) + " to " + score(p.upper) + ")" : "";
      return el("tr", {}, [el("th", { scope: "row", text: p.session }), el("td", { className: "num", text: score(p.value) + range })]);
    });
    body.appendChild(el("table", { className: "report-table" }, [el("thead", {}, [el("tr", {}, [
      el("th", { scope: "col", text: "Session" }), el("th", { scope: "col", className: "num", text: "Ideal point" })])]),
      el("tbody", {}, rows)]));
  }

  function renderMap(iso3, other) {
    var map = document.getElementById("explorer-map");
    if (!map) { return; }
    Array.prototype.forEach.call(map.querySelectorAll("g.tile.chosen, g.tile.compared"), function (g) {
      g.classList.remove("chosen", "compared");
    });
    [[iso3, "chosen"], [other, "compared"]].forEach(function (pair) {
      var g = pair[0] && map.querySelector('g.tile[data-iso3="' + pair[0] + '"]');
      if (g) { g.classList.add(pair[1]); g.parentNode.appendChild(g); }  // drawn last, so its outline shows whole
    });
    var k = D.motions.findIndex(function (m) { return m.id === D.map_motion; });
    document.getElementById("map-caption").textContent = k < 0 ? "" : [iso3, other].filter(Boolean).map(function (c) {
      return name(c) + " (" + (c === iso3 ? "outlined" : "dashed") + "): " + voteWords(voteOf(c, k));
    }).join("; ") + ".";
  }

  var focusAfter = false;
  var current = { iso3: "", other: "" };

  function lookup(text) {
    if (!text) { return ""; }
    return D.members[text.toUpperCase()] ? text.toUpperCase() : resolve(text).iso3 || "";
  }

  function render() {
    var state = readState();
    var iso3 = lookup(state.country), other = lookup(state.other);
    if (other === iso3) { other = ""; }
    current = { iso3: iso3, other: other };
    if (iso3 && (location.search || hashOf(iso3, other) !== location.hash)) {
      history.replaceState(null, "", location.pathname + hashOf(iso3, other));  // one spelling: the codes
    }
    combos.country.set(iso3);
    combos.other.set(other);
    combos.country.close();
    combos.other.close();
    say("");
    document.getElementById("country").hidden = !iso3;
    document.title = (iso3 ? name(iso3) + (other ? " and " + name(other) : "") + ": " : "Find a country: ") +
      document.title.replace(/^.*?: /, "");
    if (state.country && !iso3) {  // a name in the address that is not one member: say why, as for a typed one
      combos.country.input.value = state.country;
      combos.country.value("country");
    }
    if (!iso3) { return; }
    if (state.other && !other && lookup(state.other) !== iso3) {
      say("No one UN Member State is called \u201c" + state.other + "\u201d; showing " + name(iso3) + " alone.");
    }
    document.getElementById("country-name").textContent = name(iso3) + (other ? " and " + name(other) : "");
    renderFacts(iso3, other);
    renderComparison(iso3, other);
    renderVotes(iso3, other);
    renderPartial(iso3, other);
    renderAgreement(iso3, other);
    renderIdeal(iso3);
    renderMap(iso3, other);
    if (focusAfter) { document.getElementById("country-name").focus(); focusAfter = false; }
  }

  var map = document.getElementById("explorer-map");
  if (map) {
    map.addEventListener("click", function (e) {
      var g = e.target.closest && e.target.closest("g.tile");
      if (g) { focusAfter = true; go(g.getAttribute("data-iso3"), current.other); }
    });
  }
  window.addEventListener("hashchange", render);
  window.addEventListener("popstate", render);
  render();
}());
