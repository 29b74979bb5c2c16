"""The bundled data files are exactly the ones whose checksums are recorded in data/SHA256SUMS."""

import hashlib
import re

from analysis.data.schema import DATA_DIR


def manifest(folder=DATA_DIR) -> dict[str, str]:
    """File name -> SHA-256 as SHA256SUMS records it (sha256sum's layout, text or ``-b`` binary mode; ``#``
    comment lines skipped; a blank or malformed line fails)."""
    lines = (folder / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    found = [re.fullmatch(r"([0-9a-f]{64}) [ *](.+)", line) for line in lines if not line.startswith("#")]
    assert all(found), lines
    return {m.group(2): m.group(1) for m in found}


def manifest_problems(folder=DATA_DIR) -> list[str]:
    """What keeps ``folder``'s SHA256SUMS from listing exactly its files with their checksums (empty: nothing)."""
    recorded = manifest(folder)
    on_disk = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*")
                     if p.is_file() and p.name not in ("SHA256SUMS", "README.md"))
    if sorted(recorded) != on_disk:
        return [f"listed {sorted(recorded)}, on disk {on_disk}"]
    return [f"checksum differs: {name}" for name, digest in recorded.items()
            if hashlib.sha256((folder / name).read_bytes()).hexdigest() != digest]


def test_every_data_file_is_in_the_manifest_and_matches():
    assert manifest_problems() == []


def test_manifest_covers_the_core_records():
    assert {"votes.csv", "motions.csv", "members.csv", "blocs.csv", "text_changes.csv",
            "sc_members_2025.csv", "partial_votes.csv", "texts/A_RES_ES-11_10.txt",
            "texts/es11_7_vs_es11_10.csv", "sc_members_2022.csv", "sc_2022_sources.csv", "ga_context_motions.csv",
            "ga_context_votes.csv", "related_tallies.csv", "bloc_membership.csv"} <= set(manifest())
