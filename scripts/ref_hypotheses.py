#!/usr/bin/python3
"""Reference values for src/lib/stats/hypo (SciPy / statsmodels / mpmath).

Run with Debian's Python (SciPy 1.10, statsmodels 0.13, pandas 1.5, mpmath 1.2):

    /usr/bin/python3 scripts/ref_hypotheses.py            # writes tests/fixtures/reference/hypo-*.json
    /usr/bin/python3 scripts/ref_hypotheses.py --bench    # times the same work on a 126k-row table
                                                          # (KDDTrain+_20Percent repeated 5x), prints JSON

Reads the real header-less NSL-KDD files from ../shared/datasets/nsl-kdd (relative to the repo).
anomaly = attack != 'normal'. Floats are written with full precision (repr); NaN -> null.
log10p values come from mpmath at 30 digits, because SciPy's p-values (and logsf) underflow to
0 / -inf below ~1e-308 while the statistics are perfectly finite.
"""

from __future__ import annotations

import json
import math
import os
import sys
import time
import warnings

import numpy as np
import pandas as pd
from scipy import stats
import statsmodels
import statsmodels.formula.api as smf
from statsmodels.stats.multitest import multipletests
import scipy
import mpmath as mp

mp.mp.dps = 30

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(REPO, '..', 'shared', 'datasets', 'nsl-kdd')
OUT = os.path.join(REPO, 'tests', 'fixtures', 'reference')
FILES = ['KDDTest+.txt', 'KDDTrain+_20Percent.txt']
Z975 = stats.norm.ppf(0.975)


def field_names():
    names, kinds = [], []
    with open(os.path.join(DATA, 'field-names.csv')) as fh:
        for line in fh:
            line = line.strip()
            if not line:
                continue
            name, kind = line.split(',')
            names.append(name)
            kinds.append(kind)
    # Older copies list only the 41 features; the files have attack + level after them.
    if len(names) == 41:
        names += ['attack', 'level']
        kinds += ['symbolic', 'continuous']
    return names, kinds


NAMES, KINDS = field_names()
FEATURES = NAMES[:41]
NUMERIC = [n for n, k in zip(FEATURES, KINDS[:41]) if k == 'continuous']


def load(fname: str) -> pd.DataFrame:
    df = pd.read_csv(os.path.join(DATA, fname), header=None, names=NAMES)
    df['y'] = (df['attack'] != 'normal').astype(int)
    return df


def f(x):
    """Full-precision float or None for NaN (JSON has no NaN)."""
    if x is None:
        return None
    x = float(x)
    if math.isnan(x):
        return None
    if math.isinf(x):
        return 'Infinity' if x > 0 else '-Infinity'
    return x


def fl(xs):
    return [f(x) for x in xs]


def log10_or_none(v):
    if v is None:
        return None
    if v == 0:
        return '-Infinity'
    return float(mp.log10(v))


def log10p_t(t, df):
    if not (np.isfinite(t) and np.isfinite(df)) or df <= 0:
        return None
    t = mp.mpf(t)
    df = mp.mpf(df)
    x = df / (df + t * t)
    return log10_or_none(mp.betainc(df / 2, mp.mpf(1) / 2, 0, x, regularized=True))


def log10p_chi2(x, k):
    if not (np.isfinite(x) and np.isfinite(k)) or k <= 0:
        return None
    return log10_or_none(mp.gammainc(mp.mpf(k) / 2, mp.mpf(x) / 2, mp.inf, regularized=True))


def log10p_f(F, d1, d2):
    if not np.isfinite(F) or d1 <= 0 or d2 <= 0:
        return None
    F, d1, d2 = mp.mpf(F), mp.mpf(d1), mp.mpf(d2)
    return log10_or_none(mp.betainc(d2 / 2, d1 / 2, 0, d2 / (d2 + d1 * F), regularized=True))


def log10p_z2(z):
    """Two-sided normal p = erfc(|z|/sqrt 2)."""
    if not np.isfinite(z):
        return None
    return log10_or_none(mp.erfc(abs(mp.mpf(z)) / mp.sqrt(2)))


