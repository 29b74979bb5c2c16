"""The data dictionary of data/README.md is made from the table declarations, and says what each column holds."""

from analysis.data import dictionary
from analysis.data.schema import DATA_DIR, TABLES


def test_the_readme_dictionary_is_the_one_the_declarations_make():
    readme = (DATA_DIR / "README.md").read_text(encoding="utf-8")
    assert dictionary.with_dictionary(readme) == readme, "run make data-dictionary"


def test_every_declared_column_says_what_it_holds():
    assert [(t.name, f.name) for t in TABLES.values() for f in t.fields if not f.doc] == []
    assert [t.name for t in TABLES.values() if not t.title] == []


def test_an_entry_states_the_declared_facts():
    entry = dictionary.table_markdown(TABLES["sc_members"])
    assert entry.startswith("### `sc_members_2025.csv`: the 15 Security Council members of 2025")
    assert "Loaded as `sc_members`; key `iso3` (unique); exactly 15 rows." in entry
    assert "| `membership` | one of `permanent`, `elected` | no |" in entry
    assert "| `term` | two years, YYYY-YYYY | yes |" in entry


def test_a_readme_without_markers_is_refused():
    import pytest

    with pytest.raises(ValueError, match="no data dictionary markers"):
        dictionary.with_dictionary("# no dictionary here")
