"""The contract every reader keeps, checked for every format the registry holds.

A reader reads its samples (files in ``tests/data`` and the third-party ones in
``../shared/fixtures``) into a map that keeps the model's invariants; the registry routes each
sample to it, by name and, where its sniff accepts the sample, by content alone; bad input
(empty, garbage, control characters, a binary file, a cut or damaged sample) is read into a
sound map or refused with one located ``ArgmapError``, never another exception; and a format
that argmap also writes reads back what it wrote.  A new format is checked as soon as it is
registered: it fails here until it has a sample in ``SAMPLES``.

What is particular to one format (its messages, what it keeps and loses) stays in that
format's own test file."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.errors import ArgmapError, FormatError, ParseError
from argmap.model import KINDS, RELATIONS, SIDES, ArgMap, edge_key
from argmap.pipeline import check_file, loads, read_map
from argmap.registry import Format, format_for_reading, formats
from tests.conftest import DATA, SAMPLE, SHARED_MISSING, shared_files
from tests.formats.badinput import damaged, reads_or_refuses

READERS = [fmt for fmt in formats() if fmt.read]
ROUND_TRIPS = [fmt for fmt in READERS if fmt.write]

# Each reader's samples: files in tests/data ("shared:" for ../shared/fixtures), all of which
# read and check clean.  The first is the one the damaged-input test cuts up.
SAMPLES: dict[str, tuple[str | Path, ...]] = {
    "aif": ("aif/ova-wrapper-integer-ids.json", "shared:aif/*.json"),
    "apx": ("iccma/comments.apx",),
    "argdown": ("argdown/undercuts.argdown", "argdown/include/main.argdown",
                SAMPLE.with_suffix(".argdown"), "shared:argdown/*.argdown"),
    "carneades": ("carneades/congestion-charge.caes.yml",
                  "carneades/terms-and-empty-assumptions.caes.yml", "shared:carneades/yaml/*.yml"),
    "graphml": ("graphml/gephi-labels.graphml", "graphml/untyped-keys.graphml"),
    "i23": ("iccma/small.i23",),
    "json": ("nodelink/networkx-links.json",),
    "kialo": ("kialo/car-free-centres.kialo.txt",),
    "lkif": ("carneades-lkif/*.xml",),
    "microtext": ("shared:microtexts/micro_*.xml",),
    "sadface": ("sadface/hang-back.json", "sadface/version-0.1.json"),
    "tgf": ("shared:carneades/tgf/*.tgf",),
    "yaml": ("native/issue-example.yaml", SAMPLE),
}

# Input that is no format's sample: each reader reads it into a sound map (Argdown and TGF
# take almost any text) or refuses it in one located line.
BAD_INPUT = {
    "empty": "",
    "blank": " \n\t\n",
    "garbage": "this is not }{ an argument map <<>> ::\n-> [x\n",
    "controls": "\x00\x01\x02\x1b[31m\x7f",
    "png-as-latin-1": "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00",
}
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x02"


def sample_files(fmt: Format) -> list:
    """``fmt``'s samples as ``pytest.param(fmt, path)``: a skipped one in place of those in
    ../shared when it is absent (``shared_files`` says why)."""
    params = []
    for entry in SAMPLES.get(fmt.name, ()):
        if isinstance(entry, Path):
            found = [entry]
        elif entry.startswith("shared:"):
            found = shared_files(*entry.removeprefix("shared:").rsplit("/", 1))
        else:
            found = sorted(DATA.glob(entry))
        for item in found:
            if isinstance(item, Path):
                params.append(pytest.param(fmt, item, id=f"{fmt.name}-{item.name}"))
            else:  # the skipped stand-in for the files in ../shared
                params.append(pytest.param(fmt, None, marks=item.marks, id=f"{fmt.name}-{item.id}"))
    return params


def sample_paths(fmt: Format) -> list[Path]:
    """The samples of ``fmt`` that are here (without ../shared, the local ones)."""
    return [param.values[1] for param in sample_files(fmt) if param.values[1] is not None]


def first_sample(fmt: Format) -> Path:
    paths = sample_paths(fmt)
    if not paths:
        pytest.skip(f"{fmt.name} has samples only in ../shared: {SHARED_MISSING}")
    return paths[0]


SAMPLE_FILES = [param for fmt in READERS for param in sample_files(fmt)]


def assert_sound(amap: ArgMap) -> None:
    """The invariants of ``argmap.model`` that hold for whatever a reader returns: no
    attribute is ``None``; lists are lists; every edge is a support, rebut or undercut keyed
    by ``edge_key``, and only undercuts name the relation they attack."""
    assert isinstance(amap, ArgMap)
    graph = amap.graph
    assert isinstance(amap.perspectives, dict) and isinstance(amap.sources, dict)
    assert all(value is not None for value in graph.graph.values()), graph.graph
    for claim, data in graph.nodes(data=True):
        assert isinstance(claim, str), claim
        assert all(value is not None for value in data.values()), (claim, data)
        assert isinstance(data.get("text", ""), str), (claim, data)
        for key in ("sources", "tags", "quotes"):
            assert isinstance(data.get(key, []), list), (claim, key, data[key])
    for source, target, key, data in graph.edges(keys=True, data=True):
        assert all(value is not None for value in data.values()), (source, target, data)
        assert data["relation"] in RELATIONS, (source, target, data)
        assert key == edge_key(data["relation"], data.get("undercuts")), (source, target, key)
        assert (data["relation"] == "undercut") == ("undercuts" in data), (source, target, data)


def assert_valid_claims(amap: ArgMap) -> None:
    """What a file that checks clean also keeps: known kinds and sides, weights in 0..1, and
    text on every claim."""
    for claim, data in amap.graph.nodes(data=True):
        assert isinstance(data.get("text"), str), (claim, data)
        assert data.get("kind", "claim") in KINDS, (claim, data)
        assert {data.get("side", "pro"), data.get("declared_side", "pro")} <= set(SIDES), data
        assert 0 <= data.get("weight", 0) <= 1, (claim, data)


def shape(amap: ArgMap):
    """What every format that holds a map keeps of it: each claim's text, and how many
    supports and how many attacks (a format without undercuts writes them as rebuts)."""
    relations = Counter("support" if r.relation == "support" else "attack"
                        for r in amap.relations())
    return sorted(data.get("text", "") for _, data in amap.graph.nodes(data=True)), relations


def read_back(fmt: Format, amap: ArgMap) -> ArgMap:
    written = fmt.write(amap)
    text = written.decode("utf-8") if isinstance(written, bytes) else written
    again = fmt.read(text, f"again{fmt.suffixes[0]}")
    assert_sound(again)
    return again


@pytest.mark.parametrize("fmt", READERS, ids=lambda fmt: fmt.name)
def test_every_reader_has_samples(fmt):
    assert sample_files(fmt), f"add samples of {fmt.name!r} to SAMPLES in {__file__}"


@pytest.mark.parametrize("fmt, path", SAMPLE_FILES)
def test_reads_its_samples_into_sound_maps_that_check_clean(fmt, path):
    amap = fmt.read(path.read_text(encoding="utf-8"), str(path))
    assert len(amap) > 0
    assert_sound(amap)
    assert_valid_claims(amap)
    assert [d for d in check_file(path) if d.severity == "error"] == []


@pytest.mark.parametrize("fmt, path", SAMPLE_FILES)
def test_the_registry_routes_its_samples_to_it(fmt, path):
    """By the file's name and content; where the sniff accepts the sample, by content alone
    (a file named without a suffix); and where the name does not decide (no registered
    suffix, or one several readers share), the sniff must accept it."""
    text = path.read_text(encoding="utf-8")
    assert format_for_reading(path, text) is fmt
    named = [other for other in READERS if any(path.name.endswith(s) for s in other.suffixes)]
    sharing = [other for other in READERS
               if any(s.endswith(path.suffix) for s in other.suffixes)]
    if named != [fmt] or sharing != [fmt]:
        assert fmt.sniff is not None and fmt.sniff(text), path.name
    if fmt.sniff is not None and fmt.sniff(text):
        assert format_for_reading("unnamed", text) is fmt


@pytest.mark.parametrize("kind", sorted(BAD_INPUT))
@pytest.mark.parametrize("fmt", READERS, ids=lambda fmt: fmt.name)
def test_bad_input_is_read_soundly_or_refused_in_one_located_line(fmt, kind):
    text = BAD_INPUT[kind]
    if fmt.sniff is not None:
        assert fmt.sniff(text) in (True, False)
    try:
        amap = fmt.read(text, "in.txt")
    except ArgmapError as error:
        assert error.location is not None and error.location.file == "in.txt", str(error)
        assert "\n" not in error.message.strip(), error.message
    else:
        assert_sound(amap)


@pytest.mark.parametrize("fmt", READERS, ids=lambda fmt: fmt.name)
def test_a_binary_file_is_refused_at_its_first_byte(fmt, tmp_path):
    path = tmp_path / f"picture{fmt.suffixes[0]}"
    path.write_bytes(PNG)
    with pytest.raises(ArgmapError) as caught:
        read_map(path, fmt.name)
    location = caught.value.location
    assert (location.file, location.line, location.column) == (str(path), 1, 1)
    assert "not UTF-8" in caught.value.message


@pytest.mark.parametrize("fmt", READERS, ids=lambda fmt: fmt.name)
def test_a_string_with_a_lone_surrogate_is_refused_where_it_is(fmt):
    """No file holds one (files are strict UTF-8), but a library caller's string can."""
    text = first_sample(fmt).read_text(encoding="utf-8")
    cut = len(text) // 2
    with pytest.raises(ParseError) as caught:
        loads(text[:cut] + "\udc80" + text[cut:], fmt.name, "in.txt")
    line = text.count("\n", 0, cut) + 1
    assert (caught.value.location.file, caught.value.location.line) == ("in.txt", line)


