"""Conversion between formats: load with comments, convert through the spec, dump."""

from __future__ import annotations

import codecs
import io
import re
import tokenize
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .check import check_document
from .comments import BEFORE, END, Comment, attach, carry, put_back, starts_of, walk
from .comments import starts as comment_starts
from .diagnostics import Diagnostic, Severity, Span, unique
from .emit import Locator, diagnostic
from .formats import (
    BY_ID,
    FORMATS,
    PYTHON_SUFFIXES,
    READABLE_IDS,
    WRITABLE_IDS,
    Format,
    detect,
    detect_source,
    wrapper_key,
)
from .loader import Document, load_bytes, load_text, read_source, too_large, undecodable
from .losses import decide
from .sourcemap import TranslatedMap, source_lines
from .yamlio import dump


@dataclass
class Result:
    """The converted text (``None`` when nothing could be written) and every finding."""

    text: str | None
    source_format: str | None
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.diagnostics[:] = sorted(unique(self.diagnostics), key=Diagnostic.sort_key)

    def failed(self, strict: bool = False) -> bool:
        """Whether the conversion must count as failed (``strict``: any loss too)."""
        if self.text is None:
            return True
        worst = Severity.WARNING if strict else Severity.ERROR
        return any(d.severity.rank >= worst.rank for d in self.diagnostics)


def convert_document(
    doc: Document,
    to: str,
    source_format: str | None = None,
    *,
    best_effort: bool = False,
    space: str | None = None,
) -> Result:
    """Convert a document loaded with comments (``load_text``) to the format ``to``.

    ``source_format`` names the format of ``doc`` (detected from its keys when ``None``); a
    Python format (``"hyperopt"``, ``"tune"``) reads the document's text as Python source.
    An input with errors (as ``check`` reports them, or as its reader finds them) is not
    converted, unless ``best_effort``: then what can be is, and every node left out is named.
    ``space`` names the space of a Python source that holds several (``--space``).
    Raises ``ValueError`` for a ``to`` that names no format sweepspec can write.
    """
    if isinstance(doc.data, dict) and not hasattr(doc.data, "ca") and doc.text:
        # loaded without comments (plain dicts, see sweepspec.fastload.plain): the readers and
        # writers carry comments, and read the text again to have them
        doc = load_text(doc.text, doc.file)
    return _convert(doc, to, source_format, best_effort=best_effort, space=space)


