"""Shared helpers of the detection studies: AUROC, and the per-frame tables they read."""
import csv
import os


def auroc(scores, truth):
    """Mann-Whitney AUROC, ties counting one half."""
    pos = [s for s, t in zip(scores, truth) if t]
    neg = [s for s, t in zip(scores, truth) if not t]
    wins = sum((p > n) + 0.5 * (p == n) for p in pos for n in neg)
    return wins / (len(pos) * len(neg))


def table(csv_dir, name):
    """The rows of CSV_DIR/NAME.csv, an `evaluate --frames-csv` table."""
    return list(csv.DictReader(open(os.path.join(csv_dir, name + '.csv'))))
