"""``datarecipe list-sources``: where cards can come from and whether each source works here.

The Hub source is usable when huggingface_hub imports; it is online unless ``HF_HUB_OFFLINE`` is
set (then only cached datasets can be read). ``--check`` also asks the endpoint once whether it
answers; without it nothing is sent over the network.
"""

from __future__ import annotations

import os


def _import_status() -> tuple[bool, str]:
    try:
        import huggingface_hub
    except ImportError:
        return False, "huggingface_hub is not installed (pip install huggingface_hub)"
    except Exception as exc:  # installed but broken
        return False, f"huggingface_hub does not import ({type(exc).__name__}: {exc})"
    return True, f"huggingface_hub {getattr(huggingface_hub, '__version__', '?')}"


def reachable(endpoint: str, timeout: float = 3.0) -> str:
    """One HEAD request to the endpoint: any HTTP answer means it is online."""
    import urllib.error
    import urllib.request

    try:
        request = urllib.request.Request(endpoint + "/", method="HEAD")
        with urllib.request.urlopen(request, timeout=timeout):
            return "answers"
    except urllib.error.HTTPError:
        return "answers"
    except (OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        return f"does not answer ({reason})"


def hub_status(check: bool = False) -> str:
    from .hub import HubEnv

    ok, what = _import_status()
    if not ok:
        return f"unavailable: {what}"
    env = HubEnv.from_env(os.environ)
    if env.offline:
        return f"available offline only ({what}; HF_HUB_OFFLINE is set: cached datasets only)"
    where = f"endpoint {env.endpoint}"
    if check:
        where += f" {reachable(env.endpoint)}"
    return f"available online ({what}; {where})"


def describe(check: bool = False) -> str:
    rows = [
        ("local", "a README.md, any .md card, or a folder holding README.md", "available"),
        (
            "huggingface",
            "a Hub dataset id: org/name, hf://datasets/org/name, https://huggingface.co/datasets/org/name",
            hub_status(check),
        ),
    ]
    width = max(len(r[0]) for r in rows)
    return "".join(
        f"{name:<{width}}  {what}\n{'':<{width}}  status: {status}\n" for name, what, status in rows
    )