def _convert(
    doc: Document,
    to: str,
    source_format: str | None = None,
    *,
    best_effort: bool = False,
    comments: bool = True,
    space: str | None = None,
) -> Result:
    target = _writable(to)
    source = BY_ID.get(source_format) if source_format is not None else None
    if source is not None and source.python and not any(d.code == "Y004" for d in doc.diagnostics):
        return convert_source(
            doc.text, to, doc.file, source_format, best_effort=best_effort, space=space
        )
    if space is not None:
        problem = diagnostic(
            "X003",
            f"`--space {space}` names a space of a Python source; this input is not one",
            doc.file,
            Span(1, 1, 1, 1),
        )
        return Result(None, None, [*doc.diagnostics, problem])
    if doc.fatal:
        return Result(None, None, list(doc.diagnostics))
    found = detect(doc.data) if source_format is None else source_format
    wrapper = wrapper_key(doc.data) if source_format is None else None
    if wrapper is not None:
        problem = Locator(doc).at_key(
            "X003",
            f"cannot convert: the W&B sweep is under the key `{wrapper}` of a larger file, "
            "whose other keys are not a sweep's",
            (wrapper,),
            hint=f"move what is under `{wrapper}:` to a file of its own and convert that",
        )
        return Result(None, None, [*doc.diagnostics, problem])
    if found is None or found not in READABLE_IDS:
        what = "an unknown format" if found is None else f"`{found}`, which cannot be read yet"
        problem = diagnostic(
            "X003",
            f"cannot convert: the file is {what}",
            doc.file,
            Span(1, 1, 1, 1),
            hint="name the format with --from: " + ", ".join(READABLE_IDS),
        )
        return Result(None, found, [*doc.diagnostics, problem])
    diagnostics = list(doc.diagnostics)
    if found != "spec" and any(d.severity is Severity.ERROR for d in diagnostics):
        # a duplicate or non-string key (Y002, Y009): the data is not what the file says
        return Result(None, found, diagnostics)
    if found == "spec":
        checked = check_document(doc, source_format="spec")
        if any(d.severity is Severity.ERROR for d in checked):
            return Result(None, found, checked)
        written = target.write(doc)
        result = Result(written.text, found, [*checked, *decide(doc, target, written)])
        if comments:
            result = _with_comments(result, doc, doc.data, to)
        return _retag_modelines(result, found, to)
    if source_format is not None and not BY_ID[found].recognises(doc.data):
        return Result(None, found, [*diagnostics, _not_of_format(doc, found)])
    if found == to:
        return Result(doc.text, found, diagnostics)
    checked = _input_findings(doc, found)
    reading = BY_ID[found].read(doc)
    diagnostics += checked
    if not best_effort and any(
        d.severity is Severity.ERROR for d in [*checked, *reading.diagnostics]
    ):
        # nothing is written: where `check` named an error, what the reader would have done
        # there (not carried, left out) need not be said again
        named = {d.span for d in checked if d.severity is Severity.ERROR}
        return Result(
            None, found, [*diagnostics, *(d for d in reading.diagnostics if d.span not in named)]
        )
    diagnostics += reading.diagnostics
    # what the second step finds on a spec node is placed where the reader found that node in
    # the input
    source = BY_ID[found]
    spans = TranslatedMap(doc.spans, lambda path: source.origin_of(path, doc.data), doc.text)
    middle = Document(doc.file, dump(reading.data), reading.data, spans)
    if to == "spec":
        # an error of the input, carried with best effort, is said once: at the input's node
        said = {d.span for d in diagnostics if d.severity is Severity.ERROR}
        errors = [d for d in _spec_errors(middle) if d.span not in said]
        text = None if errors and not best_effort else middle.text
        result = _with_comments(Result(text, found, [*diagnostics, *errors]), doc, reading.data, to)
        return _retag_modelines(result, found, to)
    # between two other formats, through the spec
    result = _convert(middle, to, "spec", comments=False)
    result = _with_comments(replace(result, source_format=found), doc, reading.data, to)
    return _suppressions_in_source(_retag_modelines(result, found, to), middle, doc)


def _with_comments(result: Result, doc: Document, spec: Any, to: str) -> Result:
    """``result`` with every comment of ``doc`` at the node it belongs to (see comments.py);
    ``spec`` is the spec read from ``doc`` (``doc``'s own data for a spec), through which the
    input's nodes map to the output's. Unchanged when the comments cannot be put back without
    changing what the output says (what ruamel.yaml carried stays)."""
    source = result.source_format
    if result.text is None or source is None or BY_ID[to].python:
        return result
    out = load_text(result.text, "<written>", comments=False, sized=False).data
    text = carry(doc, result.text, node_images(doc.data, source, spec, to, out))
    return result if text is None else replace(result, text=text)


