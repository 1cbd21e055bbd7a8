"""Fixtures shared by the tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import FIXTURES


@pytest.fixture
def fixture_path():
    def path(name: str) -> Path:
        return FIXTURES / name

    return path
