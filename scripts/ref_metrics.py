#!/usr/bin/python3
"""Reference values for src/lib/ml/metrics.ts and threshold.ts, from scikit-learn and numpy.

Run with Debian's Python (scikit-learn 1.2.1, numpy 1.24):

    /usr/bin/python3 scripts/ref_metrics.py

Writes tests/fixtures/reference/metrics-sklearn.json. Deterministic: every set comes from a
seeded numpy Generator, and the JSON holds floats in repr form (exact round trip). The unit tests
read the JSON and never run Python. NaN (sklearn's value for undefined rates) is written as null.
"""
import json
import math
import os
import sys
import warnings

import numpy as np
import sklearn
from sklearn.metrics import (
    accuracy_score,
    average_precision_score,
    confusion_matrix,
    f1_score,
    precision_recall_curve,
    precision_score,
    recall_score,
    roc_auc_score,
    roc_curve,
)

OUT = os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..", "tests", "fixtures", "reference",
    "metrics-sklearn.json",
)


def clean(values):
    """A list of floats with NaN as None (JSON has no NaN); ±inf do not occur in our sets."""
    out = []
    for v in np.asarray(values, dtype=np.float64).tolist():
        if math.isnan(v):
            out.append(None)
        else:
            assert math.isfinite(v), v
            out.append(v)
    return out


def scalar(v):
    v = float(v)
    return None if math.isnan(v) else v


def make_sets():
    rng = np.random.default_rng(20261121)
    sets = []

    # 2,000 rows, scores rounded to 2 decimals so that many values tie across classes.
    n = 2000
    labels = (rng.random(n) < 0.3).astype(np.uint8)
    scores = np.round(rng.normal(loc=labels * 1.2, scale=1.0, size=n), 2)
    sets.append(("ties2000", scores.astype(np.float64), labels))

    # Perfectly separable: every anomaly scores above every normal row.
    neg = rng.uniform(0.0, 0.5, size=150)
    pos = rng.uniform(0.6, 1.0, size=50)
    scores = np.concatenate([neg, pos])
    labels = np.concatenate([np.zeros(150), np.ones(50)]).astype(np.uint8)
    perm = rng.permutation(scores.size)
    sets.append(("separable", scores[perm], labels[perm]))

    # Only one class present.
    sets.append(("allNormal", rng.exponential(1.0, size=100), np.zeros(100, dtype=np.uint8)))
    sets.append(("allAnomalous", rng.exponential(1.0, size=60), np.ones(60, dtype=np.uint8)))

    # Very many exact ties: five distinct scores.
    n = 1000
    labels = (rng.random(n) < 0.4).astype(np.uint8)
    levels = np.array([0.0, 0.25, 0.5, 0.75, 1.0])
    scores = levels[np.clip(rng.integers(0, 4, size=n) + labels, 0, 4)]
    sets.append(("fiveLevels", scores.astype(np.float64), labels))

    # Heavy-tailed, MSE-like float32 scores (the model worker sends Float32Array).
    n = 800
    labels = (rng.random(n) < 0.2).astype(np.uint8)
    scores = (rng.lognormal(mean=-4.0 + 1.5 * labels, sigma=1.0, size=n)).astype(np.float32)
    sets.append(("float32", scores, labels))

    # The sklearn documentation example.
    sets.append(("docExample", np.array([0.1, 0.4, 0.35, 0.8]), np.array([0, 0, 1, 1], dtype=np.uint8)))

    # Negative scores and a tie at zero.
    sets.append((
        "negatives",
        np.array([-3.0, -1.5, 0.0, 0.0, 0.0, 2.0, -1.5, 7.25]),
        np.array([0, 1, 0, 1, 1, 1, 0, 0], dtype=np.uint8),
    ))
    return sets


def metrics_for(name, scores, labels):
    two_classes = len(np.unique(labels)) == 2
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fpr, tpr, thr = roc_curve(labels, scores)
        auc = roc_auc_score(labels, scores) if two_classes else float("nan")
        prec, rec, pthr = precision_recall_curve(labels, scores)
        ap = average_precision_score(labels, scores)

        s64 = np.asarray(scores, dtype=np.float64)
        srt = np.unique(s64)
        candidates = [
            float(np.percentile(s64, 50)),
            float(np.percentile(s64, 90)),
            float(srt[len(srt) // 3]),  # an exact score value: > versus >= matters here
            float(srt[0] - 1.0),
            float(srt[-1]),
        ]
        confusions = []
        for t in candidates:
            y_pred = (scores > t).astype(np.uint8)
            tn, fp, fn, tp = confusion_matrix(labels, y_pred, labels=[0, 1]).ravel()
            confusions.append({
                "threshold": t,
                "tp": int(tp), "fp": int(fp), "tn": int(tn), "fn": int(fn),
                "accuracy": float(accuracy_score(labels, y_pred)),
                "precision": float(precision_score(labels, y_pred, zero_division=0)),
                "recall": float(recall_score(labels, y_pred, zero_division=0)),
                "f1": float(f1_score(labels, y_pred, zero_division=0)),
            })

    return {
        "name": name,
        "dtype": str(np.asarray(scores).dtype),
        "scores": [float(v) for v in np.asarray(scores).tolist()],
        "labels": [int(v) for v in labels.tolist()],
        "roc": {"fpr": clean(fpr), "tpr": clean(tpr), "thresholds": clean(thr)},
        "rocAuc": scalar(auc),
        "pr": {"precision": clean(prec), "recall": clean(rec), "thresholds": clean(pthr)},
        "averagePrecision": scalar(ap),
        "confusion": confusions,
        "percentiles": [
            {"q": q, "value": scalar(np.percentile(np.asarray(scores, dtype=np.float64), q))}
            for q in (0, 5, 50, 95, 99, 99.9, 100)
        ],
    }


def percentile_cases():
    rng = np.random.default_rng(7)
    cases = []
    for n in (1, 2, 3, 7, 10, 1001):
        x = np.sort(rng.normal(size=n))
        cases.append({
            "values": x.tolist(),
            "percentiles": [{"q": q, "value": float(np.percentile(x, q))}
                            for q in (0, 1, 25, 50, 95, 99, 99.9, 100)],
        })
    return cases


def main():
    out = {
        "generator": "scripts/ref_metrics.py",
        "sklearn": sklearn.__version__,
        "numpy": np.__version__,
        "python": sys.version.split()[0],
        "sets": [metrics_for(*s) for s in make_sets()],
        "percentileCases": percentile_cases(),
    }
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump(out, f, separators=(",", ":"), allow_nan=False)
        f.write("\n")
    print(f"wrote {os.path.relpath(OUT)} ({os.path.getsize(OUT)} bytes)")


if __name__ == "__main__":
    main()