def node_images(data: Any, source: str, spec: Any, to: str, out: Any) -> Callable[[Any], Any]:
    """For a document of format ``source`` holding ``data``, read as ``spec`` and written as
    ``out`` in the format ``to``: each input node's path -> the output node that stands for it
    (``None`` for a node the spec has nothing from)."""
    reader, writer = BY_ID[source], BY_ID[to]
    # each input node -> (the spec node read from it, how many levels the input node is above
    # the one the spec node came from: W&B's `metric:` holds the spec's `metric` at `name`)
    # An input node that holds several spec nodes' origins stands for the outermost (Hydra's
    # `sampler:` for the spec's `search_alg`, not its `sampler` option); of those, the one of
    # its own name (W&B's `metric:` for the spec's `metric`, whether `name` or `goal` comes
    # first), else the one that comes first in the input (the legacy `tune:` for `num_samples`
    # above its `search_alg`)
    order = {path: index for index, (path, _) in enumerate(walk(data, ()))}
    to_spec: dict[Any, tuple[Any, int]] = {}
    first: dict[Any, tuple[int, bool, int]] = {}
    for path, _ in walk(spec, ()):
        came_from = tuple(reader.origin_of(path, data))
        at = order.get(came_from, len(order))
        for end in range(len(came_from), -1, -1):
            prefix = came_from[:end]
            rank = (len(path), not (prefix and path and prefix[-1] == path[-1]), at)
            if prefix not in to_spec or rank < first[prefix]:
                to_spec[prefix] = (path, len(came_from) - end)
                first[prefix] = rank

    def to_output(path: Any) -> Any:
        if path not in to_spec:
            return None
        in_spec, above = to_spec[path]
        goes_to = tuple(writer.origin_of(in_spec, out))
        # up as many levels as the input node is above, but not past the spec node's parent's
        # own node: a level the output does not have is the spec node's
        floor = len(writer.origin_of(in_spec[:-1], out)) + 1 if in_spec else 1
        return goes_to[: max(floor, 1, len(goes_to) - above)]

    return to_output


def _spec_errors(spec: Document) -> list[Diagnostic]:
    """The errors ``check`` finds in a spec read from another format, placed by ``spec``'s
    spans: a reader carries what it finds, a `description: 7` too, and a spec that would fail
    ``check`` is not written (unless best effort). What the input never said is not its error:
    a hyperopt space names no metric, which its spec needs before it runs (V013, as ``check``
    says of the spec); the spec is written, to be completed."""
    return [
        d
        for d in check_document(spec, source_format="spec")
        if d.severity is Severity.ERROR and d.code not in _INCOMPLETE
    ]


# Errors of a read spec that say what its input does not hold, rather than what it holds wrong.
_INCOMPLETE = frozenset({"V013"})


# Errors `check` reports on a W&B file that a conversion resolves itself: values W&B's YAML 1.1
# misreads are read as their author wrote them, and written so that every reader agrees (W001);
# the deprecated log distributions are rewritten (X002 says how).
_RESOLVED_BY_CONVERSION = {"W001": "read as written (YAML 1.2), and written unambiguously"}


def _input_findings(doc: Document, found: str) -> list[Diagnostic]:
    """What ``check`` says of an input it can check (a W&B file): its errors stop the
    conversion, but those the conversion resolves, which are kept as notes."""
    if found != "wandb":
        return []
    notes = []
    for d in check_document(doc, source_format=found):
        if d.code in _RESOLVED_BY_CONVERSION:
            note = _RESOLVED_BY_CONVERSION[d.code]
            notes.append(replace(d, severity=Severity.INFO, message=f"{d.message}; {note}"))
        elif d.code != "W002":  # the reader rewrites it, and says so (X002)
            notes.append(d)
    return notes


def _not_of_format(doc: Document, found: str) -> Diagnostic:
    what = {
        "wandb": "a W&B sweep has `parameters` or `method` at the top",
        "wandb-tune": "a legacy W&B Ray Tune file has `tune:` at the top",
    }.get(found, f"it is not recognised as {found}")
    return diagnostic(
        "X003",
        f"cannot read this file as {found}: {what}, and this one has neither",
        doc.file,
        Span(1, 1, 1, 1),
        hint=f"is it another format? without --from the format is detected; detected: "
        f"{detect(doc.data) or 'none'}",
    )


def _writable(to: str) -> Format:
    target = BY_ID.get(to)
    if target is None or not target.writable:
        raise ValueError(f"sweepspec cannot write {to!r}; it writes {', '.join(WRITABLE_IDS)}")
    return target