# ---------------------------------------------------------------------------------------------
# t-tests


def ttests(a: np.ndarray, b: np.ndarray) -> dict:
    """a = anomalous, b = normal (statistic is a minus b)."""
    n1, n0 = len(a), len(b)
    m1, m0 = a.mean(), b.mean()
    v1, v0 = a.var(ddof=1), b.var(ddof=1)
    out = {'n1': n1, 'n0': n0, 'mean1': f(m1), 'mean0': f(m0), 'sd1': f(math.sqrt(v1)),
           'sd0': f(math.sqrt(v0))}
    with warnings.catch_warnings():
        warnings.simplefilter('ignore')
        w = stats.ttest_ind(a, b, equal_var=False)
        s = stats.ttest_ind(a, b, equal_var=True)
        se_w = math.sqrt(v1 / n1 + v0 / n0)
        df_w = (v1 / n1 + v0 / n0) ** 2 / ((v1 / n1) ** 2 / (n1 - 1) + (v0 / n0) ** 2 / (n0 - 1)) \
            if se_w > 0 else float('nan')
        df_s = n1 + n0 - 2
        sp2 = ((n1 - 1) * v1 + (n0 - 1) * v0) / df_s
        se_s = math.sqrt(sp2 * (1 / n1 + 1 / n0))
        diff = m1 - m0
        qw = stats.t.ppf(0.975, df_w) if np.isfinite(df_w) else float('nan')
        qs = stats.t.ppf(0.975, df_s)
        # Effect sizes: Cohen's d with the pooled SD; Hedges' g = J d with J = 1 - 3/(4 df - 1);
        # CI of g: g +/- z * J * sqrt((n1+n0)/(n1 n0) + d^2 / (2 (n1+n0))) (normal approximation).
        sp = math.sqrt(sp2)
        d = diff / sp if sp > 0 else float('nan')
        J = 1 - 3 / (4 * df_s - 1)
        g = J * d
        se_g = J * math.sqrt((n1 + n0) / (n1 * n0) + d * d / (2 * (n1 + n0)))
    out['welch'] = {'statistic': f(w.statistic), 'pvalue': f(w.pvalue), 'df': f(df_w),
                    'ci95': [f(diff - qw * se_w), f(diff + qw * se_w)],
                    'log10p': log10p_t(float(w.statistic), df_w)}
    out['student'] = {'statistic': f(s.statistic), 'pvalue': f(s.pvalue), 'df': df_s,
                      'ci95': [f(diff - qs * se_s), f(diff + qs * se_s)],
                      'log10p': log10p_t(float(s.statistic), df_s)}
    out['meanDiff'] = f(diff)
    out['cohensD'] = f(d)
    out['hedgesG'] = f(g)
    out['gCi95'] = [f(g - Z975 * se_g), f(g + Z975 * se_g)]
    return out


# ---------------------------------------------------------------------------------------------
# Mann-Whitney


def mwu(a: np.ndarray, b: np.ndarray) -> dict:
    r = stats.mannwhitneyu(a, b, alternative='two-sided', method='asymptotic')
    # z as SciPy computes it internally (for the mpmath log10p).
    n1, n2 = len(a), len(b)
    ranks = stats.rankdata(np.concatenate([a, b]))
    u1 = ranks[:n1].sum() - n1 * (n1 + 1) / 2
    u = max(u1, n1 * n2 - u1)
    _, t = np.unique(np.concatenate([a, b]), return_counts=True)
    n = n1 + n2
    s = math.sqrt(n1 * n2 / 12 * ((n + 1) - (t ** 3 - t).sum() / (n * (n - 1))))
    z = (u - n1 * n2 / 2 - 0.5) / s
    return {'statistic': f(r.statistic), 'pvalue': f(r.pvalue), 'z': f(z), 'n1': n1, 'n0': n2,
            'log10p': log10p_z2(z)}


# ---------------------------------------------------------------------------------------------
# chi-square


