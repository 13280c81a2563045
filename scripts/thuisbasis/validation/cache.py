"""Validating less often, never with another outcome.

- ``CaseFileCache``: while ``mkdocs serve`` runs, only the case files that changed are checked again;
- ``ValidationRecord``: a whole run's problems in the build folder, under a hash of everything they depend
  on, so the build after ``thuisbasis validate`` (CI: the pull-request and Pages workflows) checks nothing again.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import os
import stat
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from thuisbasis.loading import NO_FOLLOW, OPEN_FLAGS, Document, load_document
from thuisbasis.problems import Problem
from thuisbasis.schemas import CASE_SCHEMA, CHECKLIST_SCHEMA, CONTEXT_SCHEMA, load_schema
from thuisbasis.validation import documents
from thuisbasis.validation.registries import validate_registries
from thuisbasis.validation.report import Report
from thuisbasis.validation.rules import RuleContext
from thuisbasis.validation.schema import coerce_plain_scalars

FileSignature = tuple[int, int, int]  # modification time (ns), size and inode of a file


def file_signature(path: Path) -> FileSignature | None:
    try:
        status = path.stat()
    except OSError:
        return None
    return status.st_mtime_ns, status.st_size, status.st_ino


@dataclass
class _CheckedFile:
    signature: FileSignature
    problems: list[Problem]
    document: Document | None


class CaseFileCache:
    """What checking each case file gave, kept between calls while the file, the registries and the day
    stay the same. ``mkdocs serve`` re-checks every case after an edit; with this only the edited one is
    read again. Cross-file checks (unique ids) always run on the whole set."""

    def __init__(self) -> None:
        self._files: dict[Path, _CheckedFile] = {}
        self._context: tuple[object, ...] | None = None

    def start(self, context: tuple[object, ...]) -> None:
        """Forget everything when what every file is checked against (registries, day) changed."""
        if context != self._context:
            self._files.clear()
            self._context = context

    def check(self, report: Report, path: Path, context: RuleContext) -> Document | None:
        signature = file_signature(path)
        known = self._files.get(path)
        if signature is not None and known is not None and known.signature == signature:
            report.checked_cases += 1
            report.problems.extend(known.problems)
            return known.document
        part = Report()
        document = documents.validate_case_file(part, path, context)
        report.checked_cases += part.checked_cases
        report.problems.extend(part.problems)
        if signature is not None:
            self._files[path] = _CheckedFile(signature, part.problems, document)
        return document


RECORD_FOLDER = Path("build") / "validatie-cache"  # beside mkdocs.yml; the build folder is git-ignored
RECORD_FORMAT = 1
RECORDS_KEPT = 4  # the newest records; older ones are removed when a new one is written
VALIDATION_LIBRARIES = ("jsonschema", "fastjsonschema", "phonenumberslite", "python-stdnum", "PyYAML")


class ValidationRecord:
    """The outcome of a whole validation run, kept in the build folder under a hash of everything the
    outcome depends on, so a pipeline that validates and then builds checks the files only once.

    ``thuisbasis validate`` only writes records: it always checks (in CI it is the check). The build
    reads them: on a hit it still loads every file and builds the model, but runs no schema or rule.
    The key (``run_key``) covers the bytes and kind of every file the run reads, its path, the day, the
    package's own files (code, schemas, registries, allow-list), the libraries the checks use, and this
    folder's device and inode, so a record committed to a checkout or copied from elsewhere never matches.
    A record that cannot be read or is malformed is a miss; one that cannot be written is skipped."""

    def __init__(self, root: Path, *, read: bool = True) -> None:
        """Records of runs over the checkout at ``root`` (the folder of mkdocs.yml), in ``root/build``."""
        self.root = Path(os.path.abspath(root))
        self._inside = os.path.join(str(self.root), "")  # the root with a separator after it
        self.folder = self.root / RECORD_FOLDER
        self.read = read

    def problems(self, key: str, files: Iterable[Path]) -> list[Problem] | None:
        """The problems of the run with ``key``, each naming its file as ``files`` do; or None (no
        record, or one that cannot be trusted)."""
        if not self.read:
            return None
        given = {self._name(path): path for path in files}
        try:
            stored = json.loads((self.folder / f"{key}.json").read_text(encoding="utf-8"))
            if stored["format"] != RECORD_FORMAT or stored["key"] != key:
                return None
            return sorted(_problem_from(entry, given, self.root) for entry in stored["problems"])
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def store(self, key: str, problems: Sequence[Problem]) -> None:
        """Keep ``problems`` under ``key`` (written whole or not at all); never fails a run."""
        record = {"format": RECORD_FORMAT, "key": key, "ok": not any(found.is_error for found in problems),
                  "problems": [[self._name(found.path), found.line, found.column, found.code, found.message]
                               for found in problems]}
        try:
            self._make_folder()
            partial = self.folder / f"{key}.{os.getpid()}.tmp"
            partial.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
            os.replace(partial, self.folder / f"{key}.json")
            for old in sorted(self.folder.glob("*.json"), key=_modified, reverse=True)[RECORDS_KEPT:]:
                old.unlink(missing_ok=True)
        except OSError:
            pass

    def run_key(self, files: Iterable[Path], today: dt.date) -> str:
        """The hash of everything a run over ``files`` on ``today`` depends on. Files are named relative to
        the checkout, so ``validate`` (relative paths) and the build (absolute ones) share a record."""
        digest = hashlib.sha256(f"{RECORD_FORMAT}\0{today.isoformat()}\0{package_digest()}\0".encode())
        try:  # made first: the folder a record is written to is the folder it is read from
            folder = self._make_folder().stat()
            digest.update(f"{folder.st_dev}\0{folder.st_ino}\0".encode())
        except OSError:
            digest.update(b"no folder\0")
        for name, path in sorted({self._name(path): path for path in files}.items()):
            digest.update(_file_digest(name, path))
        return digest.hexdigest()

    def _name(self, path: Path) -> str:
        """``path`` relative to the checkout (links not followed), or absolute where it cannot be."""
        absolute = os.path.abspath(path)
        if absolute.startswith(self._inside) and absolute != self._inside:  # as relpath names it, without its work
            return absolute[len(self._inside):].replace(os.sep, "/")
        try:
            return Path(os.path.relpath(absolute, self.root)).as_posix()
        except ValueError:  # another drive
            return absolute

    def _make_folder(self) -> Path:
        self.folder.mkdir(parents=True, exist_ok=True)
        ignore = self.folder / ".gitignore"
        if not ignore.exists():  # also where the build folder is not git-ignored (a copied site)
            ignore.write_text("*\n", encoding="utf-8")
        return self.folder


def _problem_from(entry: list[Any], given: dict[str, Path], root: Path) -> Problem:
    name, line, column, code, message = entry
    if not (isinstance(name, str) and isinstance(line, int) and isinstance(column, int)
            and isinstance(code, str) and isinstance(message, str)):
        raise TypeError("not a problem")
    path = given.get(name) or Path(os.path.normpath(root / name))
    return Problem(path=path, line=line, column=column, code=code, message=message)


def _modified(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return 0


def _file_digest(name: str, path: Path) -> bytes:
    """A file's name, kind and (for a regular file) bytes: a link or folder with the same content differs."""
    kind, content = _kind_and_bytes(path)
    return hashlib.sha256(f"{name}\0{kind}\0{len(content)}\0".encode("utf-8", "surrogateescape") + content).digest()


