import os, sys; sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from seg import *
# Does the labelling rule make the all-target reference fragile? Concept maps as the plain mean of
# their members' maps (no min-max normalisation): mIoU of the reference against the parts, and the
# ARI of representatives (T = 8, 16) against that reference.
sets=['mosaic','conveyor','tiles','real-mosaic']
def labels_mean(fixed, cl):
    K=cl.max()+1; M=np.zeros((K,fixed.shape[1]))
    for k in range(len(fixed)): M[cl[k]]+=fixed[k]/np.sum(cl==cl[k])
    return M.argmax(0)
def seg_mean(maps, targets, tau=0.25):
    f=fix(maps[targets],targets); return labels_mean(f, cluster(f,tau))
def miou(labels, f):
    g=f['grid']; w=f['width']; h=f['height']; parts=f['parts']
    ys=(np.arange(h)*g//h); xs=(np.arange(w)*g//w)
    pix=labels.reshape(g,g)[ys][:,xs].ravel()
    P=np.unique(parts); L=np.unique(pix)
    from scipy.optimize import linear_sum_assignment
    iou=np.array([[np.sum((pix==l)&(parts==p))/np.sum((pix==l)|(parts==p)) for p in P] for l in L])
    r,c=linear_sum_assignment(-iou); return iou[r,c].sum()/len(P)
for s in sets:
    fr=load(f'{DUMPS}/sparse-{s}.jsonl'); n=len(fr[0]['labels'])
    ref=[seg_mean(f['maps'],np.arange(n)) for f in fr]
    m_ref=np.mean([miou(r,f) for r,f in zip(ref,fr)])
    m_java=np.mean([miou(f['labels'],f) for f in fr])
    a=[np.mean([ari(seg_mean(f['maps'],fps(f['tokens'],T)),r) for r,f in zip(ref,fr)]) for T in (8,16)]
    print(f'{s:12s} mIoU min-max {m_java:.3f}  mean-maps {m_ref:.3f}  ARI T=8 {a[0]:.3f} T=16 {a[1]:.3f}')
