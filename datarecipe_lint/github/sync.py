"""Keep ONE comment per key on a pull request or discussion: create, update, recreate or delete.

The thread (GitHub pull request or Hub discussion) is behind a small protocol, so the same rules
apply to both. No write happens when the body is already what it should be.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from ..report.comment import is_ours
from .api import Comment, GitHub
from .modes import MODES


class Thread(Protocol):
    """Where the comment lives: who we write as, list the comments, write one."""

    where: str

    def identity(self) -> str: ...

    def comments(self) -> Sequence[Comment]: ...

    def create(self, body: str) -> None: ...

    def update(self, comment_id: str, body: str) -> None: ...

    def delete(self, comment_id: str) -> None: ...


class PullRequest:
    """A GitHub pull request's conversation (the issue comments API)."""

    def __init__(self, client: GitHub, repo: str, number: int) -> None:
        self.client, self.repo, self.number = client, repo, number
        self.where = f"{repo}#{number}"

    def identity(self) -> str:
        return self.client.login()

    def comments(self) -> Sequence[Comment]:
        return self.client.list_comments(self.repo, self.number)

    def create(self, body: str) -> None:
        self.client.create_comment(self.repo, self.number, body)

    def update(self, comment_id: str, body: str) -> None:
        self.client.update_comment(self.repo, comment_id, body)

    def delete(self, comment_id: str) -> None:
        self.client.delete_comment(self.repo, comment_id)


def sync(thread: Thread, body: str, key: str, mode: str, passed: bool) -> str:
    """Bring the thread's comment for ``key`` in line with ``body``; return what was done:
    created, updated, recreated, deleted, unchanged or none (nothing to delete).

    Only comments that the token's own identity wrote are adopted: a comment by anyone else that
    carries the marker (copied, quoted, or planted) is never edited or deleted."""
    if mode not in MODES:
        raise ValueError(f"unknown comment mode {mode!r}")
    me = thread.identity()
    ours = [c for c in thread.comments() if c.author == me and is_ours(c.body, key)]
    if mode == "delete-on-pass" and passed:
        for c in ours:
            thread.delete(c.id)
        return "deleted" if ours else "none"
    if not ours:
        thread.create(body)
        return "created"
    if len(ours) == 1 and _same(ours[0].body, body):
        return "unchanged"
    if mode == "recreate":
        for c in ours:
            thread.delete(c.id)
        thread.create(body)
        return "recreated"
    first, *rest = ours
    if not _same(first.body, body):
        thread.update(first.id, body)
    for c in rest:  # duplicates left by a race between two runs
        thread.delete(c.id)
    return "updated"


def _same(a: str, b: str) -> bool:
    return a.replace("\r\n", "\n").rstrip() == b.replace("\r\n", "\n").rstrip()
