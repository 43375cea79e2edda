#!/usr/bin/env python3
"""Compare the synthetic sample data set with the real NSL-KDD files, side by side.

    /usr/bin/python3 scripts/check-sample.py [--real DIR] [--ae]

Reads public/datasets/nsl-kdd-sample.csv (+ -test.csv) and the real, header-less
KDDTrain+_20Percent.txt / KDDTest+.txt from DIR (default ../shared/datasets/nsl-kdd,
relative to the project root). Prints class balance, top protocol/service/flag per class,
medians/means of key numeric columns, correlations, and the statistics the notebook
computes (chi-square, Welch t-test). With --ae (needs scikit-learn) also trains a small
autoencoder on normal rows and reports ROC-AUC for both data sets.

A development aid only: not run by the tests, reads the real files, writes nothing.
"""
import argparse
import os
import sys

import numpy as np
import pandas as pd

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CAT = ['protocol_type', 'service', 'flag']
FAMILY = {
    'neptune': 'DoS', 'smurf': 'DoS', 'back': 'DoS', 'teardrop': 'DoS', 'pod': 'DoS', 'land': 'DoS',
    'apache2': 'DoS', 'processtable': 'DoS', 'mailbomb': 'DoS', 'udpstorm': 'DoS',
    'satan': 'Probe', 'ipsweep': 'Probe', 'portsweep': 'Probe', 'nmap': 'Probe', 'mscan': 'Probe',
    'saint': 'Probe',
    'warezclient': 'R2L', 'guess_passwd': 'R2L', 'ftp_write': 'R2L', 'imap': 'R2L', 'phf': 'R2L',
    'multihop': 'R2L', 'warezmaster': 'R2L', 'spy': 'R2L', 'snmpguess': 'R2L',
    'snmpgetattack': 'R2L', 'httptunnel': 'R2L', 'named': 'R2L', 'sendmail': 'R2L',
    'xlock': 'R2L', 'xsnoop': 'R2L', 'worm': 'R2L',
    'buffer_overflow': 'U2R', 'rootkit': 'U2R', 'loadmodule': 'U2R', 'perl': 'U2R',
    'ps': 'U2R', 'xterm': 'U2R', 'sqlattack': 'U2R',
}
KEY_NUM = ['duration', 'src_bytes', 'dst_bytes', 'hot', 'logged_in', 'count', 'srv_count',
           'serror_rate', 'rerror_rate', 'same_srv_rate', 'diff_srv_rate', 'dst_host_count',
           'dst_host_srv_count', 'dst_host_same_srv_rate', 'dst_host_serror_rate',
           'dst_host_rerror_rate']
CORR_PAIRS = [
    ('serror_rate', 'srv_serror_rate'), ('serror_rate', 'dst_host_serror_rate'),
    ('dst_host_serror_rate', 'dst_host_srv_serror_rate'), ('rerror_rate', 'srv_rerror_rate'),
    ('rerror_rate', 'dst_host_rerror_rate'), ('srv_rerror_rate', 'dst_host_srv_rerror_rate'),
    ('dst_host_srv_count', 'dst_host_same_srv_rate'), ('same_srv_rate', 'dst_host_same_srv_rate'),
    ('serror_rate', 'same_srv_rate'), ('count', 'same_srv_rate'), ('hot', 'is_guest_login'),
    ('logged_in', 'dst_host_srv_count'), ('num_compromised', 'num_root'),
    ('count', 'srv_count'), ('src_bytes', 'dst_bytes'),
]


def load(real_dir):
    names = [l.split(',')[0] for l in open(os.path.join(real_dir, 'field-names.csv')).read().split('\n') if l]
    names = names[:41] + ['attack', 'last_flag']
    real = pd.read_csv(os.path.join(real_dir, 'KDDTrain+_20Percent.txt'), header=None, names=names)
    real_t = pd.read_csv(os.path.join(real_dir, 'KDDTest+.txt'), header=None, names=names)
    d = os.path.join(ROOT, 'public', 'datasets')
    syn = pd.read_csv(os.path.join(d, 'nsl-kdd-sample.csv'))
    syn_t = pd.read_csv(os.path.join(d, 'nsl-kdd-sample-test.csv'))
    assert list(syn.columns) == names, 'header differs from the Kaggle layout'
    return syn, real, syn_t, real_t


def title(s):
    print('\n' + '=' * 100 + '\n' + s + '\n' + '=' * 100)


def side(a, b, la='synthetic', lb='real'):
    t = pd.concat([a.rename(la), b.rename(lb)], axis=1)
    print(t.to_string(float_format=lambda x: '%.4g' % x))


def top(s, k=4):
    v = s.value_counts(normalize=True).head(k)
    return ' '.join('%s %.0f%%' % (i, 100 * x) for i, x in v.items())


