import os, sys; sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from seg import *
sets=['mosaic','conveyor','tiles','real-mosaic']
data={s:load(f'{DUMPS}/sparse-{s}.jsonl') for s in sets}
N=64
f=data['mosaic'][0]; M=fix(f['maps'],np.arange(N))
print('symmetry corr', np.corrcoef(M.ravel(), M.T.ravel())[0,1])
def nys(f,targets,sym=True, col_known=False):
    M=f['maps']
    R=M[targets]            # T x N rows known
    C=M[:,targets] if col_known else R.T   # N x T
    W=M[np.ix_(targets,targets)]
    A=C@np.linalg.pinv(W,rcond=1e-3)@R
    A[targets]=R
    A=np.maximum(A,0)
    return segment(A,np.arange(N))
def colsim(f,targets):
    # each token's map: its known entries at targets (symmetry) -> cosine-nearest target map blend
    M=f['maps']; R=fix(M[targets],targets); C=R.T.copy()  # N x T: approx map_j[t]
    C=C/np.maximum(np.linalg.norm(C,axis=1,keepdims=True),1e-12)
    Rn=R[:,targets]; Rn=Rn/np.maximum(np.linalg.norm(Rn,axis=1,keepdims=True),1e-12)
    near=(C@Rn.T).argmax(1)
    A=R[near]; A[targets]=R
    return concept_labels(A, cluster(A,0.25))
for name,fn in [('nys sym',lambda f,T: nys(f,fps(f['tokens'],T))),('nys true cols',lambda f,T: nys(f,fps(f['tokens'],T),col_known=True)),('colsim',lambda f,T: colsim(f,fps(f['tokens'],T)))]:
    row=[]
    for s in sets:
        for T in (8,16):
            row.append(np.mean([ari(fn(f,T),f['labels']) for f in data[s]]))
    print(f'{name:16s}',' '.join(f'{v:.3f}' for v in row))
