"""Offline study of sparse targets (issue 21) on the maps that `bench sparse --dump` writes.

A Python copy of UltraSegmenter (self-entry fix, cosine + average linkage cut at tau, concept maps
min-max normalised to [0, 5], argmax labels); it reproduces the Java labels at ARI 0.99 on the
mosaic set (check.py). Dumps are read from $SPARSE_DUMPS (default /tmp) as sparse-SET.jsonl.
"""
import os
DUMPS = os.environ.get('SPARSE_DUMPS', '/tmp')
import json, numpy as np, sys
from scipy.cluster.hierarchy import linkage, fcluster
from scipy.spatial.distance import pdist

def load(path):
    out=[]
    for line in open(path):
        d=json.loads(line)
        g=d['grid']; n=g*g
        d['tokens']=np.array(d['tokens'],dtype=np.float64).reshape(n,-1)
        d['maps']=np.array(d['maps'],dtype=np.float64)
        d['scores']=np.array(d['scores'])
        d['labels']=np.array(d['labels'])
        d['parts']=None if d['parts'] is None else np.array(d['parts'])
        out.append(d)
    return out

def fix(maps, targets):
    m=maps.copy()
    for k,t in enumerate(targets):
        m[k,t]=0; m[k,t]=max(0,m[k].max())
    return m

def cluster(fixed, tau, k=None):
    if len(fixed)==1: return np.zeros(1,dtype=int)
    d=pdist(fixed,'cosine'); d=np.nan_to_num(d, nan=1.0)
    Z=linkage(d,'average')
    if k: return fcluster(Z,k,'maxclust')-1
    return fcluster(Z,tau,'distance')-1

def concept_labels(fixed, cl, weights=None):
    K=cl.max()+1
    w=np.ones(len(fixed)) if weights is None else weights
    M=np.zeros((K,fixed.shape[1]))
    for k in range(len(fixed)): M[cl[k]]+=w[k]*fixed[k]
    mn=M.min(1,keepdims=True); mx=M.max(1,keepdims=True); r=mx-mn
    M=np.where(r>0,(M-mn)/np.where(r>0,r,1)*5,0)
    return M.argmax(0)

def segment(maps, targets, tau=0.25, k=None, weights=None):
    f=fix(maps[targets], targets)
    return concept_labels(f, cluster(f,tau,k), weights)

def ari(a,b):
    from scipy.special import comb
    a=np.asarray(a); b=np.asarray(b)
    ua,ia=np.unique(a,return_inverse=True); ub,ib=np.unique(b,return_inverse=True)
    C=np.zeros((len(ua),len(ub))); np.add.at(C,(ia,ib),1)
    n=len(a)
    idx=comb(C,2).sum(); r=comb(C.sum(1),2).sum(); c=comb(C.sum(0),2).sum()
    exp=r*c/comb(n,2); mx=(r+c)/2
    return 1.0 if mx==exp else (idx-exp)/(mx-exp)

def fps(X, t, seeds=(), metric='euclid'):
    n=len(X)
    if metric=='cos':
        Xn=X/np.linalg.norm(X,axis=1,keepdims=True)
        D=lambda i: 1-Xn@Xn[i]
    else:
        D=lambda i: ((X-X[i])**2).sum(1)
    chosen=list(seeds)
    if not chosen:
        chosen=[int(((X-X.mean(0))**2).sum(1).argmin())]
    near=np.full(n,np.inf)
    for c in chosen: near=np.minimum(near,D(c))
    while len(chosen)<t:
        near2=near.copy(); near2[chosen]=-1
        c=int(near2.argmax()); chosen.append(c); near=np.minimum(near,D(c))
    return np.array(sorted(chosen[:t]))

def kmeans_medoids(X, t, seed=0, iters=30):
    rng=np.random.default_rng(seed)
    # kmeans++ init
    n=len(X); C=[X[rng.integers(n)]]
    for _ in range(1,t):
        d=np.min([((X-c)**2).sum(1) for c in C],axis=0)
        C.append(X[rng.choice(n,p=d/d.sum())] if d.sum()>0 else X[rng.integers(n)])
    C=np.array(C)
    for _ in range(iters):
        lab=((X[:,None,:]-C[None])**2).sum(2).argmin(1)
        for j in range(t):
            if (lab==j).any(): C[j]=X[lab==j].mean(0)
    chosen=[]
    for j in range(t):
        d=((X-C[j])**2).sum(1)
        for i in np.argsort(d):
            if i not in chosen: chosen.append(int(i)); break
    return np.array(sorted(chosen))
