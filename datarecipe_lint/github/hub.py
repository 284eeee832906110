"""A Hugging Face Hub pull request or discussion as a comment thread, through huggingface_hub.

huggingface_hub is imported only here, when ``--hub`` is used. The Hub cannot delete a comment,
so deleting one hides it (hidden comments are not listed again).
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Sequence
from typing import Any

from .api import ApiError, Comment


class HubDiscussion:
    def __init__(self, repo_id: str, number: int, token: str | None = None) -> None:
        try:
            from huggingface_hub import HfApi
        except ImportError:
            raise ApiError(
                "commenting on the Hub needs huggingface_hub: pip install huggingface_hub"
            ) from None
        self.repo_id, self.number = repo_id, number
        self.where = f"{repo_id} discussion #{number} on the Hub"
        self._token = token
        self._api = HfApi(endpoint=os.environ.get("HF_ENDPOINT") or None, token=token)

    def identity(self) -> str:
        """The token's user name on the Hub (``whoami``)."""
        data = self._do("identify the token for", self._api.whoami)
        name = data.get("name") if isinstance(data, dict) else None
        if not isinstance(name, str) or not name:
            raise ApiError("the Hub did not say whose token this is (whoami has no name)")
        return name

    def comments(self) -> Sequence[Comment]:
        details = self._do(
            "read", self._api.get_discussion_details, self.repo_id, self.number, repo_type="dataset"
        )
        out = []
        for event in details.events:
            if event.type == "comment" and not getattr(event, "hidden", False):
                out.append(Comment(str(event.id), str(getattr(event, "content", "")), event.author))
        return out

    def create(self, body: str) -> None:
        self._do(
            "comment on", self._api.comment_discussion, self.repo_id, self.number, body,
            repo_type="dataset",
        )  # fmt: skip

    def update(self, comment_id: str, body: str) -> None:
        self._do(
            "edit a comment on", self._api.edit_discussion_comment, self.repo_id, self.number,
            comment_id, body, repo_type="dataset",
        )  # fmt: skip

    def delete(self, comment_id: str) -> None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)  # "hiding is irreversible": intended
            self._do(
                "hide a comment on", self._api.hide_discussion_comment, self.repo_id, self.number,
                comment_id, repo_type="dataset",
            )  # fmt: skip

    def _do(self, what: str, call: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return call(*args, **kwargs)
        except ApiError:
            raise
        except Exception as exc:
            response = getattr(exc, "response", None)
            status = getattr(response, "status_code", None)
            detail = f"HTTP {status}" if isinstance(status, int) else type(exc).__name__
            if status == 401:
                detail += "; set HF_TOKEN or log in with huggingface_hub"
            message = f"Hub: cannot {what} {self.repo_id} discussion #{self.number} ({detail})"
            if self._token:
                message = message.replace(self._token, "***")
            raise ApiError(message, status if isinstance(status, int) else None) from None
