"""``python -m argmap.cli``: the same as the ``argmap`` command."""

from . import main

main()
