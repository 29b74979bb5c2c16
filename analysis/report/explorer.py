"""The country explorer: ``explorer.html``, where a reader types a country and gets its whole record.

Most readers arrive with one country in mind. The explorer is one static page
driven by data embedded in a script, ``assets/explorer-data.js`` (it sets
``window.UNVOTES``), so it works from ``file://`` with no server and no
network. Every number in that data comes from the package's measures, computed
here from the bundle the report is built from:

- each member's vote on every motion and where it comes from
  (:func:`analysis.measures.profile.member_votes`, the rows of
  :func:`~analysis.measures.profile.country_profile`), with the source of a vote
  known from a news report (:func:`analysis.measures.records.known_votes`);
- its agreement with the United States, the Russian Federation, Ukraine and the
  EU27 majority, with the number of votes behind each score
  (:func:`analysis.measures.profile.partner_agreement`);
- the names a reader may type (UN names, codes and ``data/member_aliases.csv``,
  the table :func:`analysis.to_iso3` reads) for the suggestions.

The page's script (``assets/explorer.js``) only displays these, compares
two records (the Lijphart index and the share of identical votes) for the
"compare with" view, and offers the closest names for a name that matches
nothing ("Did you mean", by the rule of :func:`analysis.data.members.suggest_members`,
never choosing one). A vote known ``by elimination`` is explained under the table. The data are deterministic: sorted keys, no timestamps.
An optional ``ideal_points`` list per member is filled when the bundle has an
``ideal_points`` table (``iso3``, ``session``, ``ideal_point``); the page shows
that slot only when there is something in it.
"""

from __future__ import annotations

import html
import json
import math
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from ..data.schema import read_table, tally_text
from ..measures.indices import periods
from ..measures.profile import EU_MAJORITY, PARTNERS, council_seats, members_votes, partner_agreement
from ..measures.records import NEWS_REPORT, ROLL_CALL, known_votes

if TYPE_CHECKING:
    from ..data.tables import Tables
    from .findings import Finding

PAGE = "explorer.html"
DATA_FILE = "assets/explorer-data.js"
#: The motion of the explorer's tile map (the chosen country's square is outlined on it).
MAP_MOTION = "A/RES/ES-11/7"
#: A member's vote in words, as the explorer shows it.
WORDS = {"Y": "yes", "N": "no", "A": "abstained", "X": "did not vote"}
BODY_NAMES = {"GA": "General Assembly", "SC": "Security Council"}
METHOD = "lijphart"
AT = "2025-01-01"


def country_href(iso3: str, other: str | None = None) -> str:
    """The explorer's address for one member (and a second one to compare with): ``explorer.html#country=BRA``."""
    return f"{PAGE}#country={iso3}" + (f"&with={other}" if other else "")


def _number(value) -> float | None:
    return None if value is None or pd.isna(value) or not math.isfinite(float(value)) else round(float(value), 4)


def _motions(tables: Tables) -> list[dict]:
    """The motions in the order of the profile (by date), with what the page shows about each."""
    out = []
    for m in tables.motions.sort_values("date", kind="stable").to_dict("records"):
        known = [m[k] for k in ("yes", "no", "abstain") if pd.notna(m[k])]
        out.append({"id": m["motion"], "date": f"{m['date']:%Y-%m-%d}", "body": m["body"],
                    "body_name": BODY_NAMES.get(m["body"], m["body"]), "kind": m["kind"],
                    "title": m["title_or_change"] or "", "roll_call": bool(m["roll_call"]),
                    "outcome": m["outcome"] or "",
                    "tally": tally_text(m) if known else "", "tally_quality": m["tally_quality"] or ""})
    return out