def chi2(x: pd.Series, y: pd.Series) -> dict:
    tab = pd.crosstab(x, y)  # rows: sorted levels; columns: 0 (normal), 1 (anomalous)
    tab = tab.reindex(columns=[0, 1], fill_value=0)
    stat, p, dof, exp = stats.chi2_contingency(tab.values)
    return {'levels': [str(v) for v in tab.index], 'observed': [int(v) for v in tab.values.ravel()],
            'statistic': f(stat), 'pvalue': f(p), 'dof': int(dof),
            'expected': fl(exp.ravel()), 'log10p': log10p_chi2(stat, dof)}


# ---------------------------------------------------------------------------------------------
# logistic regression


def logit(formula: str, data: pd.DataFrame, reference: str | None = None) -> dict:
    out: dict = {'formula': formula}
    caught = []
    try:
        with warnings.catch_warnings(record=True) as wl:
            warnings.simplefilter('always')
            res = smf.logit(formula, data).fit(disp=0)
            caught = [f'{w.category.__name__}: {w.message}' for w in wl]
    except Exception as e:  # PerfectSeparationError, LinAlgError, ...
        out['error'] = f'{type(e).__name__}: {e}'
        out['warnings'] = caught
        return out
    out['warnings'] = caught
    out['converged'] = bool(res.mle_retvals.get('converged', False))
    out['iterations'] = int(res.mle_retvals.get('iterations', -1))
    out['names'] = list(res.params.index)
    out['params'] = fl(res.params.values)
    out['bse'] = fl(res.bse.values)
    out['tvalues'] = fl(res.tvalues.values)
    out['pvalues'] = fl(res.pvalues.values)
    out['log10p'] = [log10p_z2(z) for z in res.tvalues.values]
    ci = res.conf_int().values
    out['ci_lo'] = fl(ci[:, 0])
    out['ci_hi'] = fl(ci[:, 1])
    out['llf'] = f(res.llf)
    out['llnull'] = f(res.llnull)
    out['llr'] = f(res.llr)
    out['llr_pvalue'] = f(res.llr_pvalue)
    out['df_model'] = f(res.df_model)
    out['llr_log10p'] = log10p_chi2(res.llr, res.df_model)
    out['prsquared'] = f(res.prsquared)
    out['nobs'] = int(res.nobs)
    if reference is not None:
        out['reference'] = reference
    return out


def separated_levels(x: pd.Series, y: pd.Series) -> list[str]:
    m = y.groupby(x).mean()
    return [str(k) for k, v in m.items() if v == 0 or v == 1]


def logit_categorical(df: pd.DataFrame, col: str) -> dict:
    counts = df[col].value_counts()
    ref = str(counts.index[0])  # most frequent level
    full = logit(f'y ~ C({col}, Treatment(reference="{ref}"))', df, ref)
    sep = separated_levels(df[col], df['y'])
    full['separated'] = sep
    res = {'full': full}
    if sep:
        sub = df[~df[col].isin(sep)]
        sub_counts = sub[col].value_counts()
        sub_ref = str(sub_counts.index[0])
        res['nonseparated'] = logit(f'y ~ C({col}, Treatment(reference="{sub_ref}"))', sub, sub_ref)
        res['nonseparated']['excluded'] = sep
    return res


# ---------------------------------------------------------------------------------------------


def anova(df: pd.DataFrame, col: str) -> dict:
    counts = df['attack'].value_counts()
    groups = sorted(str(k) for k, v in counts.items() if v >= 2)
    samples = [df.loc[df['attack'] == g, col].values.astype(float) for g in groups]
    r = stats.f_oneway(*samples)
    k = len(groups)
    n = sum(len(s) for s in samples)
    return {'groups': groups, 'minGroupSize': 2, 'statistic': f(r.statistic), 'pvalue': f(r.pvalue),
            'dfBetween': k - 1, 'dfWithin': n - k, 'log10p': log10p_f(r.statistic, k - 1, n - k)}


