"""Putting a built report in place: write only what the report made, never follow a link out of the folder.

The report is built in a staging folder and moved in file by file. The
manifest (``.report-files`` in the output folder) lists what the last build
wrote; the next build removes only those of its files that it no longer
writes. Anything else in the folder (a reader's notes, a sub-folder) is left
alone. A symbolic link inside the output folder that leads outside it is never
written through nor deleted through: the build stops with :class:`ReportError`
before it changes anything.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath

MANIFEST = ".report-files"
_HEADER = "# Files written by `make report` (python -m analysis report); the next build removes only these.\n"


class ReportError(RuntimeError):
    """The report cannot be written where asked (e.g. a link that leads out of the output folder)."""


def _inside(root: Path, path: Path) -> bool:
    return path == root or path.is_relative_to(root)


def check_writable(root: Path, relative: str) -> None:
    """Raise :class:`ReportError` unless ``root/relative`` can be written without leaving ``root``."""
    parts = PurePosixPath(relative).parts
    if not parts or PurePosixPath(relative).is_absolute() or ".." in parts:
        raise ReportError(f"refusing to write {relative!r}: not a plain path inside {root}")
    current = root
    for k, part in enumerate(parts):
        current = current / part
        last = k == len(parts) - 1
        if current.is_symlink():
            target = current.resolve()
            if not _inside(root, target):
                raise ReportError(f"{current} is a symbolic link to {target}, outside {root}; the report writes "
                                  f"only inside {root}: remove the link (its target is not touched) and run again")
        if not last and current.exists() and not current.is_dir():
            raise ReportError(f"{current} is a file where the report needs a folder; move it away and run again")
        if last and current.is_dir() and not current.is_symlink():
            raise ReportError(f"{current} is a folder where the report writes a file; move it away and run again")


def read_manifest(root: Path) -> list[str]:
    """The files the last build wrote (relative paths), keeping only plain paths inside ``root``."""
    path = root / MANIFEST
    if not path.is_file() or path.is_symlink():
        return []
    entries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        pure = PurePosixPath(line)
        if not pure.is_absolute() and ".." not in pure.parts:
            entries.append(line)
    return entries


def _removable(root: Path, relative: str) -> Path | None:
    """``root/relative`` if it is a file (or a link) reached without leaving ``root``, else None."""
    current = root
    for part in PurePosixPath(relative).parts[:-1]:
        current = current / part
        if current.is_symlink() and not _inside(root, current.resolve()):
            return None
        if not current.is_dir():
            return None
    path = current / PurePosixPath(relative).name
    if path.is_symlink() or path.is_file():
        return path
    return None


def install(staging: Path, out: Path) -> list[str]:
    """Move every file under ``staging`` into ``out``; remove only last build's files that are gone now.

    All checks run before anything is moved or removed, so a refused build
    leaves ``out`` as it was. Returns the relative paths written.
    """
    out.mkdir(parents=True, exist_ok=True)
    root = out.resolve()
    written = sorted(p.relative_to(staging).as_posix() for p in staging.rglob("*") if p.is_file())
    for relative in written + [MANIFEST]:
        check_writable(root, relative)
    for relative in sorted(set(read_manifest(root)) - set(written)):
        path = _removable(root, relative)
        if path is not None:
            path.unlink()
    for relative in written:
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(staging / relative, target)
    manifest = root / MANIFEST
    temporary = root / f"{MANIFEST}.tmp"
    temporary.write_text(_HEADER + "".join(f"{r}\n" for r in written), encoding="utf-8")
    os.replace(temporary, manifest)
    return written


def clean(out: Path) -> list[str]:
    """Remove the files the last build wrote (per the manifest) and the manifest; leave everything else."""
    if not out.is_dir():
        return []
    root = out.resolve()
    removed = []
    for relative in read_manifest(root):
        path = _removable(root, relative)
        if path is not None:
            path.unlink()
            removed.append(relative)
    for folder in sorted({(root / r).parent for r in removed}, key=lambda p: len(p.parts), reverse=True):
        while folder != root and folder.is_dir() and not folder.is_symlink() and not any(folder.iterdir()):
            folder.rmdir()  # only folders the report's files left empty
            folder = folder.parent
    (root / MANIFEST).unlink(missing_ok=True)
    return removed