def _partial_records(tables: Tables, motions: list[dict]) -> dict[str, dict]:
    """For each motion known only from a partial record: how many of its votes cast are named, and by whom."""
    out = {}
    partial = tables.partial
    for m in motions:
        if m["roll_call"] or not partial["motion"].eq(m["id"]).any():
            continue
        known = known_votes(tables.votes, tables.partial, m["id"])
        row = tables.motions.set_index("motion").loc[m["id"]]
        cast = sum(int(row[k]) for k in ("yes", "no", "abstain") if pd.notna(row[k]))
        out[m["id"]] = {"named": int(known["vote"].isin(["Y", "N", "A"]).sum()), "cast": cast,
                        "record": known.attrs["record"], "sources": dict(sorted(known["source"].items()))}
    return out


def _agreement(tables: Tables) -> tuple[list[dict], list[dict], dict[str, dict]]:
    """(partners, periods, member -> partner -> [[score, votes] per period]) from the profile's agreement."""
    scores, counts = partner_agreement(tables, method=METHOD, at=AT)
    spans = periods(tables.motions, at=AT, body="GA")
    labels = list(scores.columns.unique("period"))
    names = dict(zip(tables.members["iso3"], tables.members["name"]))
    partners = [{"key": p, "name": names.get(p, p)} for p in [*PARTNERS, EU_MAJORITY]]
    keys = [p["key"] for p in partners]
    score = {label: scores[label][keys].to_numpy() for label in labels}  # plain arrays: 193 x 4 x periods cells
    count = {label: counts[label][keys].to_numpy() for label in labels}
    by_member = {iso3: {key: [[_number(score[label][i, j]), int(count[label][i, j])] for label in labels]
                        for j, key in enumerate(keys)} for i, iso3 in enumerate(scores.index)}
    return partners, [{"label": label, "motions": spans.get(label, [])} for label in labels], by_member


def _ideal_points(tables: Tables) -> dict[str, list[dict]]:
    """Ideal point per session, per member, where the bundle has such a table (else nothing)."""
    frame = getattr(tables, "ideal_points", None)
    if not isinstance(frame, pd.DataFrame) or not {"iso3", "session", "ideal_point"} <= set(frame.columns):
        return {}
    out: dict[str, list[dict]] = {}
    for row in frame.sort_values(["iso3", "session"], kind="stable").to_dict("records"):
        entry = {"session": str(row["session"]), "value": _number(row["ideal_point"])}
        entry.update({k: _number(row[k]) for k in ("lower", "upper") if k in row})
        out.setdefault(row["iso3"], []).append(entry)
    return out


def _member(rows: pd.DataFrame, iso3: str, motions: list[dict], records: list[str]) -> dict:
    """One member's votes (its profile's rows): vote and record (an index into ``records``) per motion."""
    if list(rows["motion"]) != [m["id"] for m in motions]:
        raise ValueError(f"{iso3}: the profile's motions are not the motions table's")  # pragma: no cover
    votes = [None if pd.isna(v) else str(v) for v in rows["vote"]]
    labels = list(rows["record"])
    for label in labels:
        if label not in records:
            records.append(label)
    news = {m: label for m, label in zip(rows["motion"], labels) if label.startswith(NEWS_REPORT)}
    return {"votes": votes, "records": [records.index(label) for label in labels], "news": sorted(news)}


def _names(tables: Tables) -> list[list[str]]:
    """Every name a reader may type: ``[name, iso3]`` (UN name, code, alias) or ``[name, "", why refused]``."""
    members = tables.members
    aliases, _ = read_table("aliases", data_dir=tables.folder, codes=frozenset(members["iso3"]))
    names = {(n, i, "") for n, i in zip(members["name"], members["iso3"])} | {(i, i, "") for i in members["iso3"]}
    for alias, iso3, note in aliases.itertuples(index=False):
        names.add((alias, iso3, "") if iso3 else (alias, "", note.split(":")[0].strip()))
    return [list(entry) if entry[2] else list(entry[:2]) for entry in sorted(names)]


