"""Pre-deployment evaluation of the support agent, run by agent-release (`evaluate.runner: command`).

agent-release starts this script with the release it is evaluating in AGENT_RELEASE_* variables.
The script asks the agent every question of the golden dataset, scores the answers with
`mlflow.genai.evaluate` and two code scorers, records everything in one MLflow run, and writes
summary.json and results.jsonl where agent-release told it to. The gate reads only those files.

    AGENT_URL=https://agents.example.com/v1/chat/completions \
    MLFLOW_TRACKING_URI=http://localhost:5000 \
    agent-release evaluate --model-version 7      # runs: python evaluate.py

Exit codes: 0 evaluated (whatever the scores: the gate decides), 1 the agent answered nothing
or MLflow failed, 2 a missing setting.
"""

from __future__ import annotations

import json
import math
import os
import random
import sys
import time
import urllib.error
import urllib.request
import warnings
from pathlib import Path
from typing import Any

# Usage telemetry makes each run wait on the network; a CI job should not phone home anyway.
os.environ.setdefault("MLFLOW_DISABLE_TELEMETRY", "true")

import mlflow  # noqa: E402  (after the telemetry switch, which is read at import)
import pandas as pd  # noqa: E402  (installed with mlflow)
from mlflow.genai.scorers import scorer  # noqa: E402

from contract import Dataset, Result, summarise, write_results, write_summary  # noqa: E402

HERE = Path(__file__).resolve().parent
SCORERS = ("contains", "concise")
# MLflow registers its local-file dataset source class twice and then warns that a path is
# ambiguous between the two; it picks one and nothing is lost.
warnings.filterwarnings("ignore", message="The specified dataset source can be interpreted in multiple ways")
REQUEST_TIMEOUT_S = float(os.environ.get("AGENT_TIMEOUT_S", "30"))
ATTEMPTS = 3


def setting(name: str, default: str | None = None) -> str:
    value = os.environ.get(name, default)
    if not value:
        sys.exit(f"evaluate.py: {name} is not set; agent-release sets the AGENT_RELEASE_* variables, "
                 "and AGENT_URL / MLFLOW_TRACKING_URI come from the workflow (evaluate.command.env or the job's env)")
    return value


# --- the agent ---------------------------------------------------------------------------

def ask_agent(url: str, question: str) -> tuple[str, float]:
    """One chat completion, retried on 429, 5xx and connection errors with jittered backoff."""
    body = json.dumps({"messages": [{"role": "user", "content": question}]}).encode()
    headers = {"content-type": "application/json"}
    if os.environ.get("AGENT_TOKEN"):
        headers["authorization"] = f"Bearer {os.environ['AGENT_TOKEN']}"
    for attempt in range(1, ATTEMPTS + 1):
        started = time.monotonic()
        try:
            request = urllib.request.Request(url, data=body, headers=headers, method="POST")
            with urllib.request.urlopen(request, timeout=REQUEST_TIMEOUT_S) as response:
                answer = json.load(response)
            latency_ms = round((time.monotonic() - started) * 1000, 1)
            return answer["choices"][0]["message"]["content"], latency_ms
        except urllib.error.HTTPError as error:
            retryable = error.code == 429 or error.code >= 500
            problem = f"the agent answered HTTP {error.code}: {error.read(300).decode(errors='replace')}"
        except (urllib.error.URLError, TimeoutError, ConnectionError) as error:
            retryable, problem = True, f"could not reach the agent: {error}"
        except (KeyError, IndexError, TypeError, json.JSONDecodeError) as error:
            retryable, problem = False, f"the agent's answer is not a chat completion ({error!r})"
        if not retryable or attempt == ATTEMPTS:
            raise RuntimeError(f"{problem} (attempt {attempt} of {ATTEMPTS})")
        time.sleep(random.uniform(0, 0.5 * 2 ** attempt))  # full jitter
    raise AssertionError("unreachable")


# --- scorers: plain Python, so the evaluation runs anywhere (no judge model needed) ------------

@scorer
def contains(outputs: str, expectations: dict[str, Any]) -> bool:
    """The answer mentions the fact the golden answer hinges on."""
    return expectations["expected_response"].lower() in outputs.lower()


@scorer
def concise(outputs: str) -> bool:
    """Support answers fit on a phone screen."""
    return 0 < len(outputs.split()) <= 120


def score_value(value: Any) -> float | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return float(value)  # True/False become 1.0/0.0, the pass/fail scores the gate expects


# --- the run -------------------------------------------------------------------------------

