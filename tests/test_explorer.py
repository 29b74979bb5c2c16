"""The country explorer (explorer.html): its embedded data against the measures, and the page in Chromium.

The report is the one test_report_site builds (its ``site`` fixture: built once per set of inputs and cached in
``build/test-report``), so these tests add only their own time. The page is opened from ``file://``, as a reader
who downloaded the report would: no server, no network. Without Chromium the browser tests are skipped with the
reason (``apt-get install chromium chromium-driver``).
"""

from __future__ import annotations

import json
from urllib.parse import unquote

import pandas as pd
import pytest
from site_tools import browser_missing, chromium
from test_report_site import site  # noqa: F401 (the fixture: the cached build of the whole report)

from analysis import to_iso3
from analysis.data.schema import VoteDataError
from analysis.measures.council import council_votes
from analysis.measures.indices import agreement, agreement_counts, periods
from analysis.measures.profile import country_profile, member_votes, members_votes
from analysis.report import explorer

ES7, ES8, ES10 = "A/RES/ES-11/7", "A/RES/ES-11/8", "A/RES/ES-11/10"
RES2774 = "S/RES/2774(2025)"


@pytest.fixture(scope="module")
def data(site):  # noqa: F811 (the fixture imported above)
    """The data the page embeds, read back from the built ``assets/explorer-data.js``."""
    text = (site / explorer.DATA_FILE).read_text(encoding="utf-8")
    assert text.count("\n") == 2 and "window.UNVOTES = " in text  # a comment line, then one statement
    payload = text.split("window.UNVOTES = ", 1)[1].rstrip().removesuffix(";")
    return json.loads(payload), payload


def test_the_embedded_data(data, tables):
    data, _ = data
    assert len(data["members"]) == 193
    k = [m["id"] for m in data["motions"]].index(ES7)
    assert data["members"]["BRA"]["votes"][k] == "A"
    assert data["words"] == {"Y": "yes", "N": "no", "A": "abstained", "X": "did not vote"}
    assert data["records"][0] == "roll call" and "tally only" in data["records"]
    assert data["map_motion"] == ES7 and data["method"] == "lijphart"


def test_the_data_are_deterministic(data):
    parsed, payload = data
    assert json.dumps(parsed, sort_keys=True, ensure_ascii=True, separators=(",", ":")) == payload  # sorted keys
    assert not any(word in payload.lower() for word in ("generated", "timestamp", "built at"))


@pytest.mark.parametrize("iso3", ["BRA", "USA", "DZA"])  # not on the Council, permanent, elected
def test_each_member_is_what_country_profile_says(data, tables, iso3):
    data, _ = data
    profile = country_profile(tables, iso3)
    member = data["members"][iso3]
    assert [m["id"] for m in data["motions"]] == list(profile.votes["motion"])
    assert member["votes"] == [None if pd.isna(v) else v for v in profile.votes["vote"]]
    assert [data["records"][r] for r in member["records"]] == list(profile.votes["record"])
    assert (member["name"], member["group"], member["council"], member["article19"]) == (
        profile.name, profile.regional_group, profile.council, profile.article19)
    assert len(data["partners"]) == len(profile.agreement) == 4
    for k, partner in enumerate(data["partners"]):
        row = profile.agreement.iloc[k]
        for p, period in enumerate(data["periods"]):
            score, count = member["agreement"][partner["key"]][p]
            expected = row[f"score {period['label']}"]
            assert score == (None if pd.isna(expected) else round(float(expected), 4)), (partner, period["label"])
            assert count == row[f"votes {period['label']}"]