def explorer_data(tables: Tables) -> dict:
    """Everything the explorer shows, as plain JSON-ready values (see the module doc)."""
    motions = _motions(tables)
    partners, spans, agreement = _agreement(tables)
    article19 = tables.article19
    barred = dict(zip(article19.loc[~article19["entitled_to_vote"], "iso3"],
                      article19.loc[~article19["entitled_to_vote"], "source"]))
    records = [ROLL_CALL]
    ideal = _ideal_points(tables)
    members = {}
    rows, seats = members_votes(tables), council_seats(tables)
    for row in tables.members.sort_values("iso3").itertuples(index=False):
        entry = _member(rows[row.iso3], row.iso3, motions, records)
        entry.update({"name": row.name, "group": row.regional_group, "agreement": agreement.get(row.iso3, {}),
                      "article19": barred.get(row.iso3, ""), "council": seats[row.iso3]})
        if row.iso3 in ideal:
            entry["ideal_points"] = ideal[row.iso3]
        members[row.iso3] = entry
    return {"members": members, "motions": motions, "records": records, "words": WORDS, "method": METHOD,
            "partners": partners, "periods": spans, "partial": _partial_records(tables, motions),
            "names": _names(tables), "map_motion": MAP_MOTION}


def data_script(data: dict) -> str:
    """``assets/explorer-data.js``: one line setting ``window.UNVOTES`` (a script, so ``file://`` pages load it)."""
    text = json.dumps(data, sort_keys=True, ensure_ascii=True, separators=(",", ":"), allow_nan=False)
    return ("// The country explorer's data (made by analysis.report.explorer from the report's data folder).\n"
            f"window.UNVOTES = {text};\n")


def map_svg(tables: Tables, motion: str = MAP_MOTION) -> str:
    """The tile map of ``motion`` as inline SVG (every square a ``<g class="tile" data-iso3=...>``)."""
    from ..output.publish import inline_svg_for_html
    from ..output.tilemap import tile_map, tile_svg

    if motion not in set(tables.votes["motion"]):
        return ""
    title = f"{motion}: one state, one vote"
    fig = tile_map(tables.votes, motion, grid=tables.tile_grid, members=tables.members,
                   title=title, subtitle="The chosen country's square is outlined")
    svg = inline_svg_for_html(tile_svg(fig), prefix="explorer-")
    label = html.escape(f"{motion}: one square per Member State, coloured by its vote; the chosen country's square "
                        "is outlined", quote=True)  # begins with the figure's caption, as every map's label does
    return svg.replace("<svg", f'<svg role="img" aria-label="{label}"', 1)  # its text alternative


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _combo(name: str, label: str, hint: str, placeholder: str) -> str:
    """One labelled text box with a listbox of suggestions (the ARIA combobox pattern)."""
    return (f'<div class="field"><label for="{name}-input">{label}{hint}</label>'
            f'<div class="combo"><input id="{name}-input" name="{name}" type="text" role="combobox" '
            f'aria-autocomplete="list" aria-expanded="false" aria-controls="{name}-options" autocomplete="off" '
            f'autocapitalize="words" spellcheck="false" placeholder="{_e(placeholder)}">'
            f'<ul id="{name}-options" class="options" role="listbox" aria-label="{label}: suggestions" hidden></ul>'
            f'</div></div>')


