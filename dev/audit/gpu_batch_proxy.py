"""Proxy measurement for docs/audit.md: does a ViT-shaped float32 forward pass on a GPU give the same
bits run to run, and does a frame's result depend on its batch companions? PyTorch and cuBLAS, not
TensorFlow (the build machine has no TensorFlow GPU library): a hint at what a GPU does, not a
measurement of the pipeline. Run: python3 dev/audit/gpu_batch_proxy.py  (and again with
CUBLAS_WORKSPACE_CONFIG=:4096:8 and torch.use_deterministic_algorithms(True))."""
import torch

torch.backends.cuda.matmul.allow_tf32 = False
torch.backends.cudnn.allow_tf32 = False
F = torch.nn.functional


def vit(d, heads, n, depth, device):
    g = torch.Generator().manual_seed(0)
    weights = [[(torch.randn(i, o, generator=g) / i ** .5).to(device)
                for i, o in [(d, 3 * d), (d, d), (d, 4 * d), (4 * d, d)]] for _ in range(depth)]

    def forward(x):
        b = x.shape[0]
        for qkv, proj, fc1, fc2 in weights:
            h = F.layer_norm(x, (d,))
            q, k, v = (h @ qkv).view(b, n, 3, heads, d // heads).permute(2, 0, 3, 1, 4)
            att = torch.softmax(q @ k.transpose(-1, -2) / (d // heads) ** .5, -1)
            x = x + (att @ v).transpose(1, 2).reshape(b, n, d) @ proj
            x = x + F.gelu(F.layer_norm(x, (d,)) @ fc1) @ fc2
        return x
    return forward


for d, heads, n, depth in [(96, 3, 64, 6), (768, 12, 196, 12)]:
    x = torch.randn(8, n, d, generator=torch.Generator().manual_seed(1))
    cpu, gpu, xg = vit(d, heads, n, depth, 'cpu'), vit(d, heads, n, depth, 'cuda'), x.cuda()
    with torch.no_grad():
        a, b, alone, five, c = gpu(xg), gpu(xg), gpu(xg[1:2]), gpu(xg[:5]), cpu(x)
    print(f"D={d} N={n} L={depth}: run-to-run equal {torch.equal(a, b)}; "
          f"alone vs batch8 maxdiff {(alone[0] - a[1]).abs().max().item():.3g}; "
          f"batch5 vs batch8 {(five[1] - a[1]).abs().max().item():.3g}; "
          f"gpu vs cpu {(a.cpu() - c).abs().max().item():.3g}; max|x| {a.abs().max().item():.3g}", flush=True)