def test_every_members_votes_at_once_are_those_of_one_at_a_time(tables):
    """members_votes (one members x motions table, for the explorer and the profile) gives, for every member and
    motion, the vote and the words of MemberRecord.on, the records' one-motion-at-a-time reading; a roll-call vote
    deduced from the tally says "by elimination"; member_votes is its one-member table."""
    from analysis.measures.records import ROLL_CALL, MemberRecord

    every = members_votes(tables)
    assert list(every) == list(tables.members["iso3"])  # in the order asked (all members, by default: 193)
    some = [*tables.sc_members["iso3"], "BRA", "CIV", "ALB", "ARE"]
    deduced = set(zip(tables.sc_sources["iso3"], tables.sc_sources["motion"],
                      tables.sc_sources["vote_basis"].str.startswith("by elimination")))
    for iso3 in some:
        member = MemberRecord(tables.votes, tables.partial, iso3)
        rows = every[iso3]
        for motion, body, on_council, vote, record in zip(rows["motion"], rows["body"], rows["on_council"],
                                                          rows["vote"], rows["record"]):
            found = member.on(motion, body, None if pd.isna(on_council) else bool(on_council))
            assert (None if pd.isna(vote) else vote) == found.vote, (iso3, motion)
            expected = "by elimination" if found.record == ROLL_CALL and (iso3, motion, True) in deduced else found.label
            assert record == expected, (iso3, motion, record, expected)
        pd.testing.assert_frame_equal(member_votes(tables, iso3), rows)


def test_the_ideal_point_slot_fills_when_the_bundle_has_them(tables):
    """No ideal_points table yet: nothing. One with iso3, session, ideal_point (and bounds): a list per member."""
    assert explorer._ideal_points(tables) == {}

    class WithIdealPoints:
        ideal_points = pd.DataFrame({"iso3": ["BRA", "BRA", "USA"], "session": [80, 79, 79],
                                     "ideal_point": [0.1, 0.25, -1.5], "lower": [0.0, 0.1, -1.7],
                                     "upper": [0.2, 0.4, -1.3]})

    points = explorer._ideal_points(WithIdealPoints())
    assert points["BRA"] == [{"session": "79", "value": 0.25, "lower": 0.1, "upper": 0.4},
                             {"session": "80", "value": 0.1, "lower": 0.0, "upper": 0.2}]
    assert list(points) == ["BRA", "USA"]


def test_a_news_report_vote_keeps_its_confidence_and_source(data, tables):
    data, _ = data
    partial = tables.partial.set_index(["motion", "iso3"])
    k = [m["id"] for m in data["motions"]].index(ES10)
    brazil = data["members"]["BRA"]
    assert data["records"][brazil["records"][k]] == f"news report ({partial.loc[(ES10, 'BRA'), 'confidence']} confidence)"
    assert data["partial"][ES10]["sources"]["BRA"] == partial.loc[(ES10, "BRA"), "source"]
    cast = tables.partial["motion"].eq(ES10) & tables.partial["vote"].isin(["Y", "N", "A"])
    assert data["partial"][ES10]["named"] == int(cast.sum()) == 50  # of the 170 votes cast (2 named did not vote)


def test_every_name_for_the_suggestions_is_one_that_to_iso3_reads(data):
    data, _ = data
    for entry in data["names"]:
        name, iso3 = entry[0], entry[1]
        if iso3 and len([e for e in data["names"] if e[0].casefold() == name.casefold() and e[1]]) == 1:
            assert to_iso3(name) == iso3, name
        else:
            with pytest.raises(VoteDataError):
                to_iso3(name)  # ambiguous (Korea) or not a member (Holy See)
    assert ["Ivory Coast", "CIV"] in data["names"] and ["Korea", "KOR"] in data["names"]


def test_the_index_links_the_countries_its_findings_name(site, tables):  # noqa: F811
    html = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="explorer.html"' in html  # "Find a country" at the top
    council = council_votes(tables.votes, [RES2774], sc_members=tables.sc_members, members=tables.members)
    abstained = list(council.index[council[RES2774] == "A"])
    assert len(abstained) == 5
    for iso3 in ["USA", *abstained]:  # the US on ES-11/7 and /8; the abstentions on resolution 2774
        assert f'href="explorer.html#country={iso3}"' in html, iso3
    page = (site / "07_maps.html").read_text(encoding="utf-8")
    assert page.count('href="explorer.html"') == 2 and "assets/country-links.js" in page  # top and bottom


