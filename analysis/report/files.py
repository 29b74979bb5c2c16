"""Putting a built report in place: write only what the report made, never through a link, all or nothing.

The report is built in a staging folder and moved in file by file. The
manifest (``.report-files`` in the output folder) lists what the last build
wrote; the next build replaces only those files, and removes only those it no
longer writes. Anything else in the folder (a reader's notes, a sub-folder) is
left alone, and a file of someone else's where the report would write (your
own ``index.html``) stops the build unless it is forced. Nothing is written
through a symbolic link: not the output folder itself, not a file it writes,
not its manifest, and not a folder on the way that leads outside the output
folder. Every refusal is a :class:`ReportError` raised before anything is
changed.

All or nothing. An install first writes, into a private folder of its own
beside the report (``.report-old-XXXXXXXX``, made by :func:`tempfile.mkdtemp`),
a journal of what it will do and the new manifest (each opened with
``O_EXCL``, so never through a link); it moves the old files it replaces or
drops into that folder, moves the new ones in, and puts the new manifest in
place last, in one :func:`os.replace`: from that moment the new report stands.
An error or Ctrl-C before it puts the old files back; a run killed before it
is undone by the next build (or ``make clean``), which finds that folder and
its journal. One install at a time: it holds an exclusive ``flock`` on the
output folder, and a second waits for the first.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile
from collections.abc import Collection, Iterable, Iterator
from pathlib import Path, PurePosixPath

MANIFEST = ".report-files"
_HEADER = ("# Files written by `make report` (python -m analysis report); the next build replaces or removes only "
           "these.\n")
#: Prefix of the folder an install keeps the old files in until the new report stands.
BACKUP = ".report-old-"
_JOURNAL, _NEW_MANIFEST, _OLD = "journal.json", "manifest", "old"  # what that folder holds


class ReportError(RuntimeError):
    """The report cannot be written where asked (e.g. a link that leads out of the output folder)."""


def _inside(root: Path, path: Path) -> bool:
    return path == root or path.is_relative_to(root)


def _link(path: Path) -> str:
    try:
        return os.readlink(path)
    except OSError:  # pragma: no cover - removed in between
        return "?"


def output_folder(out: Path) -> Path:
    """``out`` resolved, once it is known not to be a link nor a file (it may not exist yet)."""
    out = Path(out)
    if out.is_symlink():
        raise ReportError(f"{out} is a symbolic link (to {_link(out)}); the report is written only into a real "
                          "folder, never through a link, so nothing was written: remove the link (its target is not "
                          f"touched) or make {out} a folder, and run again")
    if out.exists() and not out.is_dir():
        raise ReportError(f"{out} is a file where the report needs a folder; move it away and run again")
    return out.resolve()


def _parts(root: Path, relative: str) -> tuple[str, ...]:
    pure = PurePosixPath(relative)
    if not pure.parts or pure.is_absolute() or ".." in pure.parts:
        raise ReportError(f"refusing to write {relative!r}: not a plain path inside {root}")
    return pure.parts


def _check_on_the_way(root: Path, current: Path) -> None:
    """A folder the report writes into: a folder (or absent), and if a link, one to a folder inside ``root``."""
    if current.is_symlink():
        target = Path(os.path.realpath(current))
        if not _inside(root, target):
            raise ReportError(f"{current} is a symbolic link to {target}, outside {root}; the report writes only "
                              f"inside {root}, so nothing was written: remove the link (its target is not touched) "
                              "and run again")
        if not current.is_dir():
            raise ReportError(f"{current} is a symbolic link (to {_link(current)}) that leads to no folder; remove "
                              "it and run again")
    elif current.exists() and not current.is_dir():
        raise ReportError(f"{current} is a file where the report needs a folder; move it away and run again")


def check_folder(root: Path, relative: str) -> None:
    """Raise :class:`ReportError` unless every folder of ``root/relative`` is one the report may write into."""
    current = root
    for part in _parts(root, relative):
        current = current / part
        _check_on_the_way(root, current)


def check_writable(root: Path, relative: str, owned: Collection[str] | None = None) -> None:
    """Raise :class:`ReportError` unless the report may write the file ``root/relative``.

    Its folders must pass :func:`check_folder`; the file itself must be neither
    a link nor a folder; with ``owned`` (the files the last report wrote), an
    existing file must be one of them.
    """
    parts = _parts(root, relative)
    if len(parts) > 1:
        check_folder(root, "/".join(parts[:-1]))
    path = root.joinpath(*parts)
    if path.is_symlink():
        raise ReportError(f"{path} is a symbolic link (to {_link(path)}); the report never writes through a link "
                          "it did not make, so nothing was written: remove the link (its target is not touched) and "
                          "run again")
    if path.is_dir():
        raise ReportError(f"{path} is a folder where the report writes a file; move it away and run again")
    if owned is not None and path.exists() and relative not in owned:
        raise ReportError(f"{path} is not the report's own file (the last report's {MANIFEST} does not list it), "
                          "so nothing was written: move it out of the folder and run again, or replace it with "
                          "`python -m analysis report --force` (make report FORCE=1)")


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


@contextlib.contextmanager
def locked(root: Path) -> Iterator[None]:
    """Hold an exclusive ``flock`` on the output folder: one install (or clean) at a time, a second waits."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX: no lock
        yield
        return
    handle = os.open(root, os.O_RDONLY)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        os.close(handle)  # releases the lock


