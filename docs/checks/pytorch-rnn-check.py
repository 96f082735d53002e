# NetGen's recurrent layers against PyTorch autograd: run with /usr/bin/python3 (Debian's python3-torch).
# Each network's parameters are one flat vector in NetGen's parameter order, parameter k = 0.5 sin(k + 1), loaded
# into torch.nn.GRU / LSTM / RNN and nn.Linear without reshuffling (weight_ih_l0, weight_hh_l0, bias_ih_l0, bias_hh_l0,
# then the dense layer's weight and bias); input value k = cos(0.7 k), [time, features] row-major. The printed
# outputs, losses and gradients are pinned by tests/NetGen.Tests/Recurrent/PyTorchRecurrentCheckTests.cs.
import math
import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)


def inputs(steps, features):
    return torch.tensor([math.cos(k * 0.7) for k in range(steps * features)]).reshape(1, steps, features)


class Flat:
    """The flat parameter vector: modules take their parameters from it in order (copied in, PyTorch's own layout),
    and the gradient is gathered back in the same order."""

    def __init__(self, n):
        self.values = [math.sin(k + 1) * 0.5 for k in range(n)]
        self.at = 0
        self.parameters = []

    def take(self, *shape):
        n = math.prod(shape)
        t = torch.tensor(self.values[self.at:self.at + n]).reshape(shape).requires_grad_()
        self.at += n
        self.parameters.append(t)
        return t

    def load(self, module):
        with torch.no_grad():
            for _, param in module.named_parameters():
                n = param.numel()
                param.copy_(torch.tensor(self.values[self.at:self.at + n]).reshape(param.shape))
                self.at += n
        self.parameters.extend(module.parameters())
        return module

    def gradient(self):
        return [v for t in self.parameters for v in t.grad.flatten().tolist()]


def recurrent(kind, flat_, x, hidden, nonlinearity="tanh"):
    features = x.shape[2]
    if kind == "gru":
        m = torch.nn.GRU(features, hidden, batch_first=True)
    elif kind == "lstm":
        m = torch.nn.LSTM(features, hidden, batch_first=True)
    else:
        m = torch.nn.RNN(features, hidden, batch_first=True, nonlinearity=nonlinearity)
    y, _ = flat_.load(m)(x)  # zero initial state
    return y


def report(name, out, loss, flat_):
    assert flat_.at == len(flat_.values)
    loss.backward()
    print(name, "out", ", ".join(f"{v:.17g}" for v in out.flatten().tolist()))
    print(name, "loss", f"{loss.item():.17g}")
    print(name, "grad", ", ".join(f"{v:.17g}" for v in flat_.gradient()))


# G: "3x2 - gru2 - 1:identity", half squared error, target 0.5.
p = Flat(39)
h = recurrent("gru", p, inputs(3, 2), 2)
z = F.linear(h[:, -1, :], p.take(1, 2), p.take(1))
report("G", z, 0.5 * ((torch.tensor([[0.5]]) - z) ** 2).sum(), p)

# L: "3x2 - lstm2(return=sequence) - 2:softmax", cross-entropy, a per-step softmax; targets (0.2, 0.8), (0.6, 0.4), (1, 0).
p = Flat(54)
h = recurrent("lstm", p, inputs(3, 2), 2)
out = F.softmax(F.linear(h, p.take(2, 2), p.take(2)), dim=2)
t = torch.tensor([[[0.2, 0.8], [0.6, 0.4], [1.0, 0.0]]])
report("L", out, -(t * torch.log(out)).sum(), p)

# R: "4x2 - rnn3:relu - rnn2(return=sequence) - flatten - 1", mean squared error, target -0.25.
p = Flat(44)
h = recurrent("rnn", p, inputs(4, 2), 3, "relu")
h = recurrent("rnn", p, h, 2)
z = F.linear(h.flatten(1), p.take(1, 8), p.take(1))
report("R", z, ((torch.tensor([[-0.25]]) - z) ** 2).mean(), p)
