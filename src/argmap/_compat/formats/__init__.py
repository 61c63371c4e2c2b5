"""Old import paths under ``argmap.formats`` (see ``argmap._compat``)."""