def explorer_page(svg: str, footer: str, title: str, assets: str = "assets") -> str:
    """``explorer.html``: the form, empty sections the script fills, the map, and the report's footer."""
    country = _combo("country", "Country", "", "e.g. Brazil, Ivory Coast, USA")
    other = _combo("with", "Compare with", ' <span class="optional">(optional)</span>', "another country")
    figure = (f'<figure class="report-figure explorer-map" id="explorer-map">{svg}<figcaption><strong>'
              f'{_e(MAP_MOTION)}: one square per Member State</strong>, coloured by its vote. '
              f'<span id="map-caption"></span> Tap or click a square to open that country.</figcaption></figure>'
              if svg else "")
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Find a country: {_e(title)}</title>
<link rel="icon" href="{assets}/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="{assets}/report.css">
<link rel="stylesheet" href="{assets}/explorer.css">
</head><body class="report-explorer">
<nav class="pager pager-top" aria-label="Pages"><a class="to-index" href="index.html">Index</a>
<a href="index.html#key-findings">Key findings</a> <a class="to-explorer" href="{PAGE}" aria-current="page">Find a
country</a></nav>
<main>
<header><h1>Find a country</h1>
<p class="lede">Every recorded vote of one UN Member State on the war in Ukraine, in words, where each vote comes
from, and how often it voted with the United States, the Russian Federation, Ukraine and the EU27 majority.</p>
</header>
<form id="explorer-form" class="explorer-form" role="search" autocomplete="off" novalidate>
{country}
{other}
<div class="actions"><button type="submit">Show</button></div>
<p id="explorer-message" class="message" role="status" aria-live="polite"></p>
</form>
<noscript><p class="message">This page needs JavaScript to look up a country. Every vote is also in the report's
pages and in the data behind each figure (CSV).</p></noscript>
<div id="country" hidden>
<h2 id="country-name" tabindex="-1"></h2>
<p id="country-facts" class="facts"></p>
<section id="comparison" aria-labelledby="comparison-title" hidden><h3 id="comparison-title">How alike they
voted</h3><div id="comparison-body"></div></section>
<section id="votes-section" aria-labelledby="votes-title"><h3 id="votes-title">Every vote</h3>
<p class="hint" id="votes-hint"></p>
<div class="table-box" id="votes-box"></div>
<p class="hint table-note" id="votes-note" hidden></p></section>
<section id="partial-section" aria-labelledby="partial-title" hidden><h3 id="partial-title">Votes known only from
news reports</h3><div id="partial-body"></div></section>
<section id="agreement-section" aria-labelledby="agreement-title"><h3 id="agreement-title">Agreement with
partners</h3><p class="hint">Lijphart's index over General Assembly roll calls: 1 means the same vote every time, 0 yes
against no every time, and a vote against an abstention counts half. Each score says how many votes it rests on; a
score on one or two votes is a fact about those votes, not an alignment. Pick any other member under "Compare
with" to add it.</p><div class="table-box" id="agreement-box"></div></section>
<section id="ideal-points" class="ideal-points" data-slot="ideal points per session"
aria-labelledby="ideal-points-title" hidden><h3 id="ideal-points-title">Ideal point per session</h3>
<div id="ideal-points-body"></div></section>
{figure}
<p class="data-link">The data: <a href="index.html#download">every table in one download</a>, <a
href="index.html#figures">every figure's numbers as CSV</a> and <a
href="index.html#about-data">the sources and data checksum</a>.</p>
</div>
<footer class="provenance">{footer}</footer>
</main>
<script src="{DATA_FILE}"></script>
<script src="{assets}/explorer.js"></script>
</body></html>
"""


def write_explorer(tables: Tables, folder: Path, footer: str, title: str) -> None:
    """Write ``explorer.html`` and ``assets/explorer-data.js`` into the report folder ``folder``."""
    script, svg = data_script(explorer_data(tables)), map_svg(tables)
    (folder / DATA_FILE).parent.mkdir(parents=True, exist_ok=True)
    (folder / DATA_FILE).write_text(script, encoding="utf-8")
    (folder / PAGE).write_text(explorer_page(svg, footer, title), encoding="utf-8")


def finding_countries(finding: Finding, tables: Tables) -> list[str]:
    """The members a key finding is about (codes among its numbers' keys and values), in the order named."""
    codes = set(tables.members["iso3"])
    found: list[str] = []
    for key, value in finding.numbers.items():
        values = value if isinstance(value, (list, tuple)) else [value]
        for item in [key, *values]:
            if isinstance(item, str) and item in codes and item not in found:
                found.append(item)
    return found


def country_links(iso3s: list[str], tables: Tables) -> str:
    """`` Country pages: <a>Algeria</a>, ...`` for a key finding ("" for none)."""
    if not iso3s:
        return ""
    links = ", ".join(f'<a href="{_e(country_href(i))}">{_e(tables.name(i))}</a>' for i in iso3s)
    return f' <span class="country-links">Country page{"s" if len(iso3s) > 1 else ""}: {links}</span>'
