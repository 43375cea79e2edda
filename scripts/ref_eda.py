#!/usr/bin/env python3
"""Reference fixtures for the EDA statistics in src/lib/stats (issue "EDA cells").

Run with Debian's Python (pandas 1.5, SciPy 1.10):

    /usr/bin/python3 scripts/ref_eda.py

Reads the real NSL-KDD files from <repo>/../shared/datasets/nsl-kdd/ and writes

    tests/fixtures/reference/eda-kddtest.json      (KDDTest+.txt)
    tests/fixtures/reference/eda-kddtrain20.json   (KDDTrain+_20Percent.txt)
    tests/fixtures/reference/eda-synthetic.json    (tiny degenerate inputs)

The unit tests compare our TypeScript statistics with these numbers (relative 1e-9); the tests
never run Python. Encoding: floats are written with repr (round-trip exact); NaN is written as
null and +/-inf as the strings "Infinity" / "-Infinity" (JSON has neither). Category values are
written as [value, count] pairs, never as object keys (real category values include names such
as "__proto__").
"""

import json
import math
import os
import sys

import numpy as np
import pandas as pd
from scipy.stats.contingency import association

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
DATA = os.path.join(REPO, "..", "shared", "datasets", "nsl-kdd")
OUT = os.path.join(REPO, "tests", "fixtures", "reference")

CATEGORICAL = ["protocol_type", "service", "flag", "attack"]
# Columns whose full frequency table is written (the label is summarised by the crosstab).
VALUE_COUNT_COLUMNS = ["protocol_type", "service", "flag"]
TOP_K = 10
WINDOW = 1000
HIST_COLUMN = "src_bytes"


def enc(x):
    """A float for JSON: repr precision, NaN -> null, inf -> string."""
    if x is None:
        return None
    if isinstance(x, (bool, np.bool_)):
        return bool(x)
    if isinstance(x, (int, np.integer)):
        return int(x)
    x = float(x)
    if math.isnan(x):
        return None
    if math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    return x


def enc_list(xs):
    return [enc(x) for x in xs]


