"""carecompare: read English councils' social care assessments side by side.

The comparison core lives here (alignment, gaps, search, export: pure Python on the model);
`carecompare.parsers` turns files into Documents and `carecompare.tui` is the reader and the
command line.
"""

__version__ = "0.1.0"
