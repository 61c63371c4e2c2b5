"""Changes between versions of a map: the semantic diff, its report, and reading a map as
it was at a git revision."""
