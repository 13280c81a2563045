"""Thuisbasis: a knowledge base of what works in housing vulnerable groups.

The pipeline, one module each: loading -> validation -> model -> render -> site (the MkDocs plugin).
"""

__version__ = "0.1.0"