# An editor's schema modeline (yaml-language-server reads these forms in a file's head
# comments): it names the schema of the format the file is in, so it is true of the input and
# false of a conversion to another format, whose editor would hold the file to the wrong
# schema. In a conversion it is tagged with its format, `# (spec) yaml-language-server: ...`,
# which no editor reads, and untagged when the file is converted back to that format.
_MODELINE = re.compile(r"^([ \t]*#[ \t]+)(yaml-language-server[ \t]*:|\$schema:)")
_TAGGED = re.compile(r"^([ \t]*#[ \t]+)\(([\w-]+)\) ((?:yaml-language-server[ \t]*:|\$schema:).*)$")


def _retag_modelines(result: Result, source: str, to: str) -> Result:
    """``result`` with the modelines of its head comments tagged with ``source`` (the format
    they were written for), and the modelines tagged ``to`` restored. A Python module keeps
    the spec, modeline and all, in its ``SWEEPSPEC`` template: its head copy loses it."""
    if result.text is None or source == to:
        return result
    lines = result.text.splitlines(keepends=True)
    kept = []
    for index, line in enumerate(lines):
        if line.strip() and not line.lstrip().startswith("#"):
            kept.extend(lines[index:])  # the head of the file ends at its first content line
            break
        tagged, modeline = _TAGGED.match(line), _MODELINE.match(line)
        if tagged is not None and tagged.group(2) == to:
            kept.append(tagged.group(1) + tagged.group(3) + line[len(line.rstrip("\r\n")) :])
        elif modeline is not None and to != "hyperopt":
            kept.append(f"{modeline.group(1)}({source}) {line[len(modeline.group(1)) :]}")
        elif modeline is None:
            kept.append(line)
    return replace(result, text="".join(kept))


def _suppressions_in_source(result: Result, middle: Document, doc: Document) -> Result:
    """Findings on suppression comments are placed at the lines of the spec written in
    between; place each on the same comment in the source (comments are carried), else at the
    start of the source. Every other finding is already placed by the source's spans."""
    if not any(d.code.startswith("U") for d in result.diagnostics):
        return result
    written, source = source_lines(middle.text), source_lines(doc.text)
    taken: set[tuple[int, int]] = set()

    def place(d: Diagnostic) -> Diagnostic:
        if not d.code.startswith("U"):
            return d
        line = written[d.line - 1] if 0 < d.line <= len(written) else ""
        comment = line[d.column - 1 : d.span.end_column - 1]
        for number, text in enumerate(source, 1):
            column = text.find(comment) + 1 if comment else 0
            if column and (number, column) not in taken:
                taken.add((number, column))
                # "no W001 on line 7": the line the comment applies to moves with it
                message = _shift_lines(d.message, number - d.line)
                span = Span(number, column, number, column + len(comment))
                return replace(d, span=span, message=message)
        return replace(d, span=Span(1, 1, 1, 1))

    return replace(result, diagnostics=[place(d) for d in result.diagnostics])


def convert_source(
    source: str,
    to: str,
    file: str = "<string>",
    source_format: str | None = None,
    *,
    best_effort: bool = False,
    space: str | None = None,
) -> Result:
    """Convert Python source holding a space (a hyperopt space, or a Ray Tune space when the
    module imports Ray, unless ``source_format`` names the format); it is parsed, never run.
    ``space`` chooses one of several spaces by name (``space``, ``get_space()``,
    ``Trainer.space``)."""
    _writable(to)
    problem = too_large(len(source), file, "characters") or _nul(source, file)
    if problem is not None:
        return Result(None, None, [problem])
    try:
        found = source_format or detect_source(source)
        return _convert_source(source, to, file, found, best_effort, space=space)
    except RecursionError:  # ast.parse, or reading its tree, on thousands of nested operators
        problem = diagnostic(
            "X003",
            "the Python source nests expressions too deeply to be read",
            file,
            Span(1, 1, 1, 1),
            hint="write the space as literals and hp/tune calls, a few levels deep",
        )
        return Result(None, None, [problem])


def _nul(source: str, file: str) -> Diagnostic | None:
    index = source.find("\0")
    if index < 0:
        return None
    line = source.count("\n", 0, index) + 1
    column = index - (source.rfind("\n", 0, index) + 1) + 1
    return diagnostic(
        "X003",
        "Python source cannot contain the NUL character (U+0000)",
        file,
        Span(line, column, line, column + 1),
        hint="is this a binary file?",
    )


