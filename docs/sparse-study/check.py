import os, sys; sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from seg import *
fr=load(DUMPS + '/sparse-mosaic.jsonl')
n=fr[0]['grid']**2
a=[ari(segment(f['maps'],np.arange(n)),f['labels']) for f in fr]
print('python all vs java all', np.mean(a), np.min(a))
for T in (8,16):
    r=[ari(segment(f['maps'],fps(f['tokens'],T)),f['labels']) for f in fr]
    print('fps euclid',T,np.mean(r))
