import os, sys; sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from seg import *
sets=['mosaic','conveyor','tiles','real-mosaic']
data={s:load(f'{DUMPS}/sparse-{s}.jsonl') for s in sets}
def run(label, ref_fn, sp_fn):
    row=[]
    for s in sets:
        for T in (8,16):
            row.append(np.mean([ari(sp_fn(f,T),ref_fn(f)) for f in data[s]]))
    print(f'{label:34s}',' '.join(f'{v:.3f}' for v in row))
N=64
ref25=lambda f: f['labels']
for ts in (0.1,0.15,0.2):
    run(f'ref tau.25, sparse tau {ts}', ref25, lambda f,T,ts=ts: segment(f['maps'],fps(f['tokens'],T),tau=ts))
for tau in (0.4,0.55):
    run(f'both tau {tau}', lambda f,tau=tau: segment(f['maps'],np.arange(N),tau=tau), lambda f,T,tau=tau: segment(f['maps'],fps(f['tokens'],T),tau=tau))
for k in (2,3,4):
    run(f'both fixed K={k}', lambda f,k=k: segment(f['maps'],np.arange(N),k=k), lambda f,T,k=k: segment(f['maps'],fps(f['tokens'],T),k=k))