def decode_python(raw: bytes, file: str) -> tuple[str, Diagnostic | None]:
    """Decode a Python module as Python does: a UTF-8 BOM or an encoding declaration (PEP 263),
    else UTF-8. A byte that does not decode is reported at its line:column (Y004)."""
    big = too_large(len(raw), file)
    if big is not None:
        return "", big
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(raw).readline)
    except SyntaxError as exc:
        if "invalid or missing encoding declaration" not in str(exc):  # unknown encoding
            line = 2 if raw.split(b"\n", 1)[0].lstrip().startswith(b"#!") else 1
            problem = f"Python source: {exc}"
            return "", diagnostic("X003", problem, file, Span(line, 1, line, 2))
        encoding = "utf-8"  # undecodable bytes in the first two lines: reported below
    if encoding == "utf-8-sig":
        raw, encoding = raw[len(codecs.BOM_UTF8) :], "utf-8"
    try:
        return raw.decode(encoding), None
    except UnicodeDecodeError as exc:
        return "", undecodable(raw, exc, encoding, file)


def _convert_source(
    source: str, to: str, file: str, found: str, best_effort: bool, *, space: str | None = None
) -> Result:
    source_format = BY_ID[found]
    if not source_format.reads_python:
        problem = diagnostic(
            "X003",
            f"cannot read Python source as {found}",
            file,
            Span(1, 1, 1, 1),
            hint="name a format that reads Python with --from: "
            + ", ".join(f.id for f in FORMATS if f.reads_python),
        )
        return Result(None, found, [problem])
    read = source_format.read_python(source, file, space)
    if read.data is None:
        return Result(None, found, read.diagnostics)
    if (
        found == "wandb"
        and not best_effort
        and any(d.severity is Severity.ERROR for d in read.diagnostics)
    ):
        # as for a W&B file: a sweep with errors is not converted (W&B would refuse it), and
        # where W&B's rules named an error, what the reader would have done there is not said
        named = {
            d.span
            for d in read.diagnostics
            if d.severity is Severity.ERROR and not d.code.startswith("X")
        }
        said = [d for d in read.diagnostics if not (d.code.startswith("X") and d.span in named)]
        return Result(None, found, said)
    kept = getattr(read.data, "text", None)  # a module's own spec (SWEEPSPEC), unchanged
    text = (
        kept
        if isinstance(kept, str)
        else _with_python_comments(source, dump(read.data), read.origins, read.regions, read.notes)
    )
    if to == "spec":
        errors = _in_module(Result(None, found, _spec_errors(load_text(text, file))), read.origins)
        written = None if errors.diagnostics and not best_effort else text
        return Result(written, found, [*read.diagnostics, *errors.diagnostics])
    converted = convert_document(load_text(text, file), to, "spec")
    moved = _in_module(replace(converted, source_format=found), read.origins)
    # what the reader found (an entry left out, a keyword not carried) is said onward too
    return replace(moved, diagnostics=[*read.diagnostics, *moved.diagnostics])