def _check_all(root: Path, files: Iterable[str], folders: Iterable[str] = (), force: bool = False) -> None:
    check_writable(root, MANIFEST)  # first: a linked manifest is never read, so every file would look not ours
    owned = None if force else frozenset(read_manifest(root))
    for relative in folders:
        check_folder(root, relative)
    for relative in files:
        check_writable(root, relative, owned)


def prepare(out: Path, files: Iterable[str], folders: Iterable[str] = (), force: bool = False) -> Path:
    """Before the slow part of a build: undo an install that was killed, then check every folder and file the
    report will write (as :func:`install` does); the resolved output folder. Raises :class:`ReportError`."""
    root = output_folder(out)
    if root.is_dir():
        with locked(root):
            recover(root)
            _check_all(root, files, folders, force)
    return root


def install(staging: Path, out: Path, force: bool = False) -> list[str]:
    """Move every file under ``staging`` into ``out``; remove only last build's files that are gone now.

    All checks run before anything is moved or removed, so a refused build
    leaves ``out`` as it was; so does an error while moving (the old files
    are put back). ``force`` replaces files that the last report did not
    write (never a link). Returns the relative paths written.
    """
    root = output_folder(out)
    root.mkdir(parents=True, exist_ok=True)
    written = sorted(p.relative_to(staging).as_posix() for p in staging.rglob("*") if p.is_file())
    with locked(root):
        recover(root)
        _check_all(root, written, force=force)
        stale = [r for r in sorted(set(read_manifest(root)) - set(written)) if _removable(root, r) is not None]
        _swap(staging, root, written, stale)
    return written


def _write_new(path: Path, text: str) -> None:
    """Write a new file (``O_EXCL``: never an existing one, never through a link), flushed to disk."""
    with open(path, "x", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())


def _move(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    os.replace(source, target)


def _new_folders(root: Path, written: list[str]) -> list[str]:
    """The folders (relative) an install creates for ``written``: to remove again if it is undone."""
    folders = {p.as_posix() for r in written for p in PurePosixPath(r).parents if p.parts}
    return sorted((f for f in folders if not (root / f).exists()), key=lambda f: (f.count("/"), f))


def _swap(staging: Path, root: Path, written: list[str], stale: list[str]) -> None:
    """The old files (replaced or ``stale``) moved aside, the new moved in, the manifest last; undone on error."""
    old = stale + [r for r in written if os.path.lexists(root / r)]
    plan = {"old": old, "new": sorted(set(written) - set(old)), "folders": _new_folders(root, written)}
    backup = Path(tempfile.mkdtemp(prefix=BACKUP, dir=root))
    try:
        _write_new(backup / _JOURNAL, json.dumps(plan, indent=1))
        _write_new(backup / _NEW_MANIFEST, _HEADER + "".join(f"{r}\n" for r in written))
        for relative in old:
            _move(root / relative, backup / _OLD / relative)
        for relative in written:
            _move(staging / relative, root / relative)
        os.replace(backup / _NEW_MANIFEST, root / MANIFEST)  # the new report stands from here on
    except BaseException as error:
        _undo(root, backup)
        if not isinstance(error, Exception):  # Ctrl-C: the old report is back; stop as asked
            raise
        raise ReportError(f"writing the report into {root} failed ({error}), so it was undone: the folder is as it "
                          "was before this build") from error
    shutil.rmtree(backup, ignore_errors=True)


def _journal(backup: Path) -> dict | None:
    try:
        return json.loads((backup / _JOURNAL).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None  # not written yet (or only partly): nothing was moved


def _undo(root: Path, backup: Path) -> None:
    """Put back the old report an unfinished install left (as its journal says), then remove ``backup``.

    Once the new manifest is in place (no longer in ``backup``) the new report
    stands, and only ``backup`` is removed. Safe to run again if interrupted.
    """
    plan = _journal(backup)
    if plan is not None and (backup / _NEW_MANIFEST).exists():
        for relative in plan["new"]:
            path = root / relative
            if path.is_file() and not path.is_symlink():
                path.unlink()
        for relative in plan["old"]:
            if os.path.lexists(backup / _OLD / relative):
                _move(backup / _OLD / relative, root / relative)
        for relative in reversed(plan["folders"]):
            with contextlib.suppress(OSError):  # only if empty
                (root / relative).rmdir()
    shutil.rmtree(backup)


def recover(root: Path) -> list[Path]:
    """Finish what a killed install left in ``root`` (call it holding :func:`locked`): the old report put back
    where the new manifest was not yet in place. Returns the folders it removed."""
    done = []
    for backup in sorted(root.glob(BACKUP + "*")):
        if backup.is_symlink() or not backup.is_dir():
            continue
        if not set(os.listdir(backup)) <= {_JOURNAL, _NEW_MANIFEST, _OLD}:
            continue  # not a folder an install made: leave it alone
        _undo(root, backup)
        done.append(backup)
    return done


def clean(out: Path) -> list[str]:
    """Remove the files the last build wrote (per the manifest) and the manifest; leave everything else."""
    if not out.is_dir():
        return []
    root = out.resolve()
    removed = []
    with locked(root):
        recover(root)
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
