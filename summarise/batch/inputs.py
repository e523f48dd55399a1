"""What a batch job reads: files, directories (recursively, by extension), globs and JSONL files.

Every input becomes a :class:`BatchInput` with a stable id (its path as given, or the JSONL ``id``)
and the stem its outputs are named after. A JSONL line that cannot be used becomes an input that
already carries its error, so the job records it and goes on.

A JSONL ``"path"`` is untrusted: a relative one is resolved against the JSONL file's folder (never
the working directory); absolute paths and ``..`` are allowed unless ``within`` (``--inputs-within
DIR``) confines every JSONL path to one folder, symlinks resolved, in which case a path outside it is
a bad line. Whatever it names is read like any article: at most the size limit, never more.
An input is never overwritten by a brief: an input inside the output folder whose name a brief would
take gets its briefs named ``STEM.brief.EXT`` instead.
"""

from __future__ import annotations

import glob
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import ConfigError, InputError
from ..segment import Document, from_text
from ..segment.read import read_json_lines
from ..settings import DEFAULT_MAX_INPUT_BYTES

ARTICLE_EXTENSIONS = (".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xhtml")
# The extensions batch outputs take (runner.EXTENSIONS' values), so an input of that name can be spared.
OUTPUT_EXTENSIONS = (".json", ".md", ".txt", ".html")
JSONL_EXTENSIONS = (".jsonl", ".ndjson")
_GLOB_CHARS = re.compile(r"[*?\[]")
_UNSAFE = re.compile(r"[^\w.\-]+", re.UNICODE)


@dataclass(frozen=True)
class BatchInput:
    id: str  # the manifest's key, stable across runs: a file's absolute path, or the JSONL "id"
    input: str  # what to show the user: the file, or "FILE.jsonl:LINE"
    source: Path | Document | None  # None when ``error`` is set
    stem: str  # output file name without extension (unique within the job after naming)
    error: InputError | None = None


def discover(
    arguments: Sequence[str],
    *,
    exclude: Path | None = None,
    max_bytes: int = DEFAULT_MAX_INPUT_BYTES,
    within: Path | None = None,
) -> list[BatchInput]:
    """Inputs named by ``arguments``, in a stable order, duplicates (the same file twice) removed.
    Files under ``exclude`` (the job's output directory) are never inputs, so briefs written inside
    an input directory are not briefed again on the next run.

    ``max_bytes`` limits each JSONL ``"text"`` record, as ``max_input_bytes`` limits each file.
    ``within``: the folder every JSONL ``"path"`` must resolve into (None: any readable file).
    Raises ConfigError when an argument names nothing: a typo should stop the job before any work.
    """
    if not arguments:
        raise ConfigError("no inputs given", "name article files, directories, globs or JSONL files")
    if within is not None and not Path(within).is_dir():
        raise ConfigError(f"--inputs-within {within}: not a folder", "give the folder JSONL paths must stay inside")
    items: list[BatchInput] = []
    seen_files: set[Path] = set()
    skip = exclude.resolve() if exclude is not None else None
    for argument in arguments:
        for path in _expand(argument, skip):
            if path.suffix.lower() in JSONL_EXTENSIONS:
                items.extend(read_jsonl(path, max_bytes=max_bytes, within=within))
                continue
            key = path.resolve()
            if key in seen_files:
                continue
            seen_files.add(key)
            # The id is the absolute path, so `in/` and `/home/me/in/` find each other's finished work.
            items.append(BatchInput(id=str(key), input=str(path), source=path, stem=_safe_stem(path.stem)))
    return unique_stems(_spare_inputs(_unique_ids(items), skip))


