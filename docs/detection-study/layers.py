"""Tokens of several layers (issue 17): each layer's token channel alone and fused with others.

Run `evaluate --frames-csv` with the shipped model and with copies rebuilt at target layers 2 and
3 (copy models/line-vit, set "targetLayer" in its manifest, `ultraline model rebuild DIR`), each
into its own directory, then:

    python3 docs/detection-study/layers.py CSV_L4 CSV_L2 CSV_L3 NAME...

A channel's score is divided by its own calibrated threshold before scores are added, as the
profile's fusion does.
"""
import sys

from study import auroc, table


def main():
    d4, d2, d3 = sys.argv[1:4]
    cols = ('shipped', 'tok L4', 'tok L2', 'tok L3', 'L4+L2', 'L4+L3', 'L4+L3+L2', 'shipped+L2', 'shipped+L3')
    print('%-14s' % 'set' + ''.join('%11s' % c for c in cols))
    for name in sys.argv[4:]:
        r4, r2, r3 = table(d4, name), table(d2, name), table(d3, name)
        assert [r['image'] for r in r4] == [r['image'] for r in r2] == [r['image'] for r in r3]
        truth = [r['defective'] == '1' for r in r4]

        def tok(rows):
            return [float(r['tokens_only_score']) / float(r['tokens_only_threshold']) for r in rows]

        t4, t2, t3 = tok(r4), tok(r2), tok(r3)
        shipped = [float(r['frame_score']) / float(r['threshold']) for r in r4]
        add = lambda *xs: [sum(v) for v in zip(*xs)]
        figures = [shipped, t4, t2, t3, add(t4, t2), add(t4, t3), add(t4, t3, t2), add(shipped, t2), add(shipped, t3)]
        print('%-14s' % name + ''.join('%11.3f' % auroc(f, truth) for f in figures))


if __name__ == '__main__':
    main()