def sanity(df, name):
    issues = []
    rates = [c for c in df.columns if c.endswith('_rate')]
    if ((df[rates] < 0) | (df[rates] > 1)).any().any():
        issues.append('rate outside [0,1]')
    if (df[['count', 'srv_count']].max() > 511).any() or (df[['count', 'srv_count']].min() < 0).any():
        issues.append('count outside 0..511')
    if (df[['dst_host_count', 'dst_host_srv_count']].max() > 255).any():
        issues.append('dst_host counts > 255')
    if df['num_outbound_cmds'].nunique() != 1:
        issues.append('num_outbound_cmds not constant')
    if df['last_flag'].min() < 0 or df['last_flag'].max() > 21:
        issues.append('last_flag outside 0..21')
    print('%-10s rows=%d  urgent>0: %d  land=1: %d  num_outbound_cmds unique: %s  last_flag %d..%d  %s' % (
        name, len(df), (df.urgent > 0).sum(), (df.land == 1).sum(), sorted(df.num_outbound_cmds.unique()),
        df.last_flag.min(), df.last_flag.max(), 'OK' if not issues else 'PROBLEMS: ' + ', '.join(issues)))


def balance(syn, real):
    title('Class balance')
    side(pd.Series({'rows': len(syn), 'normal share': (syn.attack == 'normal').mean(),
                    'classes': syn.attack.nunique()}),
         pd.Series({'rows': len(real), 'normal share': (real.attack == 'normal').mean(),
                    'classes': real.attack.nunique()}))
    fam = lambda df: df.attack.map(lambda a: 'normal' if a == 'normal' else FAMILY.get(a, '?')).value_counts(normalize=True)
    print()
    side(fam(syn), fam(real))
    print()
    side(syn.attack.value_counts(normalize=True), real.attack.value_counts(normalize=True))


def categorical(syn, real, classes):
    title('Top protocol / service / flag per class (synthetic | real)')
    for a in classes:
        s, r = syn[syn.attack == a], real[real.attack == a]
        if len(s) == 0 or len(r) == 0:
            continue
        print('-- %s (n=%d | %d)' % (a, len(s), len(r)))
        for c in CAT:
            print('   %-13s %-45s | %s' % (c, top(s[c]), top(r[c])))
    for label, f in (('all', lambda d: d), ('normal', lambda d: d[d.attack == 'normal'])):
        print('-- services, %s rows: %d distinct | %d distinct' % (label, f(syn).service.nunique(), f(real).service.nunique()))


def numeric(syn, real):
    title('Key numeric columns: median / mean / share of zeros, normal vs attack')
    rows = []
    for grp in ('normal', 'attack'):
        fs = (syn.attack == 'normal') if grp == 'normal' else (syn.attack != 'normal')
        fr = (real.attack == 'normal') if grp == 'normal' else (real.attack != 'normal')
        for c in KEY_NUM:
            s, r = syn.loc[fs, c], real.loc[fr, c]
            rows.append((grp, c, s.median(), r.median(), s.mean(), r.mean(), (s == 0).mean(), (r == 0).mean()))
    t = pd.DataFrame(rows, columns=['group', 'column', 'med syn', 'med real', 'mean syn', 'mean real', 'zero syn', 'zero real'])
    print(t.to_string(index=False, float_format=lambda x: '%.4g' % x))
    print()
    print('per-class medians of src_bytes / dst_bytes / count / duration (synthetic | real):')
    for a in ['normal', 'neptune', 'smurf', 'satan', 'ipsweep', 'portsweep', 'nmap', 'back', 'teardrop', 'warezclient', 'pod']:
        s, r = syn[syn.attack == a], real[real.attack == a]
        f = lambda d: '%8.0f %8.0f %5.0f %6.0f' % (d.src_bytes.median(), d.dst_bytes.median(), d['count'].median(), d.duration.mean())
        print('   %-12s %s | %s' % (a, f(s), f(r)))
    print()
    print('difficulty level (last_flag) mean/median: normal %.1f/%.0f | %.1f/%.0f   attack %.1f/%.0f | %.1f/%.0f' % (
        syn[syn.attack == 'normal'].last_flag.mean(), syn[syn.attack == 'normal'].last_flag.median(),
        real[real.attack == 'normal'].last_flag.mean(), real[real.attack == 'normal'].last_flag.median(),
        syn[syn.attack != 'normal'].last_flag.mean(), syn[syn.attack != 'normal'].last_flag.median(),
        real[real.attack != 'normal'].last_flag.mean(), real[real.attack != 'normal'].last_flag.median()))


def correlations(syn, real):
    title('Pearson correlations (synthetic | real)')
    for a, b in CORR_PAIRS:
        print('   %-26s ~ %-26s %6.3f | %6.3f' % (a, b, syn[a].corr(syn[b]), real[a].corr(real[b])))


