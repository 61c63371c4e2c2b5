"""Reading a debate in the browser: one self-contained interactive page (``page``) and a
live preview that redraws it on every save (``serve``)."""