def standard_tags(model_name: str, model_version: str, dataset: Dataset) -> dict[str, str]:
    tags = {
        "agent_release.mode": "evaluate",
        "agent_release.model.name": model_name,
        "agent_release.model.version": model_version,
        "agent_release.dataset.digest": dataset.digest,
    }
    github = {
        "agent_release.git_sha": os.environ.get("GITHUB_SHA"),
        "mlflow.source.git.commit": os.environ.get("GITHUB_SHA"),
        "agent_release.repository": os.environ.get("GITHUB_REPOSITORY"),
        "agent_release.actor": os.environ.get("GITHUB_ACTOR"),
    }
    if os.environ.get("GITHUB_RUN_ID") and os.environ.get("GITHUB_REPOSITORY"):
        server = os.environ.get("GITHUB_SERVER_URL", "https://github.com")
        github["agent_release.workflow_run_url"] = f"{server}/{os.environ['GITHUB_REPOSITORY']}/actions/runs/{os.environ['GITHUB_RUN_ID']}"
    tags.update({key: value for key, value in github.items() if value})
    return tags


def main() -> int:
    model_name = setting("AGENT_RELEASE_MODEL_NAME")
    model_version = setting("AGENT_RELEASE_MODEL_VERSION")
    summary_path = setting("AGENT_RELEASE_SUMMARY_PATH")
    results_path = setting("AGENT_RELEASE_RESULTS_PATH")
    run_name = setting("AGENT_RELEASE_RUN_NAME")
    experiment = setting("AGENT_RELEASE_EXPERIMENT", "agent-release-evaluation")
    dataset_path = setting("AGENT_RELEASE_DATASET_PATH", str(HERE / "golden.jsonl"))
    agent_url = setting("AGENT_URL")
    setting("MLFLOW_TRACKING_URI")  # read by mlflow itself; required so runs never land in ./mlruns

    dataset = Dataset.read_jsonl(dataset_path, name=Path(dataset_path).stem)
    missing = [str(row.get("id", f"line {n}")) for n, row in enumerate(dataset.rows, 1) if not {"id", "input", "expected"} <= row.keys()]
    if missing:
        sys.exit(f"evaluate.py: {dataset_path}: every row needs id, input and expected; these do not: {', '.join(missing[:5])}")
    print(f"evaluating {model_name} v{model_version} on {dataset.name} ({len(dataset.rows)} examples) against {agent_url}", flush=True)

    results: list[Result] = []
    for row in dataset.rows:
        result = Result(id=str(row["id"]), inputs={"question": row["input"]}, outputs=None, scores=dict.fromkeys(SCORERS), latency_ms=None, expected=row["expected"])
        try:
            result.outputs, result.latency_ms = ask_agent(agent_url, row["input"])
        except RuntimeError as error:
            result.error = str(error)
            print(f"  {result.id}: {error}", flush=True)
        results.append(result)
    answered = [r for r in results if r.error is None]
    if not answered:
        print(f"evaluate.py: the agent at {agent_url} answered none of the {len(results)} questions; see the errors above", file=sys.stderr)
        return 1

    mlflow.set_experiment(experiment)
    with mlflow.start_run(run_name=run_name, tags=standard_tags(model_name, model_version, dataset)) as run:
        # The dataset as the gate knows it: its name, and its digest (MLflow keeps at most 36
        # characters of a digest, so the full sha256 is an input tag too).
        frame = pd.DataFrame(dataset.rows)
        mlflow.log_input(
            mlflow.data.from_pandas(frame, source=dataset.path, name=dataset.name, digest=dataset.digest.removeprefix("sha256:")[:32]),
            context="evaluation",
            tags={"agent_release.dataset.digest": dataset.digest},
        )
        evaluation = mlflow.genai.evaluate(
            data=[
                {"inputs": r.inputs, "outputs": r.outputs, "expectations": {"expected_response": r.expected}, "tags": {"example_id": r.id}}
                for r in answered
            ],
            scorers=[contains, concise],
        )
        by_id = {row["tags"]["example_id"]: row for _, row in evaluation.result_df.iterrows()}
        for result in answered:
            scored = by_id[result.id]
            result.scores = {name: score_value(scored.get(f"{name}/value")) for name in SCORERS}

        metrics, errors = summarise(results)
        # Logged after mlflow.genai.evaluate's own metrics, so the run's latest values are the
        # summary's (which leave failed calls out of every mean).
        mlflow.log_metrics({name: metric["value"] for name, metric in metrics.items()})
        write_results(results_path, results)
        write_summary(summary_path, model_name=model_name, model_version=model_version, dataset=dataset, metrics=metrics, errors=errors, run_id=run.info.run_id)
        mlflow.log_artifact(summary_path)
        mlflow.log_artifact(results_path)

    shown = ", ".join(f"{name} {metric['value']:.3g}" for name, metric in metrics.items())
    print(f"run {run.info.run_id} ({run_name}): {shown}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
