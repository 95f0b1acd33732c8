"""The two files agent-release reads from an evaluator: summary.json and results.jsonl.

A hand-kept mirror of agent-release's schema (src/contract/summary.ts, src/contract/results.ts),
so a script can write them without knowing TypeScript. agent-release validates both files
after the script exits and names the file, line and field of anything that does not fit.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

SUMMARY_SCHEMA = "agent-release.summary/v1"


@dataclass
class Result:
    """One line of results.jsonl: one example, as the agent answered it and as it was scored."""

    id: str
    inputs: Any
    outputs: Any
    scores: dict[str, float | None]
    latency_ms: float | None
    expected: Any = None
    # Set when the call (or scoring) failed: the example counts in `errors`, never in a mean.
    error: str | None = None

    def to_json(self) -> str:
        row: dict[str, Any] = {
            "id": self.id,
            "inputs": self.inputs,
            "outputs": self.outputs,
            "scores": self.scores,
            "latency_ms": self.latency_ms,
        }
        if self.expected is not None:
            row["expected"] = self.expected
        if self.error is not None:
            row["error"] = self.error
        return json.dumps(row, ensure_ascii=False)


@dataclass
class Dataset:
    name: str
    path: str
    rows: list[dict[str, Any]] = field(default_factory=list)
    # sha256 over the file's bytes, as agent-release computes it: the baseline comparison
    # only compares evaluations whose datasets have the same digest.
    digest: str = ""

    @classmethod
    def read_jsonl(cls, path: str, name: str) -> "Dataset":
        with open(path, "rb") as f:
            raw = f.read()
        rows = [json.loads(line) for line in raw.decode("utf-8").splitlines() if line.strip()]
        return cls(name=name, path=path, rows=rows, digest="sha256:" + hashlib.sha256(raw).hexdigest())


def wilson(passes: float, n: int, z: float = 1.959963984540054) -> dict[str, Any] | None:
    """95% Wilson interval of a pass rate (the method agent-release uses for pass/fail scores)."""
    if n == 0:
        return None
    p = passes / n
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator
    low = 0.0 if passes == 0 else max(0.0, centre - half)
    high = 1.0 if passes == n else min(1.0, centre + half)
    return {"low": low, "high": high, "confidence": 0.95, "method": "wilson"}


def percentile(values: list[float], q: float) -> float:
    """Linear-interpolated percentile (numpy's default), as agent-release computes latency_ms/p95."""
    ordered = sorted(values)
    position = (len(ordered) - 1) * q
    low, high = math.floor(position), math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def summarise(results: list[Result]) -> tuple[dict[str, dict[str, Any]], int]:
    """Metrics as agent-release names them (`<scorer>/mean`, `error_rate`, `latency_ms/p95`), and the error count."""
    answered = [r for r in results if r.error is None]
    metrics: dict[str, dict[str, Any]] = {}
    for scorer in sorted({name for r in answered for name in r.scores}):
        values = [r.scores[scorer] for r in answered if r.scores.get(scorer) is not None]
        if not values:
            continue
        metric: dict[str, Any] = {"value": sum(values) / len(values), "n": len(values)}
        if all(v in (0, 1) for v in values):
            metric["ci"] = wilson(sum(values), len(values))
        metrics[f"{scorer}/mean"] = metric
    errors = len(results) - len(answered)
    metrics["error_rate"] = {"value": errors / len(results) if results else 0.0, "n": len(results)}
    latencies = [r.latency_ms for r in answered if r.latency_ms is not None]
    if latencies:
        metrics["latency_ms/p95"] = {"value": round(percentile(latencies, 0.95), 1), "n": len(latencies)}
    return metrics, errors


def write_results(path: str, results: list[Result]) -> None:
    with open(path, "w", encoding="utf-8") as f:
        for result in results:
            f.write(result.to_json() + "\n")


def write_summary(
    path: str,
    *,
    model_name: str,
    model_version: str,
    dataset: Dataset,
    metrics: dict[str, dict[str, Any]],
    errors: int,
    run_id: str | None,
) -> dict[str, Any]:
    relative = os.path.relpath(dataset.path)
    summary = {
        "schema": SUMMARY_SCHEMA,
        "model": {"name": model_name, "version": model_version},
        "dataset": {"name": dataset.name, "digest": dataset.digest, "rows": len(dataset.rows), "source": dataset.path if relative.startswith("..") else relative},
        "metrics": metrics,
        "errors": errors,
        "run_id": run_id,
        "created_at": datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
    }
    with open(path, "w", encoding="utf-8") as f:
        json.dump(summary, f, indent=2)
        f.write("\n")
    return summary