def _with_python_comments(
    source: str,
    text: str,
    origins: dict[Any, Span],
    regions: list[Span] | None = None,
    notes: list[Span] | None = None,
) -> str:
    """The spec read from a module (``text``) with the module's comments at the nodes they
    belong to (see comments.py): those of the module's head, those on or above a line where
    an entry of the spec starts, and those among the entries of the space or of ``regions``
    (other code that holds the space); comments on the rest of the code are not the spec's."""
    from .formats.pysource import TEMPLATE, python_comments

    starts = starts_of(origins)
    if not starts or re.search(rf"^{TEMPLATE}\s*=", source, re.MULTILINE):
        # a module with its spec's copy: the spec's comments come from the copy
        return text
    lines = source_lines(source)
    head = first_code_line(lines)
    entries = {line for line, *_ in starts}
    space = origins.get(("param_space",))
    spaces = [*([space] if space is not None else []), *(regions or [])]

    # the lines strictly inside a space or a region, and inside a span of notes
    spaced = {n for s in spaces for n in range(s.line + 1, s.end_line)}
    noted = spaced | {n for s in notes or [] for n in range(s.line + 1, s.end_line)}

    def in_a_space(line: int) -> bool:
        return line in spaced

    def among_entries(line: int) -> bool:
        return line in noted

    def the_specs(line: int, column: int) -> bool:
        if line < head:
            return True
        if among_entries(line) and not lines[line - 1][:column].strip():
            return True  # a note or a commented-out entry among the space's entries
        if lines[line - 1][:column].strip():  # at the end of a line: of an entry on it
            # or, among the space's entries, of the code that builds one (`'values': [  #`)
            return line in entries or among_entries(line)
        following = first_code_line(lines[line:])  # above a line: of an entry there
        return line + following in entries

    found = [c for c in python_comments(source) if the_specs(c[0], c[1])]
    found, lines = _as_notes(found, lines, entries, among_entries)
    doc = load_text(text, "<spec>", sized=False)

    def region_of(line: int) -> Span | None:
        return next((s for s in spaces if s.line < line < s.end_line), None)

    # a comment among the space's entries is an entry's, or the space's end: not a setting's
    # that the module happens to give later (`fmin(..., max_evals=50)` below the space)
    entries_only = [s for s in starts if s[3][:1] == ("param_space",)]
    out_order = [path for *_, path in comment_starts(doc.data, doc.spans)]
    positions = {path: index for index, path in enumerate(out_order)}
    located = {path for *_, path in entries_only}
    # each comment's region, found once (a module of many helpers has many regions)
    outside: list[tuple[int, int, str]] = []
    grouped: dict[int, list[tuple[int, int, str]]] = {}
    for item in found:
        holder = region_of(item[0])
        if holder is None:
            outside.append(item)
        else:
            grouped.setdefault(id(holder), []).append(item)
    # of the comments at one place, those after a region's last entry come first, in the
    # order of those entries in the spec (an objective without entries of its own: last)
    keyed = [((1, 0), c) for c in attach(lines, starts, outside, head_ends=head)]
    for region in spaces:
        # each region's comments go with its own entries (a helper defined before the
        # objective, or after it, keeps them among the suggests they sit among)
        inside = grouped.get(id(region), [])
        if not regions:  # the space alone (hyperopt, Ray Tune): among all its entries
            for comment in attach(lines, entries_only, inside, head_ends=head):
                # after the last entry: at the entries' indentation, below the space
                keyed.append(
                    ((1, 0), replace(comment, column=2) if comment.place == END else comment)
                )
            continue
        own = [s for s in entries_only if region.line <= s[0] <= region.end_line]
        last = own[-1][3] if own else ()
        rank = positions[last] if len(last) > 1 and last in positions else len(out_order)
        for comment in attach(lines, own, inside, head_ends=head):
            moved = _after_region(comment, own, located, out_order, positions, lines)
            keyed.append(((0, rank) if comment.place == END else (1, 0), moved))
    ordered = sorted(keyed, key=lambda k: (*k[0], k[1].line, k[1].column))
    comments = [c for _, c in ordered]
    data = doc.data
    neighbours = [path for *_, path in starts]
    placed = put_back(comments, neighbours, data, text, lambda path: path, climb=False)
    return text if placed is None else placed


def _as_notes(
    found: list[tuple[int, int, str]],
    lines: list[str],
    entries: set[int],
    among_entries: Callable[[int], bool],
) -> tuple[list[tuple[int, int, str]], list[str]]:
    """An end-of-line comment among the space's entries on a line where no entry starts
    (`'metric': {  # note`, an item of a list written one a line) as a note above the entry
    that follows, at the indentation of the line below it: the comments, and the lines with
    the code before each such comment blanked (so that ``attach`` reads a full-line note)."""
    inline = {
        number: column
        for number, column, _ in found
        if number not in entries and among_entries(number) and lines[number - 1][:column].strip()
    }
    at = {n: _indent_of(lines[min(n + first_code_line(lines[n:]), len(lines)) - 1]) for n in inline}
    notes = [(n, at[n], t) if n in inline else (n, c, t) for n, c, t in found]
    blanked = [
        at[number] * " " + line[inline[number] :] if number in inline else line
        for number, line in enumerate(lines, 1)
    ]
    return notes, blanked


