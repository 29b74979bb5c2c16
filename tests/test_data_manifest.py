"""The bundled data files are exactly the ones whose checksums are recorded in data/SHA256SUMS."""

import hashlib

from analysis.schema import DATA_DIR


def manifest():
    lines = (DATA_DIR / "SHA256SUMS").read_text().splitlines()
    return {name.strip(): digest for digest, name in (line.split("  ", 1) for line in lines if line.strip())}


def test_every_data_file_is_in_the_manifest_and_matches():
    recorded = manifest()
    on_disk = sorted(p.relative_to(DATA_DIR).as_posix() for p in DATA_DIR.rglob("*")
                     if p.is_file() and p.name not in ("SHA256SUMS", "README.md"))
    assert sorted(recorded) == on_disk
    for name, digest in recorded.items():
        assert hashlib.sha256((DATA_DIR / name).read_bytes()).hexdigest() == digest, name


def test_manifest_covers_the_core_records():
    assert {"votes.csv", "motions.csv", "members.csv", "blocs.csv", "text_changes.csv",
            "sc_members_2025.csv", "partial_votes.csv", "texts/A_RES_ES-11_10.txt",
            "texts/es11_7_vs_es11_10.csv"} <= set(manifest())