MISSING = browser_missing()
needs_browser = pytest.mark.skipif(MISSING is not None, reason=MISSING or "")


@pytest.fixture(scope="module")
def browser(site):  # noqa: F811
    """(driver, file:// URL of the report folder): one headless Chromium for the module."""
    with chromium() as driver:
        yield driver, site.resolve().as_uri() + "/"


def _open(driver, url):
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get(url)
    WebDriverWait(driver, 5).until(lambda d: d.execute_script("return document.readyState") == "complete")


def _vote(driver, motion, column=0):
    """The words in a country's column (0: the chosen country, 1: the one compared with) on one motion's row."""
    return driver.execute_script(
        "const row = document.querySelector(`#votes-table tr[data-motion='${arguments[0]}']`);"
        "return row && row.querySelectorAll('td.vote .words')[arguments[1]].textContent;", motion, column)


def _type(driver, field, text, enter=True):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    box = driver.find_element(By.ID, f"{field}-input")
    box.clear()
    box.send_keys(text)
    if enter:
        box.send_keys(Keys.ENTER)
    return box


def _suggested(driver, field="country") -> dict:
    """The suggestions under ``field`` as shown: their codes (``iso3``), their texts (``text``) and the label above
    them (``label``: "Did you mean", or None); empty while the list is hidden."""
    return driver.execute_script(
        "const list = document.getElementById(arguments[0] + '-options');"
        "const shown = list.hidden ? [] : [...list.querySelectorAll('[role=option]')];"
        "const label = list.hidden ? null : list.querySelector('.did-you-mean');"
        "return {iso3: shown.map(o => o.dataset.iso3), text: shown.map(o => o.textContent),"
        " label: label && label.textContent};", field)


def _options(driver, field="country"):
    return _suggested(driver, field)["iso3"]


