import os, sys; sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from seg import *
sets=['mosaic','conveyor','tiles','real-mosaic']
rng=np.random.default_rng(0)
for s in sets:
    fr=load(f'{DUMPS}/sparse-{s}.jsonl'); n=len(fr[0]['labels'])
    row=[]
    for T in (n-1,n-4,n-8,48,32):
        v=[]
        for f in fr:
            for rep in range(3):
                tg=np.sort(rng.choice(n,T,replace=False))
                v.append(ari(segment(f['maps'],tg),f['labels']))
        row.append(np.mean(v))
    # tiny noise on maps: 1e-3 relative
    v=[]
    for f in fr:
        m=f['maps']*(1+1e-3*rng.standard_normal(f['maps'].shape))
        v.append(ari(segment(m,np.arange(n)),f['labels']))
    print(s, 'random T=63,60,56,48,32:', ' '.join(f'{x:.3f}' for x in row), ' 0.1% map noise:', f'{np.mean(v):.3f}')