def _spare_inputs(items: list[BatchInput], out: Path | None) -> list[BatchInput]:
    """Inputs in the output folder named like a brief of themselves (``article.txt`` with ``-f text``)
    get briefs named ``article.brief.txt``: a brief never replaces an input, on this run or the next."""
    if out is None:
        return items
    inputs = {item.source.resolve() for item in items if isinstance(item.source, Path)}
    out_names = {p.name.lower() for p in inputs if p.parent == out}
    spared = []
    for item in items:
        if any(f"{item.stem}{ext}".lower() in out_names for ext in OUTPUT_EXTENSIONS):
            item = BatchInput(item.id, item.input, item.source, f"{item.stem}.brief", item.error)
        spared.append(item)
    return spared


def _expand(argument: str, skip: Path | None) -> list[Path]:
    if not argument.strip():
        # Path("") is the working folder: an unset shell variable must not brief whatever is there.
        raise ConfigError("an input name is empty", "check the command line (an unset shell variable?)")
    try:
        return _expand_path(argument, skip)
    except OSError as error:  # a name too long, a folder that cannot be listed, ...
        raise ConfigError(f"{argument}: cannot read it ({error.strerror or error})", "give article files, directories, globs or JSONL files") from None


def _expand_path(argument: str, skip: Path | None) -> list[Path]:
    path = Path(argument).expanduser()
    if path.is_dir():
        if skip is not None and path.resolve().is_relative_to(skip):
            raise ConfigError(
                f"{argument}: this folder is the --out folder (or inside it), where briefs are written; "
                "its files are never taken as inputs",
                "write the briefs to another folder, e.g. --out briefs (a folder inside the inputs is fine)",
            )
        found = [
            p
            for p in path.rglob("*")
            if p.is_file() and p.suffix.lower() in ARTICLE_EXTENSIONS and not _inside(p, skip)
        ]
        if not found:
            raise ConfigError(
                f"{argument}: no article files in this directory",
                f"articles are found by extension ({', '.join(ARTICLE_EXTENSIONS)}); JSONL files must be named",
            )
        return sorted(found)
    if path.exists():  # a file, or a FIFO or device named on purpose: read like any input, bounded
        return [path]
    if _GLOB_CHARS.search(argument):
        matches = sorted(
            Path(m) for m in glob.glob(str(path), recursive=True) if Path(m).is_file() and not _inside(Path(m), skip)
        )
        if not matches:
            raise ConfigError(f"{argument}: no files match this pattern", "check the pattern, quoted so the shell leaves it alone")
        return matches
    raise ConfigError(f"{argument}: no such file or directory", "give article files, directories, globs or JSONL files")


def _inside(path: Path, directory: Path | None) -> bool:
    return directory is not None and path.resolve().is_relative_to(directory)


