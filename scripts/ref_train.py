#!/usr/bin/env python3
"""PyTorch reference for the autoencoder benchmark (run by `npm run bench` when Debian's
python3-torch is installed; never by the tests).

Trains the seed architecture (Dense 64 relu, Dropout 0.2, 32 relu, 10 relu, 32 relu,
Dropout 0.2, 64 relu, n sigmoid; Adam 1e-3; MSE) on the normal rows of a header-less NSL-KDD
training file, with the app's preprocessing rules (src/lib/ml/preprocess.ts: one-hot of the
training categories, log1p for heavy-tailed non-negative columns, min-max to [0, 1] on the
training rows, clipped, constant columns dropped), and scores a test file after every epoch.

Prints one JSON line: samples/s, total time, per-epoch wall time and ROC-AUC, and the time
at which the AUC first reached the goal (time-to-quality).

    /usr/bin/python3 scripts/ref_train.py TRAIN.txt TEST.txt [--epochs 20] [--batch 32] [--goal 0.96]
"""
import argparse
import json
import os
import time

import numpy as np
import pandas as pd
import torch
from sklearn.metrics import roc_auc_score

HERE = os.path.dirname(os.path.abspath(__file__))
FIELDS = os.path.join(HERE, '..', '..', 'shared', 'datasets', 'nsl-kdd', 'field-names.csv')


def read(path):
    names = [line.split(',')[0] for line in open(FIELDS).read().strip().split('\n')][:41]
    return pd.read_csv(path, header=None, names=names + ['attack', 'level'])


def fit_spec(df):
    spec = []
    for col in df.columns:
        if col in ('attack', 'level'):
            continue
        s = df[col]
        if s.dtype == object:
            spec.append((col, 'cat', sorted(s.dropna().unique().tolist())))
            continue
        v = s.astype(float)
        lo, hi = v.min(), v.max()
        if lo == hi:
            continue  # constant on the training rows: dropped
        log = lo >= 0 and (hi > 100 or (hi > 1 and v.skew() > 2))
        if log:
            v = np.log1p(v)
        spec.append((col, 'num', (log, float(v.min()), float(v.max()))))
    return spec


def apply_spec(spec, df):
    blocks = []
    for col, kind, info in spec:
        if kind == 'cat':
            values = df[col].to_numpy()
            block = np.zeros((len(df), len(info)), dtype=np.float32)
            index = {c: i for i, c in enumerate(info)}
            for r, v in enumerate(values):
                j = index.get(v)
                if j is not None:
                    block[r, j] = 1.0
            blocks.append(block)
        else:
            log, lo, hi = info
            v = df[col].astype(float).to_numpy()
            if log:
                v = np.log1p(v)
            blocks.append(np.clip((v - lo) / (hi - lo), 0, 1).astype(np.float32)[:, None])
    return np.concatenate(blocks, axis=1)


def model(n):
    return torch.nn.Sequential(
        torch.nn.Linear(n, 64), torch.nn.ReLU(), torch.nn.Dropout(0.2),
        torch.nn.Linear(64, 32), torch.nn.ReLU(),
        torch.nn.Linear(32, 10), torch.nn.ReLU(),
        torch.nn.Linear(10, 32), torch.nn.ReLU(), torch.nn.Dropout(0.2),
        torch.nn.Linear(32, 64), torch.nn.ReLU(),
        torch.nn.Linear(64, n), torch.nn.Sigmoid(),
    )


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('train')
    ap.add_argument('test')
    ap.add_argument('--epochs', type=int, default=20)
    ap.add_argument('--batch', type=int, default=32)
    ap.add_argument('--lr', type=float, default=1e-3)
    ap.add_argument('--goal', type=float, default=0.96)
    ap.add_argument('--seed', type=int, default=42)
    a = ap.parse_args()
    torch.manual_seed(a.seed)
    np.random.seed(a.seed)

    train_df = read(a.train)
    test_df = read(a.test)
    normal = train_df[train_df['attack'] == 'normal']
    spec = fit_spec(normal)
    x = torch.from_numpy(apply_spec(spec, normal))
    xt = torch.from_numpy(apply_spec(spec, test_df))
    yt = (test_df['attack'] != 'normal').to_numpy().astype(int)

    net = model(x.shape[1])
    opt = torch.optim.Adam(net.parameters(), lr=a.lr)
    loss_fn = torch.nn.MSELoss()
    epochs = []
    reached = None
    t_start = time.perf_counter()
    train_s = 0.0
    for epoch in range(a.epochs):
        t0 = time.perf_counter()
        net.train()
        perm = torch.randperm(x.shape[0])
        total = 0.0
        for i in range(0, x.shape[0], a.batch):
            xb = x[perm[i:i + a.batch]]
            opt.zero_grad()
            loss = loss_fn(net(xb), xb)
            loss.backward()
            opt.step()
            total += loss.item() * xb.shape[0]
        train_s += time.perf_counter() - t0
        net.eval()
        with torch.no_grad():
            mse = ((net(xt) - xt) ** 2).mean(dim=1).numpy()
        auc = float(roc_auc_score(yt, mse))
        wall = time.perf_counter() - t_start
        epochs.append({'epoch': epoch + 1, 'loss': total / x.shape[0], 'auc': auc, 'wallMs': wall * 1000})
        if reached is None and auc >= a.goal:
            reached = wall * 1000
    # Scoring reference: per-row MSE of every row of the training file, as the app scores it.
    xa = torch.from_numpy(apply_spec(spec, train_df))
    net.eval()
    score_ms = []
    for _ in range(3):
        t0 = time.perf_counter()
        with torch.no_grad():
            ((net(xa) - xa) ** 2).mean(dim=1).numpy()
        score_ms.append((time.perf_counter() - t0) * 1000)
    print(json.dumps({
        'scoreRows': int(xa.shape[0]), 'scoreMs': sorted(score_ms)[1],
        'rows': int(x.shape[0]), 'features': int(x.shape[1]), 'epochs': a.epochs, 'batch': a.batch,
        'threads': torch.get_num_threads(),
        'trainMs': train_s * 1000, 'samplesPerSec': x.shape[0] * a.epochs / train_s,
        'finalAuc': epochs[-1]['auc'], 'timeToGoalMs': reached, 'goal': a.goal, 'perEpoch': epochs,
    }))


if __name__ == '__main__':
    main()
