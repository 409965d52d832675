"""Side-by-side figures of two or more `evaluate --json` runs over the same datasets.

    python3 docs/detection-study/compare.py [--keys image_auroc,recall] DIR_A DIR_B ...

Each DIR holds the JSON reports named after the datasets (NAME.json), as `evaluate --json
DIR/NAME.json` writes them; a dataset missing from any DIR is left out. Cells read A / B / ...
"""
import argparse
import glob
import json
import os

KEYS = 'image_auroc,tokens_only_image_auroc,pixel_auroc,recall,region_iou'


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('dirs', nargs='+')
    ap.add_argument('--keys', default=KEYS)
    args = ap.parse_args()
    keys = args.keys.split(',')
    names = sorted(os.path.basename(p)[:-5] for p in glob.glob(os.path.join(args.dirs[0], '*.json')))
    names = [n for n in names if all(os.path.exists(os.path.join(d, n + '.json')) for d in args.dirs)]
    print('| surface | ' + ' | '.join(k.replace('_', ' ') for k in keys) + ' |')
    print('|---' * (len(keys) + 1) + '|')
    for n in names:
        reports = [json.load(open(os.path.join(d, n + '.json'))) for d in args.dirs]
        cells = [' / '.join('%.3f' % r[k] for r in reports) for k in keys]
        print('| %s | %s |' % (n, ' | '.join(cells)))


if __name__ == '__main__':
    main()
