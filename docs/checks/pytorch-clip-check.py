# The numbers GradientClippingTests pins: NetGen's trainer with ClipGradientNorm against PyTorch's
# torch.nn.utils.clip_grad_norm_ between loss.backward() and optimizer.step().
# Run with Debian's python3-torch: /usr/bin/python3 docs/checks/pytorch-clip-check.py
# Network: "3-4-2" sigmoid, loss 1/2 sum (t - o)^2 per row, the trainer's mean over the mini-batch.
# Parameters p_k = 0.5 sin(k + 1) in nn.Linear order; 6 rows, mini-batches of 3 in order (no shuffling), 4 epochs.
import torch, math
torch.set_default_dtype(torch.float64)

X = torch.tensor([[math.cos(0.7 * (3 * r + c)) * 2 for c in range(3)] for r in range(6)])
Y = torch.tensor([[(r % 2), 1 - (r % 2) * 0.5] for r in range(6)], dtype=torch.float64)

def run(make_optimizer, max_norm, epochs=4, weight_decay=0.0):
    l1, l2 = torch.nn.Linear(3, 4), torch.nn.Linear(4, 2)
    flat = [l1.weight, l1.bias, l2.weight, l2.bias]
    k = 0
    with torch.no_grad():
        for t in flat:
            n = t.numel()
            t.copy_(torch.tensor([0.5 * math.sin(j + 1) for j in range(k, k + n)]).reshape(t.shape))
            k += n
    opt = make_optimizer(flat, weight_decay)
    norms = []
    for _ in range(epochs):
        for first in range(0, 6, 3):
            x, y = X[first:first + 3], Y[first:first + 3]
            opt.zero_grad()
            o = torch.sigmoid(l2(torch.sigmoid(l1(x))))
            loss = (0.5 * ((y - o) ** 2).sum(dim=1)).mean()
            loss.backward()
            norms.append(torch.nn.utils.clip_grad_norm_(flat, max_norm).item())
            opt.step()
    return torch.cat([t.detach().flatten() for t in flat]).tolist(), norms

cases = {
    "sgd": (lambda p, wd: torch.optim.SGD(p, lr=0.5, weight_decay=wd), 0.05, 0.0),
    "sgd_decay": (lambda p, wd: torch.optim.SGD(p, lr=0.5, weight_decay=wd), 0.05, 0.1),
    "momentum": (lambda p, wd: torch.optim.SGD(p, lr=0.5, momentum=0.9, weight_decay=wd), 0.02, 0.0),
    "adam": (lambda p, wd: torch.optim.Adam(p, lr=0.01, weight_decay=wd), 0.05, 0.0),
    "sgd_unclipped": (lambda p, wd: torch.optim.SGD(p, lr=0.5, weight_decay=wd), 1000.0, 0.0),
}
for name, (make, max_norm, wd) in cases.items():
    params, norms = run(make, max_norm, weight_decay=wd)
    print(name, "norms", ", ".join(f"{v:.17g}" for v in norms[:2]))
    print(name, "params", ", ".join(f"{v:.17g}" for v in params))

# The float twin: "3-4-2" tanh with a softmax output and cross-entropy (-sum t log o per row), float32 throughout,
# Adam(0.01), max_norm 0.05, the same rows with one-hot targets [1 - r mod 2, r mod 2].
torch.set_default_dtype(torch.float32)
Xf, Yf = X.float(), torch.tensor([[1 - r % 2, r % 2] for r in range(6)], dtype=torch.float32)
l1, l2 = torch.nn.Linear(3, 4), torch.nn.Linear(4, 2)
flat = [l1.weight, l1.bias, l2.weight, l2.bias]
k = 0
with torch.no_grad():
    for t in flat:
        n = t.numel()
        t.copy_(torch.tensor([0.5 * math.sin(j + 1) for j in range(k, k + n)], dtype=torch.float64).float().reshape(t.shape))
        k += n
opt = torch.optim.Adam(flat, lr=0.01)
norms = []
for _ in range(4):
    for first in range(0, 6, 3):
        x, y = Xf[first:first + 3], Yf[first:first + 3]
        opt.zero_grad()
        o = torch.softmax(l2(torch.tanh(l1(x))), dim=1)
        loss = (-(y * torch.log(o)).sum(dim=1)).mean()
        loss.backward()
        norms.append(torch.nn.utils.clip_grad_norm_(flat, 0.05).item())
        opt.step()
print("float_adam norms", ", ".join(f"{v:.9g}" for v in norms[:2]))
print("float_adam params", ", ".join(f"{v:.9g}" for v in torch.cat([t.detach().flatten() for t in flat]).tolist()))