@needs_browser
def test_typing_brazil_shows_its_abstention_on_es_11_7(browser):
    driver, base = browser
    _open(driver, base + explorer.PAGE)
    _type(driver, "country", "Brazil")
    assert driver.current_url.endswith("#country=BRA")
    assert driver.find_element("id", "country-name").text == "Brazil"
    assert _vote(driver, ES7) == "abstained"
    assert driver.execute_script("return document.querySelector('#explorer-map g.tile.chosen').dataset.iso3") == "BRA"
    partial = " ".join(driver.find_element("id", "partial-body").get_attribute("textContent").split())
    assert "adopted by 107-12-51" in partial  # ES-11/10; the request for separate votes failed (rule 89):
    assert "rejected by 11-69-62" in partial and "adopted by 11-69-62" not in partial
    errors = [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    assert errors == []


@needs_browser
def test_a_common_name_is_found_and_an_ambiguous_one_is_not_chosen(browser):
    driver, base = browser
    _open(driver, base + explorer.PAGE)
    _type(driver, "country", "Ivory Coast")
    assert driver.find_element("id", "country-name").text == "Côte d'Ivoire"
    assert driver.current_url.endswith("#country=CIV")
    _type(driver, "country", "Korea", enter=False)
    assert sorted(_options(driver)) == ["KOR", "PRK"]  # both suggested while typing
    _type(driver, "country", "Korea")
    assert driver.current_url.endswith("#country=CIV")  # neither chosen: the page still shows Côte d'Ivoire
    assert driver.find_element("id", "country-name").text == "Côte d'Ivoire"
    assert "could be" in driver.find_element("id", "explorer-message").text
    assert sorted(_options(driver)) == ["KOR", "PRK"]  # still offered, to choose from


@needs_browser
def test_the_keyboard_picks_a_suggestion(browser):
    from selenium.webdriver.common.keys import Keys

    driver, base = browser
    box = _type(driver, "country", "turk", enter=False)  # on the page the test before left
    assert _options(driver)[0] == "TUR"  # Turkey, the former UN name, finds Türkiye
    box.send_keys(Keys.ARROW_DOWN, Keys.ENTER)
    assert driver.current_url.endswith("#country=TUR")


@needs_browser
def test_two_countries_side_by_side_from_the_address(browser, tables):
    driver, base = browser
    _open(driver, base + explorer.PAGE + "#country=USA&with=RUS")
    assert (_vote(driver, ES7, 0), _vote(driver, ES7, 1)) == ("no", "no")
    assert (_vote(driver, ES8, 0), _vote(driver, ES8, 1)) == ("abstained", "no")
    rows = driver.execute_script("return [...document.querySelectorAll('#votes-table tr.differs')]"
                                 ".map(r => r.dataset.motion)")
    assert ES8 in rows and ES7 not in rows
    spans = periods(tables.motions)
    ids = [m for label in spans for m in spans[label]]
    score = agreement(tables.votes, "lijphart", ids).loc["USA", "RUS"]
    count = agreement_counts(tables.votes, "lijphart", ids).loc["USA", "RUS"]
    shown = driver.find_element("css selector", "#comparison-table tr[data-period='all roll calls']").text
    assert f"{score:.2f} on {count} votes" in shown
    same = driver.execute_script("return document.querySelector(\"#comparison-table tr[data-period='all roll calls']\")"
                                 ".cells[2].textContent")
    identical = int((tables.votes.pivot(index="motion", columns="iso3", values="vote").loc[ids, ["USA", "RUS"]]
                     .pipe(lambda v: (v["USA"] == v["RUS"]) & v["USA"].isin(list("YAN")) & v["RUS"].isin(list("YAN")))
                     .sum()))
    assert same.startswith(f"{identical} of {count} ")


@needs_browser
def test_back_and_forward_follow_the_address(browser):
    driver, base = browser
    _open(driver, base + explorer.PAGE + "#country=BRA&with=IND")
    _type(driver, "country", "Ukraine")
    assert unquote(driver.current_url).endswith("#country=UKR&with=IND")
    driver.back()
    assert driver.find_element("id", "country-name").text == "Brazil and India"
    driver.forward()
    assert driver.find_element("id", "country-name").text == "Ukraine and India"


@needs_browser
def test_every_link_from_the_index_to_a_country_page_and_back(browser, tables):
    driver, base = browser
    _open(driver, base + "index.html")
    links = driver.execute_script("return [...document.querySelectorAll('a[href^=\"explorer.html\"]')]"
                                  ".map(a => a.getAttribute('href'))")
    assert len(links) >= 4
    for href in dict.fromkeys(links):
        driver.find_element("css selector", f'a[href="{href}"]').click()
        iso3 = href.partition("#country=")[2]
        heading = driver.find_element("id", "country-name")
        assert (heading.text == tables.name(iso3)) if iso3 else not heading.is_displayed(), href
        driver.back()
        assert driver.current_url == base + "index.html", href


@needs_browser
def test_a_map_square_leads_to_its_country_page(browser):
    driver, base = browser
    _open(driver, base + "04_security_council.html")  # a page with one map (07_maps has twelve: slower)
    square = driver.find_element("css selector", '#fig-04_sc_map g.tile[data-iso3="UKR"] path')
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", square)
    square.click()
    assert driver.find_element("css selector", "#fig-04_sc_map .tile-open").text.startswith(
        "Ukraine (UKR): not a Council member")
    link = driver.find_element("css selector", "#fig-04_sc_map .tile-open a")
    assert link.get_attribute("href").endswith("explorer.html#country=UKR")
    link.click()
    assert driver.find_element("id", "country-name").text == "Ukraine"
    driver.back()
    assert driver.current_url.endswith("04_security_council.html")


@needs_browser
def test_the_ideal_point_slot_shows_only_what_the_data_hold(browser):
    driver, base = browser
    _open(driver, base + explorer.PAGE + "#country=BRA")
    assert not driver.find_element("id", "ideal-points").is_displayed()  # no ideal points in the data yet
    driver.execute_async_script("""const done = arguments[0];
        UNVOTES.members.BRA.ideal_points = [{session: "79", value: 0.25, lower: 0.1, upper: 0.4}];
        addEventListener('hashchange', () => requestAnimationFrame(() => done()), {once: true});
        location.hash = '#country=BRA&with=USA';""")
    assert driver.find_element("id", "ideal-points").is_displayed()
    assert "0.25 (0.10 to 0.40)" in driver.find_element("id", "ideal-points-body").text


@needs_browser
def test_the_page_fits_a_phone(browser):
    driver, base = browser
    driver.set_window_size(390, 844)
    try:
        _open(driver, base + explorer.PAGE)
        for state in ("", "#country=BRA", "#country=CIV&with=PRK", "#country=USA&with=RUS"):
            if state:  # the same page, as a reader's clicks: wait for the page to draw the new address
                driver.execute_async_script("""const done = arguments[1];
                    addEventListener('hashchange', () => requestAnimationFrame(() => done()), {once: true});
                    location.hash = arguments[0];""", state)
            width = driver.execute_script("return [document.documentElement.scrollWidth, window.innerWidth]")
            assert width[0] <= width[1], state
            text = driver.execute_script("return document.body.innerText")
            assert "NaN" not in text and "<NA>" not in text and "undefined" not in text and "null" not in text, state
    finally:
        driver.set_window_size(1366, 900)


@needs_browser
def test_a_vote_by_elimination_is_explained_in_words(browser):
    """S/RES/2623 (2022): the sources name the 1 against and the 3 abstaining, so the other 11 voted yes (README)."""
    driver, base = browser
    motion = "S/RES/2623(2022)"
    _open(driver, base + explorer.PAGE + "#country=BRA")
    record = driver.find_element("css selector", f"#votes-table tr[data-motion='{motion}'] td.vote .record")
    assert record.text.startswith("by elimination") and "below the table" in record.text
    note = driver.find_element("id", "votes-note")
    assert note.is_displayed()  # visible text, not only a title (which a touch screen does not show)
    assert note.text == record.get_attribute("title") == (
        f"By elimination: no source names the members that voted yes on {motion} (11-1-3) one by one. The sources "
        "name the 1 member that voted no and the 3 that abstained; with the official tally, the other 11 members of "
        "the Council voted yes.")
    _open(driver, base + explorer.PAGE + "#country=DEU")  # not on the Council in 2022: nothing to explain
    assert not driver.find_element("id", "votes-note").is_displayed()
    _open(driver, base + explorer.PAGE + "#country=DEU&with=USA")  # the one compared with has such a vote
    assert driver.find_element("id", "votes-note").is_displayed()


@needs_browser
def test_a_near_miss_is_suggested_as_the_command_line_does_never_chosen(browser):
    from analysis.data.members import suggest_members

    driver, base = browser
    _open(driver, base + explorer.PAGE)
    for typed in ("Brasil", "Frnace", "Untied States", "Chna", "Gremany", "Cote Divoire", "Xyzzy"):
        _type(driver, "country", typed, enter=False)
        shown = _suggested(driver)
        options, label = shown["text"], shown["label"]
        assert options == suggest_members(typed), typed  # the names and order of to_iso3's "did you mean"
        assert label == ("Did you mean" if options else None), typed
    _type(driver, "country", "Brasil", enter=False)
    assert _options(driver) == ["BRA"]
    _type(driver, "country", "Brasil")  # Enter: Brazil is offered, not opened
    assert "#country" not in driver.current_url and not driver.find_element("id", "country").is_displayed()
    assert driver.find_element("id", "explorer-message").text == (
        "No UN Member State is called \u201cBrasil\u201d (country). Did you mean Brazil?")
    assert _options(driver) == ["BRA"]  # still offered, to choose from
    _open(driver, base + explorer.PAGE + "#country=CIV")
    _type(driver, "country", "Frnace")
    assert driver.current_url.endswith("#country=CIV")  # the page still shows Côte d'Ivoire
    assert driver.find_element("id", "country-name").text == "Côte d'Ivoire"
    from selenium.webdriver.common.keys import Keys

    driver.find_element("id", "country-input").send_keys(Keys.ARROW_DOWN, Keys.ENTER)  # the reader's choice
    assert driver.current_url.endswith("#country=FRA")