def field_names():
    names = []
    with open(os.path.join(DATA, "field-names.csv"), encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line:
                names.append(line.split(",")[0])
    # The documented file lists the 41 features; some copies also list attack and level.
    if len(names) == 41:
        names += ["attack", "level"]
    if len(names) != 43:
        sys.exit(f"expected 43 field names, got {len(names)}")
    return names


def load(file_name):
    names = field_names()
    dtypes = {n: (str if n in CATEGORICAL else np.float64) for n in names}
    return pd.read_csv(
        os.path.join(DATA, file_name),
        header=None,
        names=names,
        dtype=dtypes,
        keep_default_na=False,
        na_values=[""],
    )


def describe_numeric(s):
    """The statistics describeNumeric reports, each computed the pandas way."""
    return {
        "count": enc(s.count()),
        "mean": enc(s.mean()),
        "std": enc(s.std()),  # ddof=1
        "min": enc(s.min()),
        "p25": enc(s.quantile(0.25)),
        "median": enc(s.quantile(0.5)),
        "p75": enc(s.quantile(0.75)),
        "max": enc(s.max()),
        "skew": enc(s.skew()),
        "kurt": enc(s.kurt()),
        "zeros": enc(int((s == 0).sum())),
        "nunique": enc(s.nunique()),
        "sum": enc(s.sum()),
        "infinite": enc(int(np.isinf(s.to_numpy()).sum())),
    }


def outliers(s):
    q1 = s.quantile(0.25)
    q3 = s.quantile(0.75)
    iqr = q3 - q1
    lo = q1 - 1.5 * iqr
    hi = q3 + 1.5 * iqr
    z = (s - s.mean()) / s.std()
    inside = s[(s >= lo) & (s <= hi)]
    return {
        "iqrLow": int((s < lo).sum()),
        "iqrHigh": int((s > hi).sum()),
        "z3": int((z.abs() > 3).sum()),
        # Tukey whiskers: the most extreme data values inside the fences.
        "whiskerLow": enc(inside.min()),
        "whiskerHigh": enc(inside.max()),
    }


def matrix(df):
    return [enc_list(row) for row in df.to_numpy()]


def top_pairs(corr, k):
    cols = list(corr.columns)
    m = corr.to_numpy()
    pairs = []
    for i in range(len(cols)):
        for j in range(i + 1, len(cols)):
            r = m[i, j]
            if not math.isnan(r):
                pairs.append((abs(r), cols[i], cols[j], r))
    pairs.sort(key=lambda p: -p[0])
    return [{"a": a, "b": b, "r": enc(r)} for (_, a, b, r) in pairs[:k]]


def value_counts(s):
    vc = s.value_counts(dropna=True)
    return [[str(v), int(c)] for v, c in vc.items()]


def cramers_v(a, b):
    table = pd.crosstab(a, b).to_numpy()
    return enc(association(table, method="cramer"))


def dataset_fixture(file_name):
    df = load(file_name)
    numeric = [c for c in df.columns if c not in CATEGORICAL]
    anomaly = df["attack"] != "normal"
    out = {
        "_meta": {
            "generator": "scripts/ref_eda.py",
            "source": file_name,
            "pandas": pd.__version__,
            "numpy": np.__version__,
            "encoding": "NaN -> null, +/-inf -> 'Infinity'/'-Infinity'",
        },
        "rows": int(len(df)),
        "columns": list(df.columns),
        "numericColumns": numeric,
        "anomalies": int(anomaly.sum()),
    }

    out["describe"] = {c: describe_numeric(df[c]) for c in numeric}
    out["describeCategorical"] = {}
    for c in CATEGORICAL:
        d = df[c].describe()
        out["describeCategorical"][c] = {
            "count": int(d["count"]),
            "unique": int(d["unique"]),
            "top": str(d["top"]),
            "freq": int(d["freq"]),
        }
    out["outliers"] = {c: outliers(df[c]) for c in numeric}

    num = df[numeric]
    pearson = num.corr(method="pearson")
    spearman = num.corr(method="spearman")
    # The full 39 x 39 matrices are ~35 KB each: small enough to keep whole.
    out["pearson"] = {"columns": numeric, "matrix": matrix(pearson)}
    out["spearman"] = {"columns": numeric, "matrix": matrix(spearman)}
    out["topPearson"] = top_pairs(pearson, TOP_K)
    out["topSpearman"] = top_pairs(spearman, TOP_K)

    out["valueCounts"] = {c: value_counts(df[c]) for c in VALUE_COUNT_COLUMNS}
    ct = pd.crosstab(df["flag"], anomaly)
    out["crosstabFlagAnomaly"] = {
        "rows": [str(v) for v in ct.index],
        "cols": [bool(v) for v in ct.columns],
        "counts": [[int(x) for x in row] for row in ct.to_numpy()],
    }
    out["cramersV"] = [[c, cramers_v(df[c], anomaly)] for c in VALUE_COUNT_COLUMNS]
    out["duplicated"] = int(df.duplicated().sum())
    out["duplicatedNumeric"] = int(num.duplicated().sum())

    s = df[HIST_COLUMN].to_numpy()
    log_edges = np.concatenate([[0.0], np.logspace(0, 10, 21)])
    lin_edges = np.linspace(0.0, float(s.max()), 51)
    out["histogram"] = {
        "column": HIST_COLUMN,
        "logEdges": enc_list(log_edges),
        "logCounts": [int(x) for x in np.histogram(s, bins=log_edges)[0]],
        "linearEdges": enc_list(lin_edges),
        "linearCounts": [int(x) for x in np.histogram(s, bins=lin_edges)[0]],
        # Edges that do not cover the data: values outside are ignored, as numpy does.
        "partialEdges": [10.0, 100.0, 250.0, 1000.0],
        "partialCounts": [int(x) for x in np.histogram(s, bins=[10.0, 100.0, 250.0, 1000.0])[0]],
    }
    groups = (np.arange(len(df)) // WINDOW)
    out["windowSums"] = {
        "column": HIST_COLUMN,
        "window": WINDOW,
        "sums": enc_list(df[HIST_COLUMN].groupby(groups).sum().to_numpy()),
    }
    return out


def synthetic_fixture():
    nan = float("nan")
    inf = float("inf")
    series = {
        "empty": [],
        "single": [5.0],
        "two": [1.0, 2.0],
        "three": [1.0, 2.0, 4.0],
        "constant": [2.0, 2.0, 2.0, 2.0],
        "allMissing": [nan, nan, nan],
        "withInf": [1.0, inf, 3.0, nan],
        "bothInf": [-inf, 1.0, inf],
        "infAdjacent": [1.0, inf, inf],
        "tinyVariance": [1e-8, 2e-8, 3e-8, 5e-8],
        "mixed": [1.0, 2.0, 2.0, 3.0, 10.0, nan, 0.0, -0.0, -4.5, 7.25],
        "heavy": [0.0, 0.0, 0.0, 1.0, 3.0, 10.0, 250.0, 1e4, 3e6, 0.0, 12.0],
    }
    out = {
        "_meta": {
            "generator": "scripts/ref_eda.py",
            "pandas": pd.__version__,
            "encoding": "NaN -> null, +/-inf -> 'Infinity'/'-Infinity'",
        },
        "series": {k: enc_list(v) for k, v in series.items()},
        "describe": {k: describe_numeric(pd.Series(v, dtype=np.float64)) for k, v in series.items()},
    }
    # Pairwise-complete correlations with missing values, a constant column and ties.
    frame = pd.DataFrame(
        {
            "a": [1.0, 2.0, 3.0, 4.0, 5.0, nan, 7.0, 8.0],
            "b": [2.0, 1.0, 4.0, 3.0, nan, 6.0, 8.0, 7.0],
            "c": [1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0],
            "d": [5.0, 5.0, 1.0, 1.0, 2.0, 2.0, nan, 9.0],
            "e": [nan, nan, nan, nan, nan, nan, nan, 3.0],
        }
    )
    out["frame"] = {c: enc_list(frame[c]) for c in frame.columns}
    out["frameColumns"] = list(frame.columns)
    out["pearson"] = matrix(frame.corr(method="pearson"))
    out["spearman"] = matrix(frame.corr(method="spearman"))
    out["rank"] = {c: enc_list(frame[c].rank(method="average")) for c in frame.columns}
    tables = {
        "2x2": [[10, 20], [30, 40]],
        "3x2": [[5, 0], [0, 7], [3, 3]],
        "independent": [[10, 20], [20, 40]],
        "perfect": [[12, 0, 0], [0, 5, 0], [0, 0, 9]],
    }
    out["cramersV"] = [
        [k, enc(association(np.array(t), method="cramer")), t] for k, t in tables.items()
    ]
    dup = pd.DataFrame(
        {
            "x": [1.0, 1.0, nan, nan, 0.0, -0.0, 2.0, 1.0],
            "k": ["a", "a", "b", "b", "c", "c", None, "a"],
        }
    )
    out["duplicates"] = {
        "x": enc_list(dup["x"]),
        "k": [None if v is None else v for v in dup["k"]],
        "duplicated": int(dup.duplicated().sum()),
    }
    return out


def write(name, obj):
    os.makedirs(OUT, exist_ok=True)
    path = os.path.join(OUT, name)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(obj, f, allow_nan=False, separators=(",", ":"))
        f.write("\n")
    print(f"{path}: {os.path.getsize(path)} bytes")


def main():
    write("eda-kddtest.json", dataset_fixture("KDDTest+.txt"))
    write("eda-kddtrain20.json", dataset_fixture("KDDTrain+_20Percent.txt"))
    write("eda-synthetic.json", synthetic_fixture())


if __name__ == "__main__":
    main()