@pytest.mark.parametrize("fmt", READERS, ids=lambda fmt: fmt.name)
def test_a_sample_cut_short_is_read_soundly_or_refused(fmt):
    path = first_sample(fmt)
    text = path.read_text(encoding="utf-8")
    for cut in sorted({len(text) // 4, len(text) // 2, len(text) - 2, 1}):
        try:
            amap = fmt.read(text[:cut], "in.txt")
        except ArgmapError as error:
            assert error.location is not None and error.location.file == "in.txt", str(error)
        else:
            assert_sound(amap)


@pytest.mark.parametrize("fmt", READERS, ids=lambda fmt: fmt.name)
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_damaged_samples_are_read_soundly_or_refused(fmt, data):
    """Any exception but ArgmapError fails (reads_or_refuses lets it through), in the
    reader or in its sniff."""
    path = first_sample(fmt)
    text = data.draw(damaged(path.read_text(encoding="utf-8")))
    if fmt.sniff is not None:
        assert fmt.sniff(text) in (True, False)
    reads_or_refuses(lambda text, where: assert_sound(fmt.read(text, where)), text)


@pytest.mark.parametrize("fmt", ROUND_TRIPS, ids=lambda fmt: fmt.name)
def test_reads_back_what_it_writes_of_its_samples(fmt):
    """Each sample, written and read again, keeps its claims' texts and its supports and
    attacks (its own format can hold it)."""
    first_sample(fmt)  # skips when there is none here
    for path in sample_paths(fmt):
        amap = fmt.read(path.read_text(encoding="utf-8"), str(path))
        assert shape(read_back(fmt, amap)) == shape(amap), path.name


@pytest.mark.parametrize("fmt", ROUND_TRIPS, ids=lambda fmt: fmt.name)
def test_reads_back_the_sample_debate_or_refuses_it_up_front(fmt, sample):
    """The sample debate has supports and undercuts: a format that can hold them reads back
    its texts, supports and attacks; one that cannot (an abstract framework) says so with a
    FormatError before writing anything."""
    try:
        again = read_back(fmt, sample)
    except FormatError as error:
        assert fmt.abstract and fmt.name in error.message, (fmt.name, str(error))
    else:
        assert not fmt.abstract, fmt.name
        assert shape(again) == shape(sample)