def read_jsonl(path: Path, *, max_bytes: int = DEFAULT_MAX_INPUT_BYTES, within: Path | None = None) -> list[BatchInput]:
    """One input per line of ``{"id", "text"}`` or ``{"id", "path"}`` (a path relative to the JSONL
    file's folder; confined to ``within`` when given). A line that cannot be used (not JSON, nested
    too deeply, too long, a path outside ``within``) is an input carrying its error."""
    items: list[BatchInput] = []
    # A record's text may take six bytes a character once JSON-escaped ("\u0627"), plus its id.
    saw_line = False
    for line in read_json_lines(path, max_line_bytes=6 * max_bytes + 65536):
        saw_line = True
        number = line.number
        where = f"{path}:{number}"
        if line.problem is not None:
            items.append(_bad(where, where, f"{where}: {line.problem.removeprefix(f'line {number} ').removeprefix('is ')}"))
            continue
        record = line.value
        if not isinstance(record, dict) or record.get("id") in (None, ""):
            items.append(_bad(where, where, f'{where}: each line needs an "id" and a "text" or "path"'))
            continue
        item_id = str(record["id"])
        if isinstance(record.get("text"), str):
            try:
                source: Path | Document = from_text(record["text"], name=item_id, max_bytes=max_bytes)
            except InputError as error:
                items.append(_bad(item_id, where, str(error.message), error.hint))
                continue
        elif isinstance(record.get("path"), str):
            source = Path(record["path"])  # no ~ expansion: the file is not the user's shell
            if not source.is_absolute():
                source = path.parent / source
            problem = _unusable_path(source, within)
            if problem is not None:
                items.append(_bad(item_id, where, f'{where}: "path" {record["path"]!r} {problem}'))
                continue
            if source.exists() and not source.is_file():
                # A device, FIFO or folder named by an untrusted list: a FIFO would block the job forever.
                items.append(_bad(item_id, where, f'{where}: "path" {record["path"]!r} is not a regular file',
                                  "JSONL paths must name article files"))
                continue
            if within is not None and not source.resolve().is_relative_to(Path(within).resolve()):
                items.append(
                    _bad(item_id, where, f'{where}: "path" {record["path"]!r} is outside --inputs-within {within}',
                         "only files inside that folder are read")
                )
                continue
        else:
            wrong = [f'"{key}" is {_json_kind(record[key])}' for key in ("text", "path") if record.get(key) is not None]
            problem = f"{', '.join(wrong)}, not a string" if wrong else 'it has neither a "text" nor a "path"'
            items.append(_bad(item_id, where, f"{where}: id {item_id!r}: {problem}",
                              'give the article as "text": "..." or its file as "path": "..."'))
            continue
        items.append(BatchInput(id=item_id, input=where, source=source, stem=_safe_stem(item_id)))
    if not saw_line:
        # Like a folder with no articles: an empty list is a mistake to stop on, not a job with nothing to do.
        raise InputError(f"{path}: the JSON-lines file is empty", 'give one {"id", "text"} or {"id", "path"} object a line')
    return items


def _unusable_path(source: Path, within: Path | None) -> str | None:
    """Why a JSONL path cannot even be looked at (a name too long, a NUL byte, a link loop), or None:
    such a line is one failed item, never the end of the job."""
    if not str(source).strip() or "\0" in str(source):
        return "is not a file name"
    try:
        source.exists()
        if within is not None:
            source.resolve()
    except (OSError, RuntimeError) as error:  # RuntimeError: a symlink loop, for resolve()
        return f"cannot be read ({getattr(error, 'strerror', None) or error})"
    return None


def _json_kind(value: object) -> str:
    names = {bool: "true/false", int: "a number", float: "a number", list: "a list", dict: "an object"}
    return names.get(type(value), type(value).__name__)


def _bad(item_id: str, where: str, message: str, hint: str | None = None) -> BatchInput:
    return BatchInput(id=item_id, input=where, source=None, stem=_safe_stem(item_id), error=InputError(message, hint))


def _unique_ids(items: list[BatchInput]) -> list[BatchInput]:
    """A repeated JSONL id would make two articles share one manifest key: the later ones fail."""
    seen: dict[str, BatchInput] = {}
    out: list[BatchInput] = []
    for item in items:
        first = seen.get(item.id)
        if first is None:
            seen[item.id] = item
            out.append(item)
            continue
        key = f"{item.id}@{item.input}"
        out.append(
            _bad(key, item.input, f"{item.input}: id {item.id!r} was already used by {first.input}", "give every article its own id")
        )
    return out


def unique_stems(items: list[BatchInput]) -> list[BatchInput]:
    """Give clashing stems (``a/x.txt`` and ``b/x.txt``; case-insensitively, for macOS and Windows
    disks) a suffix from a hash of the id, so each input keeps the same output name on every run."""
    taken: set[str] = set()
    out: list[BatchInput] = []
    for item in items:
        stem = item.stem
        if stem.lower() in taken:
            stem = f"{stem}-{hashlib.sha1(item.id.encode()).hexdigest()[:8]}"
        taken.add(stem.lower())
        out.append(item if stem == item.stem else BatchInput(item.id, item.input, item.source, stem, item.error))
    return out


def _safe_stem(name: str) -> str:
    """A file name from an id or stem: no path separators, no leading dot (hidden/temporary names)."""
    stem = _UNSAFE.sub("_", name).strip("._") or "article"
    return stem[:120]