def _after_region(  # noqa: PLR0917 -- one call site; the lookups are built once by it
    comment: Comment,
    own: list[tuple[int, int, int, Any]],
    located: set[Any],
    order: list[Any],
    positions: dict[Any, int],
    lines: list[str],
) -> Comment:
    """A comment after the last entry of its region (``own``): above the entry that follows
    that one in the spec (``order``; ``located``: the entries the module places), at the
    entries' indentation; at the space's end when none does."""
    if comment.place != END:
        return comment
    last = own[-1][3] if own else None
    if last is not None and last in positions:
        for path in order[positions[last] + 1 :]:
            if path in located and path[: len(last)] != last:
                # indented as among its own entries (the outermost: a W&B parameter's
                # `values` line is deeper), whatever the next one's indentation
                inner = [entry for entry in own if len(entry[3]) > 1] or own  # not the space
                depth = min(len(entry[3]) for entry in inner)
                outer = [entry for entry in inner if len(entry[3]) == depth][-1]
                shift = comment.column - _indent_of(lines[outer[0] - 1])
                return replace(comment, place=BEFORE, path=path, shift=shift)
    return replace(comment, column=2)  # below the space, at the entries' indentation


def _indent_of(line: str) -> int:
    return len(line) - len(line.lstrip())


def first_code_line(lines: list[str]) -> int:
    """The first line of a module that is neither blank nor a comment."""
    for number, line in enumerate(lines, 1):
        if line.strip() and not line.lstrip().startswith("#"):
            return number
    return len(lines) + 1


def _in_module(result: Result, origins: dict[tuple[Any, ...], Span]) -> Result:
    """Findings on the spec read from a module, located in the module: at the nearest key the
    module wrote (a finding on `lr`'s bounds is at the `hp.loguniform(...)` call), else at
    its first line."""

    def span(path: tuple[Any, ...]) -> Span:
        for end in range(len(path), 0, -1):
            if path[:end] in origins:
                return origins[path[:end]]
        return Span(1, 1, 1, 1)

    moved = [replace(d, span=span(tuple(d.path)), related=()) for d in result.diagnostics]
    return replace(result, diagnostics=moved)


def convert_text(
    text: str,
    to: str,
    file: str = "<string>",
    source_format: str | None = None,
    *,
    best_effort: bool = False,
    space: str | None = None,
) -> Result:
    return convert_document(
        load_text(text, file), to, source_format, best_effort=best_effort, space=space
    )


def convert_file(
    path: str | Path,
    to: str,
    source_format: str | None = None,
    *,
    best_effort: bool = False,
    space: str | None = None,
) -> Result:
    """Convert the file at ``path``; raises ``OSError`` when it cannot be read.

    A file of a Python format's suffix (``.py``), or any file when ``source_format`` names a
    Python format, is read as Python source: a hyperopt space, or a Ray Tune script when it
    imports Ray.
    """
    _writable(to)
    raw = read_source(path)
    if str(path).endswith(".ipynb"):
        return _convert_notebook(
            raw, to, str(path), source_format, best_effort=best_effort, space=space
        )
    named = BY_ID.get(source_format) if source_format is not None else None
    python = reads_as_python(str(path), named)
    if python:
        source, problem = decode_python(raw, str(path))
        if problem is not None:
            return Result(None, None, [problem])
        return convert_source(
            source, to, str(path), source_format, best_effort=best_effort, space=space
        )
    doc = load_bytes(raw, str(path))
    return convert_document(doc, to, source_format, best_effort=best_effort, space=space)


