"""Write a file whole or not at all, and never over an existing file unless told to.

The text goes to a hidden temporary file beside the target (same folder, so the same file
system) and is then moved into place in one step: a crash, a full disk or an interrupt
leaves either the old state or the new file, never half of one. Without `force`, the move
is a hard link, which the operating system refuses if the name exists, so a file that
appears between a check and the write is not replaced either.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
from pathlib import Path


class WriteError(OSError):
    """The file could not be written; the message names it and says why."""


def write_file(path: str | os.PathLike[str], text: str, *, force: bool = False) -> Path:
    """Write `text` (UTF-8) to `path`. Raises FileExistsError when the path exists and
    `force` is false (the existing file is left as it was), WriteError for anything else,
    including a path that names a folder, a device or a pipe. Returns the path written."""
    target = Path(path)
    try:
        existing = os.stat(target)  # through a symlink: what the name leads to
    except OSError:
        existing = None
    if existing is not None and stat.S_ISDIR(existing.st_mode):
        raise WriteError(errno.EISDIR, "is a folder", str(target))
    if existing is not None and not stat.S_ISREG(existing.st_mode):
        # A device, pipe or socket (`/dev/null`, `/dev/stdout`): renaming over it would put
        # a plain file in its place, so it is refused even with force.
        raise WriteError(
            errno.EINVAL,
            "is not a regular file (leave out -o to write to standard output)",
            str(target),
        )
    if existing is not None and not force:
        raise FileExistsError(
            errno.EEXIST, "already exists (use --force to replace it)", str(target)
        )
    folder = target.parent
    temporary = _temporary(folder, target.name)
    try:
        with open(temporary, "wb") as stream:
            stream.write(text.encode("utf-8"))
            stream.flush()
            os.fsync(stream.fileno())
        if force:
            with contextlib.suppress(OSError):
                # Replacing a file keeps its permissions, as editors do.
                os.chmod(temporary, stat.S_IMODE(target.stat().st_mode))
            os.replace(temporary, target)
        else:
            _link_new(temporary, target)
    except FileExistsError:
        raise FileExistsError(
            errno.EEXIST, "already exists (use --force to replace it)", str(target)
        ) from None
    except OSError as error:
        raise WriteError(
            error.errno or errno.EIO, error.strerror or str(error), str(target)
        ) from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
    return target


def _temporary(folder: Path, name: str) -> Path:
    """A new, empty, hidden file in `folder`, created with the usual permissions (0666 less
    the umask) so the finished file has them too."""
    for _ in range(100):
        candidate = folder / f".{name}.{secrets.token_hex(4)}.tmp"
        try:
            descriptor = os.open(candidate, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            continue
        except OSError as error:
            raise WriteError(
                error.errno or errno.EIO, error.strerror or str(error), str(folder / name)
            ) from None
        os.close(descriptor)
        return candidate
    raise WriteError(errno.EEXIST, "cannot create a temporary file", str(folder / name))


def _link_new(temporary: Path, target: Path) -> None:
    """Give the finished file its name only if the name is still free."""
    try:
        os.link(temporary, target)
    except FileExistsError:
        raise
    except OSError as error:
        # File systems without hard links (some network and FAT mounts): check, then move.
        if error.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV):
            raise
        if target.exists():
            raise FileExistsError(errno.EEXIST, "already exists", str(target)) from None
        os.replace(temporary, target)