def adjust(names: list[str], p: list[float]) -> dict:
    keep = [(n, v) for n, v in zip(names, p) if v is not None and np.isfinite(v)]
    pv = np.array([v for _, v in keep])
    return {'names': [n for n, _ in keep], 'p': fl(pv),
            'holm': fl(multipletests(pv, method='holm')[1]),
            'fdr_bh': fl(multipletests(pv, method='fdr_bh')[1])}


def extremes() -> dict:
    """Tail points where SciPy underflows, for the log10p code paths."""
    out = {'chi2': [], 't': [], 'f': [], 'z': []}
    # The large-k points sit where stdlib's gammainc (a Boost port) uses an asymptotic series
    # that is off by up to ~1% (x/2 > 1000 with k/2 near x/2); the JS side must be exact there.
    for x, k in [(1500.0, 1), (40000.0, 69), (3000.0, 10), (800.0, 3), (100.0, 2), (5e5, 200),
                 (2063.25, 2000), (10000.0, 10000), (10424.3, 10000), (2323.79, 600),
                 (2172.95, 300), (2034.62, 200), (1854.17, 100), (2600.0, 2400)]:
        out['chi2'].append({'x': x, 'k': k, 'log10p': log10p_chi2(x, k),
                            'p': f(stats.chi2.sf(x, k))})
    for t, df in [(40.0, 5.0), (150.0, 20000.0), (300.0, 125000.5), (1e4, 3.0), (12.0, 30.0),
                  (60.0, 1e6), (1e160, 2.0), (6.4e279, 1.0), (1.8e64, 5.0), (39.0001, 20000.0),
                  (1.00224, 130000.5)]:
        out['t'].append({'t': t, 'df': df, 'log10p': log10p_t(t, df),
                         'p': f(2 * stats.t.sf(t, df))})
    for F, d1, d2 in [(500.0, 40, 25000), (1e5, 3, 10), (90.0, 1, 2000), (5000.0, 200, 126000),
                      (1e200, 3, 2), (334.452, 10, 1000), (24.0719, 69, 25000)]:
        out['f'].append({'F': F, 'd1': d1, 'd2': d2, 'log10p': log10p_f(F, d1, d2),
                         'p': f(stats.f.sf(F, d1, d2))})
    for z in [5.0, 37.0, 38.5, 100.0, 1000.0]:
        out['z'].append({'z': z, 'log10p': log10p_z2(z), 'p': f(2 * stats.norm.sf(z))})
    return out


def reference(df: pd.DataFrame, fname: str) -> dict:
    anom = df['y'] == 1
    out = {'meta': {'file': fname, 'nRows': int(len(df)), 'nAnomalous': int(anom.sum()),
                    'scipy': scipy.__version__, 'statsmodels': statsmodels.__version__,
                    'pandas': pd.__version__, 'numpy': np.__version__, 'mpmath': mp.__version__}}
    tt = {}
    for col in NUMERIC:
        v = df[col].values.astype(float)
        tt[col] = ttests(v[anom.values], v[~anom.values])
    for col in ['src_bytes', 'dst_bytes']:
        v = np.log1p(df[col].values.astype(float))
        tt['log1p_' + col] = ttests(v[anom.values], v[~anom.values])
    out['ttest'] = tt
    out['anova'] = {'src_bytes_by_attack': anova(df, 'src_bytes')}
    out['mannwhitney'] = {}
    for col in ['src_bytes', 'dst_bytes']:
        v = df[col].values.astype(float)
        out['mannwhitney'][col] = mwu(v[anom.values], v[~anom.values])
    out['chi2'] = {col: chi2(df[col], df['y']) for col in ['protocol_type', 'service', 'flag']}
    out['chi2']['logged_in'] = chi2(df['logged_in'], df['y'])
    out['chi2']['land'] = chi2(df['land'], df['y'])
    lg = {}
    lg['flag'] = logit_categorical(df, 'flag')
    lg['protocol_type'] = logit_categorical(df, 'protocol_type')
    lg['service'] = logit_categorical(df, 'service')
    lg['urgent_pos'] = logit('y ~ I(urgent > 0)', df)
    lg['urgent_pos']['separated'] = separated_levels(df['urgent'] > 0, df['y'])
    lg['urgent'] = logit('y ~ urgent', df)
    lg['count'] = logit('y ~ count', df)
    lg['same_srv_rate'] = logit('y ~ same_srv_rate', df)
    out['logit'] = lg
    names = list(tt.keys())[:len(NUMERIC)]
    out['adjust'] = adjust(names, [tt[n]['welch']['pvalue'] for n in names])
    out['extremes'] = extremes()
    return out