def convert_into(
    path: str | Path,
    to: str,
    into: str | Path,
    source_format: str | None = None,
    *,
    best_effort: bool = False,
    space: str | None = None,
) -> Result:
    """Convert the file at ``path`` and write it into the existing file ``into`` of the format
    ``to`` (a Hydra config), keeping the rest of that file; the text is what ``into`` becomes.
    Raises ``OSError`` when either cannot be read."""
    target = _writable(to)
    if target.merger is None:
        raise ValueError(f"sweepspec cannot write into an existing {to} file")
    existing = read_source(into).decode("utf-8", errors="replace")
    spec = convert_file(path, "spec", source_format, best_effort=best_effort, space=space)
    if spec.text is None:
        return spec
    said = [d for d in spec.diagnostics if spec.source_format != "spec"]
    doc = load_text(spec.text, str(path))
    written = target.merge(doc, existing, str(into))
    found = decide(doc, target, written, str(into))
    return Result(written.text, spec.source_format, [*said, *found])


def _convert_notebook(
    raw: bytes,
    to: str,
    path: str,
    source_format: str | None,
    *,
    best_effort: bool,
    space: str | None,
) -> Result:
    """A Jupyter notebook's code cells converted as one Python source, each finding placed
    on the notebook's own line and naming the cell (see notebook.py)."""
    from .notebook import read_notebook

    notebook = read_notebook(raw, path)
    if isinstance(notebook, Diagnostic):
        return Result(None, None, [notebook])
    result = convert_source(
        notebook.source, to, path, source_format, best_effort=best_effort, space=space
    )
    # magics are what notebooks are made of: read past without a word
    kept = [d for d in result.diagnostics if not d.message.startswith("an IPython ")]
    return replace(result, diagnostics=[notebook.place(d) for d in kept])


def _python_suffix(path: str) -> bool:
    return path.endswith(PYTHON_SUFFIXES)


def reads_as_python(path: str, named: Format | None) -> bool:
    """Whether the file at ``path`` is read as Python source: a file of a Python suffix, unless
    ``--from`` names a format that reads no Python; any file that ``--from`` names a Python
    format for (``--from wandb`` reads a ``.py`` file's `wandb.sweep` dict, a YAML file as
    YAML)."""
    if named is None:
        return _python_suffix(path)
    return named.python or (named.reads_python and _python_suffix(path))


def _shift_lines(message: str, shift: int) -> str:
    return re.sub(r"on line (\d+)", lambda m: f"on line {int(m.group(1)) + shift}", message)


# What only a conversion loses or rewrites: not a problem of the module itself.
_CONVERSION_ONLY = frozenset({"X001", "X002", "X004"})


def check_module(path: str | Path) -> list[Diagnostic]:
    """``check`` of a Python source or notebook: the errors of the spec its space reads as,
    each at its place in the module, and what of it cannot be read (X003); what only a
    conversion loses is left to ``convert``. No fix is offered: a fix of the spec read would
    edit the module with the spec's words."""
    try:
        result = convert_file(path, "spec", best_effort=True)
    except OSError as exc:
        problem = f"cannot read {path}: {exc.strerror or exc}"
        return [diagnostic("X003", problem, str(path), Span(1, 1, 1, 1))]
    diagnostics = result.diagnostics
    if result.source_format == "wandb":
        # what the conversion rewrites (X002) W&B itself refuses, as `check` says of a file
        diagnostics = [
            replace(
                d,
                code="W002",
                severity=Severity.ERROR,
                message=f"{d.message}; W&B reports the deprecated form as a violation",
            )
            if d.code == "X002"
            else d
            for d in diagnostics
        ]
    found = [replace(d, fix=None) for d in diagnostics if d.code not in _CONVERSION_ONLY]
    # one problem found by a format's own rules and again in the spec read from it: once, in
    # the format's terms (the spec's path would name a node the module does not have)
    ours = {(d.span.line, d.code) for d in found if d.path[:1] != ("param_space",)}
    found = [
        d for d in found if d.path[:1] != ("param_space",) or (d.span.line, d.code) not in ours
    ]
    return sorted(unique(found), key=Diagnostic.sort_key)
