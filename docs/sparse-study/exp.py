import os, sys; sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from seg import *
sets=['mosaic','conveyor','tiles','real-mosaic']
data={s:load(f'{DUMPS}/sparse-{s}.jsonl') for s in sets}

def oracle(f,T):
    # one medoid per all-target cluster (from the full map clustering), rest by fps
    n=len(f['labels']); fixed=fix(f['maps'],np.arange(n)); cl=cluster(fixed,0.25)
    seeds=[]
    for c in range(cl.max()+1):
        mem=np.where(cl==c)[0]
        seeds.append(int(mem[0]))
    seeds=seeds[:T]
    return fps(f['tokens'],T,seeds)

def approx_nearest(f,targets,tau=0.25):
    # every token's map approximated by its nearest target's (token space), full N-map pipeline
    X=f['tokens']; n=len(X)
    fixedT=fix(f['maps'][targets],targets)
    d=((X[:,None,:]-X[targets][None])**2).sum(2)
    near=d.argmin(1)
    fixed=fixedT[near]
    return concept_labels(fixed, cluster(fixed,tau))

def weighted(f,targets,tau=0.25):
    X=f['tokens']
    fixedT=fix(f['maps'][targets],targets)
    d=((X[:,None,:]-X[targets][None])**2).sum(2)
    w=np.bincount(d.argmin(1),minlength=len(targets)).astype(float)
    return concept_labels(fixedT, cluster(fixedT,tau), w)

methods={
 'fps':lambda f,T: segment(f['maps'],fps(f['tokens'],T)),
 'fps_cos':lambda f,T: segment(f['maps'],fps(f['tokens'],T,metric='cos')),
 'kmeans':lambda f,T: segment(f['maps'],kmeans_medoids(f['tokens'],T)),
 'oracle':lambda f,T: segment(f['maps'],oracle(f,T)),
 'fps+nearest':lambda f,T: approx_nearest(f,fps(f['tokens'],T)),
 'kmeans+nearest':lambda f,T: approx_nearest(f,kmeans_medoids(f['tokens'],T)),
 'fps+weights':lambda f,T: weighted(f,fps(f['tokens'],T)),
}
for name,m in methods.items():
    row=[]
    for s in sets:
        for T in (8,16,32):
            row.append(np.mean([ari(m(f,T),f['labels']) for f in data[s]]))
    print(f'{name:16s}',' '.join(f'{v:.3f}' for v in row))
print('columns: per set (mosaic conveyor tiles real) T=8,16,32')