def bench() -> dict:
    """Same work as src/lib/stats/hypo/bench.test.ts: one warm-up, then the median of 5 runs."""
    base = load('KDDTrain+_20Percent.txt')
    df = pd.concat([base] * 5, ignore_index=True)
    anom = (df['y'] == 1).values
    runs: dict[str, list[float]] = {k: [] for k in
                                    ['ttest+anova+mwu', 'chi2x3', 'logit-flag', 'logit-urgent-x2',
                                     'panels', 'everyColumn']}
    for rep in range(6):
        with warnings.catch_warnings():
            warnings.simplefilter('ignore')
            t0 = time.perf_counter()
            for col in ['src_bytes', 'dst_bytes']:
                v = df[col].values.astype(float)
                stats.ttest_ind(v[anom], v[~anom], equal_var=False)
                stats.mannwhitneyu(v[anom], v[~anom], alternative='two-sided', method='asymptotic')
            counts = df['attack'].value_counts()
            groups = [g for g, c in counts.items() if c >= 2]
            sb = df['src_bytes'].values.astype(float)
            stats.f_oneway(*[sb[(df['attack'] == g).values] for g in groups])
            t1 = time.perf_counter()
            for col in ['protocol_type', 'service', 'flag']:
                stats.chi2_contingency(pd.crosstab(df[col], df['y']).values)
            t2 = time.perf_counter()
            ref = df['flag'].value_counts().index[0]
            try:
                smf.logit(f'y ~ C(flag, Treatment(reference="{ref}"))', df).fit(disp=0)
            except Exception:
                pass
            t3 = time.perf_counter()
            for formula in ['y ~ I(urgent > 0)', 'y ~ urgent']:
                try:
                    smf.logit(formula, df).fit(disp=0)
                except Exception:
                    pass
            t4 = time.perf_counter()
            # Every feature vs the label: Welch t for numeric, chi2 for categorical, Holm + BH.
            ps = []
            for col in FEATURES:
                if col in NUMERIC:
                    v = df[col].values.astype(float)
                    ps.append(stats.ttest_ind(v[anom], v[~anom], equal_var=False).pvalue)
                else:
                    ps.append(stats.chi2_contingency(pd.crosstab(df[col], df['y']).values)[1])
            pv = np.array([p for p in ps if np.isfinite(p)])
            multipletests(pv, method='holm')
            multipletests(pv, method='fdr_bh')
            t5 = time.perf_counter()
        if rep == 0:
            continue
        runs['ttest+anova+mwu'].append(t1 - t0)
        runs['chi2x3'].append(t2 - t1)
        runs['logit-flag'].append(t3 - t2)
        runs['logit-urgent-x2'].append(t4 - t3)
        runs['panels'].append(t4 - t0)
        runs['everyColumn'].append(t5 - t4)
    med = {k: round(float(np.median(v)) * 1000, 2) for k, v in runs.items()}
    return {'rows': int(len(df)), 'medianMs': med}


def main() -> None:
    if '--bench' in sys.argv:
        print(json.dumps(bench(), indent=1))
        return
    os.makedirs(OUT, exist_ok=True)
    for fname in FILES:
        df = load(fname)
        ref = reference(df, fname)
        path = os.path.join(OUT, 'hypo-' + fname.replace('.txt', '') + '.json')
        with open(path, 'w') as fh:
            json.dump(ref, fh, indent=None, separators=(',', ':'), allow_nan=False)
            fh.write('\n')
        print(path, os.path.getsize(path), 'bytes')


if __name__ == '__main__':
    main()
