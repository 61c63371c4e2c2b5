"""Hypothesis strategies for random argument maps, hostile text included."""

from __future__ import annotations

from hypothesis import strategies as st

from argmap.model import ArgMap

# Text that has broken other tools: quoting, escapes, markup, DOT and YAML syntax, unicode.
HOSTILE = ['"', "\\", "\\l", "\\n", "<b>", "</table>", "&amp;", "&", "<script>alert(1)</script>",
           "{", "}", "]", "[", "#", ": ", " - ", "'", "\u202e", "\u05e9\u05dc\u05d5\u05dd",
           "\U0001f600", "\t", "\n", "\r\n", "|", ">", "%", "@", "*", "!", "`", "->", "--",
           "<<", "null", "true", "1e3", "~", "\u00e9", "\u2028", ";", "\x85"]

slugs = st.from_regex(r"[a-z][a-z0-9_-]{0,11}", fullmatch=True)


def claim_texts(hostile: bool = True):
    """Non-blank text, mostly printable, salted with the hostile pieces above."""
    base = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1,
                   max_size=40)
    if not hostile:
        return base.filter(lambda s: s.strip())
    pieces = st.lists(st.one_of(base, st.sampled_from(HOSTILE)), min_size=1, max_size=6)
    return pieces.map("".join).filter(lambda s: s.strip())


@st.composite
def argmaps(draw, max_claims: int = 12, hostile: bool = True, undercuts: bool = True):
    """A valid map: one thesis, every other claim arguing about an earlier claim (so sides
    derive without conflict unless declared), optional perspectives, sources and notes."""
    ids = draw(st.lists(slugs, min_size=1, max_size=max_claims, unique=True))
    texts = claim_texts(hostile)
    perspectives = draw(st.dictionaries(slugs, texts, max_size=3))
    sources = draw(st.dictionaries(slugs, st.fixed_dictionaries(
        {"title": texts}, optional={"date": st.sampled_from(["2025", "2025-11"]),
                                    "url": st.just("https://example.org/a?b=1&c=2")}),
        max_size=3))
    amap = ArgMap(title=draw(st.one_of(st.none(), texts)))
    amap.perspectives.update(perspectives)
    amap.sources.update(sources)
    for index, cid in enumerate(ids):
        amap.add_claim(
            cid, draw(texts),
            kind="thesis" if index == 0 else draw(st.sampled_from(["claim", "evidence"])),
            perspective=draw(st.one_of(st.none(), st.sampled_from(sorted(perspectives))))
            if perspectives else None,
            sources=draw(st.lists(st.sampled_from(sorted(sources)), unique=True, max_size=2))
            if sources else (),
            tags=draw(st.lists(slugs, unique=True, max_size=2)),
            weight=draw(st.one_of(st.none(), st.sampled_from([0.0, 0.25, 0.5, 1.0]))),
            note=draw(st.one_of(st.none(), texts)))
        if index:
            target = ids[draw(st.integers(0, index - 1))]
            relation = draw(st.sampled_from(["support", "rebut"]))
            amap.add_relation(cid, target, relation,
                              note=draw(st.one_of(st.none(), texts)))
    if undercuts and len(ids) >= 3:
        plain = [r for r in amap.relations()]
        attacked = draw(st.sampled_from(plain))
        undercutter = draw(st.sampled_from(
            [c for c in ids if c not in (attacked.source, attacked.target)]))
        amap.add_relation(undercutter, attacked.target, "undercut", undercuts=attacked.source)
    amap.derive_sides()
    return amap


def graph_signature(amap: ArgMap):
    """What must survive a round trip: claims with text/kind and relations with types."""
    claims = {n: (d.get("text"), d.get("kind")) for n, d in amap.graph.nodes(data=True)}
    relations = sorted((r.source, r.target, r.relation, r.undercuts or "")
                       for r in amap.relations())
    return claims, relations


def outside_folded_text(lines: list[str]) -> list[int]:
    """Where a line may be inserted without landing in a folded block scalar's content
    (where a comment or a blank line is text): not after a ``>-`` line, nor after its
    content or the blank lines that follow it."""
    allowed, content_indent = [0], None
    for number, line in enumerate(lines):
        indent = len(line) - len(line.lstrip(" "))
        if content_indent is None or (line.strip() and indent < content_indent):
            content_indent = indent + 1 if line.endswith(": >-") else None
        if content_indent is None:
            allowed.append(number + 1)
    return allowed


def assert_same_map(again: ArgMap, amap: ArgMap) -> None:
    """``again`` (``amap`` written and read back) has the same claims, claim fields,
    relations, title, perspectives and sources."""
    assert graph_signature(again) == graph_signature(amap)
    for cid, data in amap.graph.nodes(data=True):
        for key in ("perspective", "sources", "tags", "weight", "note"):
            assert again.claim(cid).get(key) == data.get(key), (cid, key)
    assert again.title == amap.title
    assert again.perspectives == amap.perspectives and again.sources == amap.sources