def tests(syn, real):
    try:
        from scipy import stats
    except ImportError:
        print('(scipy not available: skipping tests)')
        return
    title('Statistics the notebook computes (synthetic | real)')
    for c in ('protocol_type', 'service', 'flag'):
        out = []
        for df in (syn, real):
            tab = pd.crosstab(df[c], df.attack != 'normal')
            chi2, p, dof, _ = stats.chi2_contingency(tab)
            n = tab.values.sum()
            v = np.sqrt(chi2 / (n * (min(tab.shape) - 1)))
            out.append('chi2=%9.1f dof=%2d p=%.1e V=%.2f' % (chi2, dof, p, v))
        print('   %-14s vs anomaly: %s | %s' % (c, out[0], out[1]))
    for c in ('src_bytes', 'dst_bytes', 'duration', 'count', 'same_srv_rate'):
        out = []
        for df in (syn, real):
            x, y = df.loc[df.attack == 'normal', c], df.loc[df.attack != 'normal', c]
            t, p = stats.ttest_ind(x, y, equal_var=False)
            tl, pl = stats.ttest_ind(np.log1p(x), np.log1p(y), equal_var=False)
            out.append('t=%7.2f p=%.1e (log1p: t=%6.1f)' % (t, p, tl))
        print('   Welch %-13s normal vs attack: %s | %s' % (c, out[0], out[1]))


def ae(syn, real, syn_t, real_t):
    try:
        from sklearn.neural_network import MLPRegressor
        from sklearn.metrics import roc_auc_score
    except ImportError:
        print('(scikit-learn not available: skipping --ae)')
        return
    import warnings
    warnings.filterwarnings('ignore')
    title('Autoencoder (sklearn MLP 32-8-32 fit on <= 6,000 normal rows of one half): ROC-AUC of reconstruction error')
    print('   preprocessing as in src/lib/ml/preprocess.ts: one-hot; log1p where min >= 0 and (max > 100 or')
    print('   max > 1 and skew > 2); min-max on the training rows; constant columns dropped')

    def run(train, test_sets, log, seed=0):
        rs = np.random.RandomState(seed)
        idx = rs.permutation(len(train))
        fit_part, hold = train.iloc[idx[: len(train) // 2]], train.iloc[idx[len(train) // 2:]]
        norm = fit_part[fit_part.attack == 'normal'].iloc[:6000]
        num = [c for c in train.columns if c not in CAT + ['attack', 'last_flag'] and norm[c].nunique() > 1]
        logc = [c for c in num if norm[c].min() >= 0 and (norm[c].max() > 100 or (norm[c].max() > 1 and norm[c].skew() > 2))]

        def enc(df, cols=None):
            X = df[num].astype(float).copy()
            if log:
                for c in logc:
                    X[c] = np.log1p(X[c].clip(lower=0))
            D = pd.get_dummies(df[CAT].astype(str)).astype(float)
            if cols is not None:
                D = D.reindex(columns=cols, fill_value=0.0)
            return pd.concat([X, D], axis=1)

        Xn = enc(norm)
        cols = [c for c in Xn.columns if c not in num]
        lo, hi = Xn.min(), Xn.max()
        span = (hi - lo).replace(0, 1)
        f = lambda X: ((X - lo) / span).clip(0, 1).values
        m = MLPRegressor(hidden_layer_sizes=(32, 8, 32), max_iter=80, random_state=seed)
        m.fit(f(Xn), f(Xn))
        out = []
        for d in [hold] + test_sets:
            X = f(enc(d, cols))
            err = ((m.predict(X) - X) ** 2).mean(1)
            out.append(roc_auc_score((d.attack != 'normal').astype(int), err))
        return out

    for log in (True, False):
        s = run(syn, [syn_t], log)
        r = run(real, [real_t], log)
        print('   %-16s held-out half of train file %.3f | %.3f    test file %.3f | %.3f' % (
            'log1p+minmax' if log else 'minmax only', s[0], r[0], s[1], r[1]))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--real', default=os.path.join(ROOT, '..', 'shared', 'datasets', 'nsl-kdd'))
    ap.add_argument('--ae', action='store_true')
    a = ap.parse_args()
    syn, real, syn_t, real_t = load(a.real)
    pd.set_option('display.width', 200)
    title('Sanity')
    sanity(syn, 'synthetic')
    sanity(real, 'real')
    sanity(syn_t, 'syn test')
    sanity(real_t, 'real test')
    balance(syn, real)
    categorical(syn, real, ['normal', 'neptune', 'smurf', 'satan', 'ipsweep', 'portsweep', 'nmap',
                            'back', 'teardrop', 'warezclient', 'pod', 'guess_passwd'])
    numeric(syn, real)
    correlations(syn, real)
    tests(syn, real)
    title('Test files: class balance (synthetic test | KDDTest+)')
    print('normal share %.3f | %.3f; classes absent from the train file: %s | %s' % (
        (syn_t.attack == 'normal').mean(), (real_t.attack == 'normal').mean(),
        sorted(set(syn_t.attack) - set(syn.attack)), sorted(set(real_t.attack) - set(real.attack))))
    side(syn_t.attack.value_counts(normalize=True).head(20), real_t.attack.value_counts(normalize=True).head(20))
    if a.ae:
        ae(syn, real, syn_t, real_t)
    return 0


if __name__ == '__main__':
    sys.exit(main())
