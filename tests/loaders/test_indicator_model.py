"""The shipped indicator model: its numpy scorer equals the scikit-learn pipeline, and it rebuilds byte for byte."""

from __future__ import annotations

import importlib.util
import json
import sys
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from indicator_measures import HANDMADE, NONE

from policykg.loaders.indicator_model import load_model
from policykg.loaders.indicator_text import MeasureText

_BUILD = Path(__file__).resolve().parents[2] / "training" / "indicators" / "build_model.py"


@pytest.fixture(scope="module")
def build():
    spec = importlib.util.spec_from_file_location("build_model", _BUILD)
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_model"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def built(build):
    """The scikit-learn pipeline and model file the build script makes from the committed training rows."""
    return build.build()


def _measures(build) -> list[MeasureText]:
    """Every training row (all rows of the samples, every task of the real corpus) and the hand-made measures."""
    rows = [build.measure_of(r) for r in build.read_rows()]
    extra = [MeasureText(t) for t in list(HANDMADE.values()) + NONE] + [
        MeasureText("", None, None),  # no text at all: only the intercepts
        MeasureText("證照分離改革全覆蓋，營業執照當日辦結", "優化營商環境", "持續優化營商環境"),  # traditional script
    ]
    return rows + extra


def test_scorer_gives_the_labels_and_confidences_of_scikit_learn(build, built):
    pipeline, _ = built
    model = load_model()
    measures = _measures(build)
    expected = pipeline.predict_proba(measures)
    labels = pipeline.predict(measures)
    classes = list(pipeline.named_steps["classifier"].classes_)
    assert tuple(classes) == model.classes
    batch = model.predict_many(measures)  # all together, as a document's rows are scored
    for measure, probabilities, label, prediction in zip(measures, expected, labels, batch):
        got = model.probabilities(measure)
        assert max(abs(a - b) for a, b in zip(got, probabilities)) < 1e-9
        assert (prediction.indicator or "none") == label
        assert abs(prediction.confidence - max(probabilities)) < 1e-9
        top3 = sorted(range(len(classes)), key=lambda k: -probabilities[k])[:3]
        assert [label or "none" for label, _ in prediction.ranking] == [classes[k] for k in top3]
        assert all(abs(p - probabilities[k]) < 1e-9 for (_, p), k in zip(prediction.ranking, top3))
        # the candidates shown: the three most likely of the 18, "none" left out wherever it ranks
        indicators = [k for k in sorted(range(len(classes)), key=lambda k: -probabilities[k]) if classes[k] != "none"]
        assert [c for c, _ in prediction.indicators] == [classes[k] for k in indicators[:3]]


def test_a_measure_scored_alone_or_in_a_batch_gets_the_same_prediction(build):
    """Labels, confidences and deciding words do not depend on which measures share the batch."""
    model = load_model()
    measures = _measures(build)
    batch = model.predict_many(measures)
    reversed_batch = model.predict_many(measures[::-1])[::-1]
    for measure, together, backwards in zip(measures, batch, reversed_batch):
        alone = model.predict(measure)
        assert alone.indicator == together.indicator == backwards.indicator
        assert alone.evidence == together.evidence == backwards.evidence
        assert abs(alone.confidence - together.confidence) < 1e-12


def test_rebuilding_gives_the_shipped_file_byte_for_byte(build, built):
    _, data = built
    shipped = resources.files("policykg.loaders").joinpath("data/indicator_model.json").read_bytes()
    versions = json.loads(shipped)["built_with"]
    assert data == shipped, (f"the model file is not what training/indicators/build_model.py makes from the "
                             f"committed rows (built with {versions}); rebuild it and commit it")


def test_model_file_names_its_training_and_folding():
    document = json.loads(resources.files("policykg.loaders").joinpath("data/indicator_model.json").read_text("utf-8"))
    assert document["training"]["source"] == "training/indicators/rows.jsonl"
    assert len(document["folding"]["traditional"]) == len(document["folding"]["simplified"]) > 2000
    assert document["classes"][-1] == "none" and len(document["classes"]) == 19


@settings(max_examples=200, deadline=None)
@given(codes=st.lists(st.integers(0, 2**63 - 1), max_size=300), others=st.lists(st.integers(0, 2**63 - 1), max_size=50))
def test_code_index_finds_every_code_and_nothing_else(codes, others):
    """The hash table behind the n-gram lookups: every code its first position, any other −1 (collisions included)."""
    import numpy as np

    from policykg.loaders.indicator_features import CodeIndex

    index = CodeIndex.of(codes)
    asked = codes + others
    first = {}
    for position, code in enumerate(codes):
        first.setdefault(code, position)
    found = index.find(np.array(asked, dtype=np.uint64)).tolist()
    assert found == [first.get(code, -1) for code in asked]
