"""Fixtures shared by the tests."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from helpers import FIXTURES


@pytest.fixture
def fixture_path():
    def path(name: str) -> Path:
        return FIXTURES / name

    return path


@pytest.fixture(autouse=True, scope="session")
def private_parse_cache(tmp_path_factory):
    """Tests (and the command lines they start) never read or fill the user's parse cache."""
    from carecompare.cache import CACHE_DIR_ENV

    before = os.environ.get(CACHE_DIR_ENV)
    os.environ[CACHE_DIR_ENV] = str(tmp_path_factory.mktemp("parse-cache"))
    yield
    if before is None:
        os.environ.pop(CACHE_DIR_ENV, None)
    else:
        os.environ[CACHE_DIR_ENV] = before
