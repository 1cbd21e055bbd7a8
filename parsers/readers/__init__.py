"""Readers for the formats users download: bytes in, text the parsers understand out.

Each module holds one format and imports its library only when a file of that format is read,
so starting carecompare on text files (or on cached documents) pays for neither.
"""
