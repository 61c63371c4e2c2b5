"""The drawing stage: an ``ArgMap`` in, a picture out.

    layout    where each claim's box goes, for maps too big for Graphviz ``dot``
    dot       the DOT text of a map (every id and label escaped here)
    graphviz  running the Graphviz programs on DOT text: SVG, PNG, PDF

``argmap.formats.diagram`` registers the results as output formats."""
