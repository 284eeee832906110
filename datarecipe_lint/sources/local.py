"""Cards on disk: a README.md, any .md card, or a folder holding README.md."""

from __future__ import annotations

from pathlib import Path

from ..card import decode
from ..errors import InputError
from ..recipe import Source
from . import LoadedCard, Options

CARD_NAMES = ("README.md", "readme.md", "README.MD", "Readme.md")


def card_path(source: str) -> Path:
    path = Path(source)
    if path.is_dir():
        for name in CARD_NAMES:
            if (path / name).is_file():
                return path / name
        raise InputError(
            f"{source}: folder has no README.md; pass the card file itself", "not_found"
        )
    if not path.exists():
        raise InputError(f"{source}: no such file", "not_found")
    return path


def read_card(path: Path, max_bytes: int) -> str:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(
                f"{path}: {human_bytes(size)} is over the card size limit of {human_bytes(max_bytes)}; "
                "raise it with --max-bytes (e.g. --max-bytes 20MB) if this really is a card",
                "too_large",
            )
        with path.open("rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}", "unreadable") from None
    if len(data) > max_bytes:
        raise InputError(
            f"{path}: over the card size limit of {human_bytes(max_bytes)}; raise it with --max-bytes",
            "too_large",
        )
    try:
        return decode(data)
    except ValueError as exc:
        raise InputError(
            f"{path}: {exc}; a dataset card must be UTF-8 Markdown", "not_text"
        ) from None


def human_bytes(n: int) -> str:
    """``1,234 bytes``, ``10 MB``, ``2.5 MB``: the unit that keeps the number readable."""
    if n < 10_000:
        return f"{n:,} bytes"
    if n < 1_000_000:
        return f"{n / 1000:,.1f} kB".replace(".0 kB", " kB")
    return f"{n / 1e6:,.1f} MB".replace(".0 MB", " MB")


def card_name(path: Path) -> str:
    if path.name.lower() == "readme.md":
        parent = path.resolve().parent.name
        return parent or path.stem
    return path.stem


STDIN = "-"


def load_stdin(options: Options) -> LoadedCard:
    """A card piped in (``datarecipe lint -``): named ``stdin``, its config found from here."""
    import sys

    data = sys.stdin.buffer.read(options.max_bytes + 1)
    if len(data) > options.max_bytes:
        raise InputError(
            f"-: standard input is over the card size limit of {human_bytes(options.max_bytes)}; "
            "raise it with --max-bytes",
            "too_large",
        )
    try:
        text = decode(data)
    except ValueError as exc:
        raise InputError(
            f"-: standard input {exc}; a dataset card must be UTF-8 Markdown", "not_text"
        ) from None
    return LoadedCard(text=text, name="stdin", source=Source("local", STDIN), path="README.md")


def load_local(source: str, options: Options) -> LoadedCard:
    if source == STDIN:
        return load_stdin(options)
    path = card_path(source)
    text = read_card(path, options.max_bytes)
    return LoadedCard(
        text=text, name=card_name(path), source=Source("local", source), path=str(path)
    )
