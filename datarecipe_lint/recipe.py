"""The recipe: immutable values the pipeline produces and every reporter reads.

``Recipe.to_dict()`` gives the contract's tree with a fixed key order, so JSON and YAML output is
byte-identical for the same card and tables.
"""

from __future__ import annotations

from typing import Any, NamedTuple

SCHEMA_VERSION = "1.0"
EVIDENCE_CHARS = 200


class Evidence(NamedTuple):
    line: int
    text: str

    @staticmethod
    def of(line: int, text: str) -> Evidence:
        text = " ".join(text.split())
        if len(text) > EVIDENCE_CHARS:
            text = text[: EVIDENCE_CHARS - 1] + "…"
        return Evidence(line, text)

    def to_dict(self) -> dict[str, Any]:
        return {"line": self.line, "text": self.text}


class Finding(NamedTuple):
    id: str
    severity: str  # error | warning | info
    message: str
    line: int | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "severity": self.severity, "message": self.message}
        if self.line is not None:
            out["line"] = self.line
        return out


class Method(NamedTuple):
    type: str
    evidence: tuple[Evidence, ...]
    teacher_model: str | None = None
    prompt_template: str | None = None
    platform: str | None = None
    annotators: str | None = None
    model: str | None = None
    sources: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": self.type}
        if self.teacher_model is not None:
            out["teacher_model"] = self.teacher_model
        if self.prompt_template is not None:
            out["prompt_template"] = self.prompt_template
        if self.platform is not None:
            out["platform"] = self.platform
        if self.annotators is not None:
            out["annotators"] = self.annotators
        if self.model is not None:
            out["model"] = self.model
        if self.sources:
            out["sources"] = list(self.sources)
        out["evidence"] = [e.to_dict() for e in self.evidence]
        return out


class Mention(NamedTuple):
    """A model the card names that is not a teacher, with the role that ruled it out."""

    name: str
    role: str  # judge | baseline | evaluated | trained_on | cited | negated | contrast | dataset | filter | disclaimer | mentioned
    evidence: Evidence

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "role": self.role,
            "line": self.evidence.line,
            "text": self.evidence.text,
        }


class Generation(NamedTuple):
    origin: str
    synthetic_ratio: float
    human_ratio: float
    teacher_models: tuple[str, ...]
    methods: tuple[Method, ...]
    origin_evidence: tuple[Evidence, ...] = ()
    other_models: tuple[Mention, ...] = ()
    declared: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "origin": self.origin,
            "synthetic_ratio": self.synthetic_ratio,
            "human_ratio": self.human_ratio,
            "teacher_models": list(self.teacher_models),
            "methods": [m.to_dict() for m in self.methods],
            "origin_evidence": [e.to_dict() for e in self.origin_evidence],
            "other_models": [m.to_dict() for m in self.other_models],
        }
        if self.declared:
            out["declared"] = list(self.declared)
        return out


class Cost(NamedTuple):
    estimated_total_usd: float | None
    confidence: str
    assumptions: tuple[str, ...]
    low_usd: float | None = None
    high_usd: float | None = None
    breakdown: tuple[tuple[str, float], ...] = ()
    lines: tuple[dict[str, Any], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"estimated_total_usd": self.estimated_total_usd}
        if self.low_usd is not None:
            out["low_usd"] = self.low_usd
        if self.high_usd is not None:
            out["high_usd"] = self.high_usd
        out["breakdown"] = dict(self.breakdown)
        out["confidence"] = self.confidence
        out["assumptions"] = list(self.assumptions)
        if self.lines:
            out["lines"] = [dict(x) for x in self.lines]
        return out


class Criterion(NamedTuple):
    id: str
    status: str  # available | missing | not_applicable | ignored
    evidence: Evidence | None = None
    suggestion: str | None = None
    reason: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "status": self.status}
        if self.evidence is not None:
            out["line"] = self.evidence.line
            out["evidence"] = self.evidence.text
        if self.suggestion is not None:
            out["suggestion"] = self.suggestion
        if self.reason is not None:
            out["reason"] = self.reason
        return out


class Reproducibility(NamedTuple):
    score: float
    max_score: int
    available: tuple[str, ...]
    missing: tuple[str, ...]
    not_applicable: tuple[str, ...]
    criteria: tuple[Criterion, ...]
    rubric_version: int = 1

    def to_dict(self) -> dict[str, Any]:
        return {
            "score": self.score,
            "max_score": self.max_score,
            "rubric_version": self.rubric_version,
            "available": list(self.available),
            "missing": list(self.missing),
            "not_applicable": list(self.not_applicable),
            "criteria": [c.to_dict() for c in self.criteria],
        }


class Source(NamedTuple):
    type: str  # huggingface | local
    id: str
    revision: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": self.type, "id": self.id}
        if self.revision is not None:
            out["revision"] = self.revision
        return out


class Tool(NamedTuple):
    name: str
    version: str
    knowledge_version: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "version": self.version,
            "knowledge_version": self.knowledge_version,
        }


class Recipe(NamedTuple):
    name: str
    source: Source
    generation: Generation
    cost: Cost
    reproducibility: Reproducibility
    findings: tuple[Finding, ...]
    tool: Tool
    version: str = SCHEMA_VERSION
    extra: tuple[tuple[str, Any], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "name": self.name,
            "version": self.version,
            "source": self.source.to_dict(),
            "generation": self.generation.to_dict(),
            "cost": self.cost.to_dict(),
            "reproducibility": self.reproducibility.to_dict(),
            "findings": [f.to_dict() for f in self.findings],
            "tool": self.tool.to_dict(),
        }
        for key, value in self.extra:
            out[key] = value
        return out
