"""The sample documents bundled with carecompare, wherever it is installed."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from carecompare.parsers.load import SUPPORTED_SUFFIXES


def sample_folder() -> Path:
    """The folder of bundled samples (inside the installed package)."""
    return Path(str(resources.files("carecompare.sample_docs")))


def sample_paths() -> list[str]:
    """The bundled sample documents, in name order."""
    folder = sample_folder()
    return [
        str(path)
        for path in sorted(folder.iterdir())
        if path.suffix.lower() in SUPPORTED_SUFFIXES and path.is_file()
    ]
