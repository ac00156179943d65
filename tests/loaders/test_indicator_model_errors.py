"""A model the scorer cannot use is one line naming its file, through the command line, in both languages.

The shipped model is replaced for one process by `POLICYKG_INDICATOR_MODEL` (a model of one's own,
built by training/indicators/build_model.py); a damaged or foreign one must stop the command with a
message from the catalogue, never a traceback or a sentence the catalogue does not hold.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from policykg import sample_paths
from policykg.loaders.indicator_model import MODEL_FORMAT, MODEL_VARIABLE, load_model

SAMPLE = str(next(p for p in sample_paths() if p.name.startswith("003_")))


def _run(model_path, lang: str, tmp_path) -> subprocess.CompletedProcess:
    env = {**os.environ, MODEL_VARIABLE: str(model_path)}
    command = [sys.executable, "-c", "from policykg.cli import main; main()", "--lang", lang, "extract", SAMPLE,
               "--format", "jsonl", "-o", str(tmp_path / "rows.jsonl")]
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)


def _shipped() -> dict:
    load_model.cache_clear()
    os.environ.pop(MODEL_VARIABLE, None)
    from importlib import resources

    return json.loads(resources.files("policykg.loaders").joinpath("data/indicator_model.json").read_text("utf-8"))


CASES = {
    "not JSON": ('{"format": "' + MODEL_FORMAT + '", "id": ', "cannot read the indicator model (JSONDecodeError",
                 "无法读取指标模型（JSONDecodeError"),
    "another format": (json.dumps({"format": "other-model/2"}), "format other-model/2, expected " + MODEL_FORMAT,
                       "格式 other-model/2，应为 " + MODEL_FORMAT),
    "four-character n-grams": (None, "uses n-grams of 1/4 characters, this scorer reads 1 to 3",
                               "使用 1/4 字的 n-gram"),
    "a list": ("[]", "cannot read the indicator model (ValueError: a JSON list, not an object)", "无法读取指标模型"),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_a_model_the_scorer_cannot_use_is_one_line_naming_it(case, tmp_path):
    text, english, chinese = CASES[case]
    if text is None:
        model = _shipped()
        model["config"]["ngram_sizes"] = [1, 4]
        text = json.dumps(model, ensure_ascii=False)
    path = tmp_path / "model.json"
    path.write_text(text, encoding="utf-8")
    for lang, expected in (("en", english), ("zh", chinese)):
        result = _run(path, lang, tmp_path)
        assert result.returncode == 1, result.stderr
        errors = [line for line in result.stderr.splitlines() if line.startswith(("Error:", "错误"))]
        assert "Traceback" not in result.stderr
        assert len(errors) == 1 and str(path) in errors[0] and expected in errors[0], result.stderr
        assert "POLICYKG_INDICATOR_MODEL" in errors[0]


def test_a_model_of_ones_own_is_used(tmp_path):
    """The variable is not only a way to break things: a model of this version is read and used."""
    path = tmp_path / "model.json"
    path.write_text(json.dumps(_shipped(), ensure_ascii=False), encoding="utf-8")
    result = _run(path, "en", tmp_path)
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in (tmp_path / "rows.jsonl").read_text("utf-8").splitlines()]
    assert sum(r["indicator_inferred"] is not None for r in rows) > 10  # sample 003 prints themes only
