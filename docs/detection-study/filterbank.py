"""A network-free filter-bank channel for issue 17, measured against the shipped scores.

Each frame's luminance goes through oriented line detectors (second derivative of an elongated
Gaussian, 8 orientations, widths 1 and 2 px) and two difference-of-Gaussians blob detectors; the
absolute responses, with local means of luminance and two opponent colours (radii 4 and 8 px),
are averaged over P x P patches at stride P/2 and standardised by the calibration frames. A
patch's score is its distance to the nearest calibration patch (exact, on up to 12000 of them),
a frame's the highest. The channel is normalised by the highest score of the last quarter of the
calibration frames against a bank of the first three quarters (as DetectionStudy does), the
shipped score by its calibrated threshold, and "fused" is their mean.

    python3 docs/detection-study/filterbank.py CSV_DIR DATASET_DIR... [--patch 16]

CSV_DIR holds `evaluate --frames-csv` tables named after the datasets (NAME.csv).
"""
import argparse
import glob
import os

import numpy as np

from pngread import read_png
from study import auroc, table


def kernels():
    n = 31
    c = n // 2
    yy, xx = np.mgrid[-c:c + 1, -c:c + 1].astype(float)
    ks = []
    for s in (1.0, 2.0):
        for t in np.arange(8) * np.pi / 8:
            u = xx * np.cos(t) + yy * np.sin(t)
            v = -xx * np.sin(t) + yy * np.cos(t)
            g = np.exp(-(u * u) / (2 * (3 * s) ** 2) - (v * v) / (2 * s * s))
            k = g * (v * v / s ** 4 - 1 / s ** 2)
            k -= k.mean()
            ks.append(k / np.abs(k).sum())
    for s in (1.5, 3.0):
        g1 = np.exp(-(xx * xx + yy * yy) / (2 * s * s))
        g2 = np.exp(-(xx * xx + yy * yy) / (2 * (1.6 * s) ** 2))
        k = g1 / g1.sum() - g2 / g2.sum()
        ks.append(k / np.abs(k).sum())
    return ks


KERNELS = kernels()


def convolve(img, k):
    h, w = img.shape
    c = k.shape[0] // 2
    p = np.pad(img, c, mode='reflect')
    r = np.fft.irfft2(np.fft.rfft2(p) * np.fft.rfft2(k, s=p.shape), s=p.shape)
    return r[2 * c:2 * c + h, 2 * c:2 * c + w]


def box(img, r):
    return convolve(img, np.ones((2 * r + 1, 2 * r + 1)) / (2 * r + 1) ** 2)


def features(path, patch):
    im = read_png(path).astype(float) / 255
    lum = im.mean(2)
    a = im[..., 0] - im[..., 1]
    b = (im[..., 0] + im[..., 1]) / 2 - im[..., 2]
    maps = [np.abs(convolve(lum, k)) for k in KERNELS]
    maps += [box(lum, 4), box(a, 4), box(b, 4), box(lum, 8), box(a, 8), box(b, 8)]
    m = np.stack(maps, -1)
    h, w, _ = m.shape
    step = patch // 2
    return np.array([m[y:y + patch, x:x + patch].mean((0, 1))
                     for y in range(0, h - patch + 1, step) for x in range(0, w - patch + 1, step)])


def nearest(q, bank):
    d = (q * q).sum(1)[:, None] + (bank * bank).sum(1)[None, :] - 2 * q @ bank.T
    return np.sqrt(np.maximum(d.min(1), 0))


def bank_of(feats, mu, sd, rng):
    bank = (np.concatenate(feats) - mu) / sd
    return bank[rng.choice(len(bank), 12000, replace=False)] if len(bank) > 12000 else bank


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('csv_dir')
    ap.add_argument('datasets', nargs='+')
    ap.add_argument('--patch', type=int, default=16)
    args = ap.parse_args()
    print('%-14s %9s %9s %9s' % ('set', 'shipped', 'filters', 'fused'))
    for root in args.datasets:
        name = os.path.basename(root.rstrip('/'))
        rows = table(args.csv_dir, name)
        cal = [features(p, args.patch) for p in sorted(glob.glob(root + '/calibration/*.png'))]
        mu = np.concatenate(cal).mean(0)
        sd = np.concatenate(cal).std(0) + 1e-6
        rng = np.random.default_rng(0)
        fit = len(cal) * 3 // 4
        held = bank_of(cal[:fit], mu, sd, rng)
        norm = max(nearest((f - mu) / sd, held).max() for f in cal[fit:])
        bank = bank_of(cal, mu, sd, rng)
        truth = [r['defective'] == '1' for r in rows]
        shipped = [float(r['frame_score']) / float(r['threshold']) for r in rows]
        filt = [nearest((features(os.path.join(root, 'test', r['image']), args.patch) - mu) / sd, bank).max() / norm
                for r in rows]
        fused = [(s + f) / 2 for s, f in zip(shipped, filt)]
        print('%-14s %9.3f %9.3f %9.3f' % (name, auroc(shipped, truth), auroc(filt, truth), auroc(fused, truth)),
              flush=True)


if __name__ == '__main__':
    main()
