"""The report's "Download the data": one zip of every exported table with its descriptor and the data README.

:func:`write_download` writes ``downloads/unvotes-ukraine-2025-data.zip`` into
the report's staging folder: the files of ``python -m analysis export --all``
(the roll calls long and wide, the partial record, every declared table, each
as CSV, with ``datapackage.json`` and the data README), plus the licence and
the citation file where the checkout has them, under one top folder. The zip
is deterministic: entries sorted, every timestamp 1980-01-01 00:00, the same
permissions, so the same data give the same bytes.
"""

from __future__ import annotations

import tempfile
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

from ..output.export import write_package

if TYPE_CHECKING:
    from ..data.tables import Tables

FOLDER = "downloads"
NAME = "unvotes-ukraine-2025-data"
ZIP = f"{FOLDER}/{NAME}.zip"  #: its place in the report
_EPOCH = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can hold
_EXTRA = ("LICENSE", "CITATION.cff")  # from the top of the checkout, where present


def zip_folder(folder: Path, target: Path, top: str = NAME) -> list[str]:
    """Zip every file under ``folder`` into ``target`` as ``top/...``, deterministically; the entry names."""
    files = sorted((p for p in folder.rglob("*") if p.is_file()), key=lambda p: p.relative_to(folder).as_posix())
    names = []
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w") as archive:
        for path in files:
            name = f"{top}/{path.relative_to(folder).as_posix()}"
            info = zipfile.ZipInfo(name, date_time=_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o100644 << 16  # a regular file, rw-r--r--
            info.create_system = 3  # Unix, whatever builds it
            archive.writestr(info, path.read_bytes(), compresslevel=9)
            names.append(name)
    return names


def write_download(staging: Path, tables: Tables, root: Path | None = None) -> Path:
    """Write the data zip into ``staging`` (the report's staging folder); its path."""
    with tempfile.TemporaryDirectory(prefix="unvotes-download-") as scratch:
        folder = Path(scratch) / NAME
        write_package(tables, folder, "csv")
        for name in _EXTRA if root is not None else ():
            if (root / name).is_file():
                (folder / name).write_bytes((root / name).read_bytes())
        target = staging / ZIP
        zip_folder(folder, target)
    return target
