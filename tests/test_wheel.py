"""The package installed from its wheel, outside the checkout, carries its data: loaders, country and export work.

No network: the wheel is built from a copy of the sources with the build backend of ``.venv``
(``--no-build-isolation``), installed with ``--no-deps --no-index`` into a fresh virtual environment that sees
``.venv``'s dependencies through a path file (a bare path, so ``.venv``'s editable install of the checkout is
*not* loaded: ``analysis`` comes from the wheel), and run from a temporary folder. About 11 s on an idle
two-core machine (three interpreters started in the environment; under a loaded machine several times that).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ("analysis", "data", "pyproject.toml", "README.md", "LICENSE")


def _run(*argv: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    result = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, f"{' '.join(argv)}: {result.stderr[-2000:]}"
    return result


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> tuple[Path, Path, dict]:
    """(the fresh environment's python, a folder outside the checkout, the environment variables to run in)."""
    tmp = tmp_path_factory.mktemp("wheel")
    source = tmp / "src"
    source.mkdir()
    for name in SOURCES:
        path = ROOT / name
        if path.is_dir():
            shutil.copytree(path, source / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(path, source / name)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "PIP_", "VIRTUAL_ENV"))}
    env.update(PYTHONNOUSERSITE="1", PIP_DISABLE_PIP_VERSION_CHECK="1")
    pip = [sys.executable, "-m", "pip"]
    _run(*pip, "wheel", "--quiet", "--no-deps", "--no-build-isolation", "--no-index", "-w", str(tmp / "dist"),
         str(source), cwd=tmp, env=env)
    (wheel,) = (tmp / "dist").glob("unvotes_ukraine_2025-*.whl")
    _run(sys.executable, "-m", "venv", "--without-pip", str(tmp / "venv"), cwd=tmp, env=env)
    python = tmp / "venv" / "bin" / "python"
    site = Path(_run(str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])", cwd=tmp,
                     env=env).stdout.strip())
    ours = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (site / "unvotes-test-dependencies.pth").write_text("\n".join(sorted(ours)) + "\n")
    _run(*pip, "--python", str(python), "install", "--quiet", "--no-deps", "--no-index", str(wheel), cwd=tmp, env=env)
    elsewhere = tmp / "elsewhere"
    elsewhere.mkdir()
    return python, elsewhere, env


def test_the_installed_package_loads_its_own_data_from_any_folder(installed):
    python, elsewhere, env = installed
    out = _run(str(python), "-c", "import analysis, analysis.data.schema as s; from analysis import load_votes, "
               "load_tables; print(analysis.__file__); print(s.DATA_DIR); print(len(load_votes()), "
               "len(load_tables().members))", cwd=elsewhere, env=env).stdout.splitlines()
    package, data = Path(out[0]), Path(out[1])
    assert not package.is_relative_to(ROOT) and data == package.parent / "_data" and out[2] == "3920 193"
    listed = [line.split("  ", 1)[1] for line in (ROOT / "data" / "SHA256SUMS").read_text().splitlines()]
    for name in listed + ["SHA256SUMS", "README.md"]:  # every data file, byte for byte
        assert hashlib.sha256((data / name).read_bytes()).digest() == \
            hashlib.sha256((ROOT / "data" / name).read_bytes()).digest(), name


def test_the_installed_command_line_runs_country_and_export(installed):
    import pandas as pd

    python, elsewhere, env = installed
    country = _run(str(python), "-m", "analysis", "country", "BRA", cwd=elsewhere, env=env).stdout
    assert country.startswith("Brazil (BRA), Latin American and Caribbean group")
    _run(str(python.parent / "unvotes"), "export", "ES-11/7", "--format", "parquet", "-o", "es11_7.parquet",
         cwd=elsewhere, env=env)
    exported = pd.read_parquet(elsewhere / "es11_7.parquet")
    assert len(exported) == 193 and exported.loc[exported["iso3"] == "USA", "vote"].item() == "N"


def test_the_data_folder_is_the_wheels_package_data_else_the_checkouts(tmp_path):
    from analysis.data.schema import DATA_DIR, bundled_data_dir

    assert DATA_DIR == ROOT / "data"  # the tests run from the checkout (an editable install)
    package = tmp_path / "site" / "analysis"
    (package / "_data").mkdir(parents=True)
    assert bundled_data_dir(package) == tmp_path / "site" / "data"  # no motions.csv: the loaders will say so
    (package / "_data" / "motions.csv").write_text("motion\n")
    assert bundled_data_dir(package) == package / "_data"
