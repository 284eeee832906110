"""Ray, for the engines that run on it (``--engine ray``): import it, join or start a cluster,
and the fault injection the tests use. Imported only when the Ray engine is chosen."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from .errors import InputError

FAULT = "DATARECIPE_RAY_FAULT"  # tests: "N:MARKER" ends the worker of task N, once


def fault(number: int) -> None:
    """Fault injection for the tests: end this worker's process once, on piece N."""
    spec = os.environ.get(FAULT, "")
    if ":" not in spec:
        return
    target, marker = spec.split(":", 1)
    if target == str(number) and not Path(marker).exists():
        Path(marker).write_text("killed once\n")
        os._exit(1)


def import_ray() -> Any:
    try:
        import ray
    except ImportError:
        raise InputError(
            "--engine ray needs Ray: pip install 'datarecipe[ray]'", "missing_dependency"
        ) from None
    return ray


def connect(ray: Any, address: str | None) -> bool:
    """Join a cluster, or start a local one; True when this run started it."""
    address = address or os.environ.get("RAY_ADDRESS") or None
    if ray.is_initialized():
        return False
    options: dict[str, Any] = {
        "include_dashboard": False, "log_to_driver": False, "logging_level": "ERROR",
    }  # fmt: skip
    if address is None:
        cpus = os.environ.get("DATARECIPE_RAY_CPUS")
        if cpus:
            options["num_cpus"] = int(cpus)
    try:
        ray.init(address=address, **options)
    except Exception as exc:  # ConnectionError, a bad address...
        where = address or "a local Ray"
        raise InputError(f"--engine ray: cannot start or join {where}: {exc}", "network") from None
    return address is None