def _kind_and_bytes(path: Path) -> tuple[int, bytes]:
    """The kind of file at ``path`` as lstat says it (its bytes if it is a regular file), or minus the error
    number where it cannot be read. Opened without following a link, a regular file is read with one call
    fewer than lstat and then read_bytes, and without a buffered file object: a third faster, and a run
    key reads every file."""
    if not NO_FOLLOW:  # where a link would be followed (Windows)
        return _kind_and_bytes_after_lstat(path)
    try:
        descriptor = os.open(path, OPEN_FLAGS)  # as the loader opens a file
    except OSError:  # a link, a socket, or a path that does not exist or cannot be opened
        return _kind_and_bytes_after_lstat(path)
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            return stat.S_IFMT(status.st_mode), b""
        chunks = []
        while chunk := os.read(descriptor, max(status.st_size + 1, 8192)):
            chunks.append(chunk)
        return stat.S_IFREG, b"".join(chunks)
    except OSError as error:
        return -(error.errno or 1), b""
    finally:
        os.close(descriptor)


def _kind_and_bytes_after_lstat(path: Path) -> tuple[int, bytes]:
    try:
        status = os.lstat(path)
        return stat.S_IFMT(status.st_mode), path.read_bytes() if stat.S_ISREG(status.st_mode) else b""
    except OSError as error:
        return -(error.errno or 1), b""


@functools.cache
def package_digest() -> str:
    """A hash of every file of the thuisbasis package in use (code, schemas, data) and of the versions of
    Python and of the libraries the checks use: any change to how files are checked is a new key."""
    digest = hashlib.sha256(f"{sys.version}\0{files_digest(Path(__file__).resolve().parent.parent)}\0".encode())
    for name in VALIDATION_LIBRARIES:
        try:
            digest.update(f"{name}={metadata.version(name)}\0".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name}=?\0".encode())
    return digest.hexdigest()


def files_digest(folder: Path) -> str:
    """A hash of the names and bytes of every file below ``folder`` (byte code caches left out)."""
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            relative = path.relative_to(folder).as_posix()
            digest.update(hashlib.sha256(relative.encode() + b"\0" + path.read_bytes()).digest())
    return digest.hexdigest()

def read_unchecked(problems: list[Problem], registry_files: Sequence[Path], case_paths: Sequence[Path],
                   checklist_paths: Sequence[Path], context_paths: Sequence[Path]) -> Report:
    """What a recorded run gives: its ``problems``, and every file loaded as checking would have loaded it
    (registries included: the model needs them), but no schema or rule run on a case, checklist or context."""
    report = Report()
    validate_registries(report, registry_files)  # a handful of small files; builds the registries
    report.problems = list(problems)
    report.cases = _loaded(case_paths, CASE_SCHEMA)
    report.checklists = _loaded(checklist_paths, CHECKLIST_SCHEMA)
    report.contexts = _loaded(context_paths, CONTEXT_SCHEMA)
    report.checked_cases, report.checked_checklists = len(case_paths), len(checklist_paths)
    report.checked_contexts = len(context_paths)
    return report


def _loaded(paths: Sequence[Path], schema_name: str) -> list[Document]:
    """The files that read as a mapping, with plain scalars typed as the schema wants (as checking does)."""
    schema = load_schema(schema_name)
    loaded = []
    for path in paths:
        document, problems = load_document(path)
        if not problems and isinstance(document.data, dict):
            coerce_plain_scalars(document, schema)
            loaded.append(document)
    return loaded
