"""Package layout: the folders follow the pipeline; installed, they live under `carecompare`.

Subpackages are found by walking each folder, so a new one (parsers/readers/, ...) ships
without editing a list. Everything else about the build is in pyproject.toml.
"""

from pathlib import Path

from setuptools import setup

FOLDERS = {
    "carecompare": "core",
    "carecompare.parsers": "parsers",
    "carecompare.tui": "tui",
    "carecompare.sample_docs": "sample_docs",
}


def packages() -> tuple[dict[str, str], list[str]]:
    package_dir: dict[str, str] = {}
    found: list[str] = []
    for package, folder in FOLDERS.items():
        for init in sorted(Path(folder).rglob("__init__.py")):
            relative = init.parent.relative_to(folder).parts
            name = ".".join((package, *relative))
            package_dir[name] = init.parent.as_posix()
            found.append(name)
    return package_dir, found


package_dir, found = packages()
setup(package_dir=package_dir, packages=found)
