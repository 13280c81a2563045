"""The MkDocs glue: see plugin.py."""
