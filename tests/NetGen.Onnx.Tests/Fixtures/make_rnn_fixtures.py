"""Builds and exports the recurrent ONNX fixtures that RecurrentImportTests read and check against ONNX Runtime.

Run with Debian's PyTorch 1.13 (python3-torch, python3-onnx), from this folder:

    /usr/bin/python3 make_rnn_fixtures.py

Each model is batch_first=True (what users write), small and seeded, exported in float (one also in double) with a dynamic batch at
opset 13 (as the convolutional fixtures). PyTorch 1.13's exporter writes the glue NetGen reads around each
recurrent operator: Transpose of the input to [time, batch, features], the operator itself (GRU with
linear_before_reset = 1, LSTM with its gates reordered to i, o, f, c), Squeeze of the direction axis and
Transpose back, then Gather (output[:, -1, :]) or Slice + Squeeze for the last step. For each model the script
also writes PyTorch's outputs for 16 seeded random inputs in [-2, 2] (<name>.expected.txt: one sample a line,
the inputs, '|', the outputs, each value in Python's shortest round-trip form).
"""

import torch
import torch.nn as nn

OPSET = 13
STEPS = 5


class GruLast(nn.Module):
    """5x3 -> GRU(3, 4) -> output[:, -1, :] -> Linear(4, 2)."""

    def __init__(self):
        super().__init__()
        self.rnn = nn.GRU(3, 4, batch_first=True)
        self.fc = nn.Linear(4, 2)

    def forward(self, x):
        y, _ = self.rnn(x)
        return self.fc(y[:, -1, :])


class LstmLast(nn.Module):
    """5x3 -> LSTM(3, 4) -> h_n[-1] -> Linear(4, 1) -> Sigmoid."""

    def __init__(self):
        super().__init__()
        self.rnn = nn.LSTM(3, 4, batch_first=True)
        self.fc = nn.Linear(4, 1)

    def forward(self, x):
        _, (h, _) = self.rnn(x)
        return torch.sigmoid(self.fc(h[-1]))


class RnnReluSlice(nn.Module):
    """5x2 -> RNN(2, 3, relu) -> output[:, -1] (a Slice when written as y[:, -1:, :].squeeze(1)) -> Linear(3, 2) -> Tanh."""

    def __init__(self):
        super().__init__()
        self.rnn = nn.RNN(2, 3, nonlinearity="relu", batch_first=True)
        self.fc = nn.Linear(3, 2)

    def forward(self, x):
        y, _ = self.rnn(x)
        return torch.tanh(self.fc(y[:, -1:, :].squeeze(1)))


class LstmSequence(nn.Module):
    """5x3 -> LSTM(3, 4) -> every step -> Linear(4, 2) per step -> output [N, 5, 2]."""

    def __init__(self):
        super().__init__()
        self.rnn = nn.LSTM(3, 4, batch_first=True)
        self.fc = nn.Linear(4, 2)

    def forward(self, x):
        y, _ = self.rnn(x)
        return self.fc(y)


class GruStacked(nn.Module):
    """5x2 -> GRU(2, 3) -> RNN(3, 3, tanh) -> last step -> Linear(3, 1)."""

    def __init__(self):
        super().__init__()
        self.first = nn.GRU(2, 3, batch_first=True)
        self.second = nn.RNN(3, 3, batch_first=True)
        self.fc = nn.Linear(3, 1)

    def forward(self, x):
        y, _ = self.first(x)
        y, _ = self.second(y)
        return self.fc(y[:, -1, :])


def write_expected(m, shape, path, seed, dtype):
    g = torch.Generator().manual_seed(seed)
    with open(path, "w") as f:
        for _ in range(16):
            x = (torch.rand(1, *shape, generator=g, dtype=torch.float64) * 4 - 2).to(dtype)
            with torch.no_grad():
                y = m(x)
            values = lambda t: " ".join(repr(v) for v in t.flatten().tolist())
            f.write(values(x) + " | " + values(y) + "\n")


def export(model, features, name, seed, dtype=torch.float32):
    torch.manual_seed(seed)
    m = model().to(dtype).eval()
    shape = (STEPS, features)
    write_expected(m, shape, name + ".expected.txt", seed + 100, dtype)
    x = torch.randn(1, *shape, dtype=dtype)
    torch.onnx.export(
        m, x, name + ".onnx", opset_version=OPSET,
        input_names=["input"], output_names=["output"],
        dynamic_axes={"input": {0: "N"}, "output": {0: "N"}})


if __name__ == "__main__":
    export(GruLast, 3, "gru_last", seed=21)
    export(LstmLast, 3, "lstm_last", seed=22)
    export(RnnReluSlice, 2, "rnn_relu_slice", seed=23)
    export(LstmSequence, 3, "lstm_sequence", seed=24)
    export(GruStacked, 2, "gru_stacked", seed=25)
    # Double: ONNX Runtime 1.31.1 cannot run double GRU or LSTM, so this one is checked against PyTorch's outputs only.
    export(LstmSequence, 3, "lstm_sequence_double", seed=26, dtype=torch.float64)
