"""Builds and exports the convolutional ONNX fixtures that ConvImportTests compile and check against ONNX Runtime.

Run with Debian's PyTorch 1.13 (python3-torch, python3-onnx), from this folder:

    /usr/bin/python3 make_conv_fixtures.py

The models are small (unrolled generated code stays small) and deterministic (seeded weights, and seeded
BatchNorm statistics far from the identity, so that folding is really exercised). Each model is written in
double (the *_double.onnx files, compared to 1e-12, or 1e-10 where BatchNormalization is folded) and in
float (compared to 1e-5). PyTorch's exporter writes what users' models hold: Conv with explicit pads,
BatchNormalization after Conv, MaxPool/AveragePool with ceil_mode 0 and zero pads (AvgPool1d behind a Pad of
zeros), GlobalAveragePool for AdaptiveAvgPool1d(1), Flatten, a constant Reshape for x.view(-1, K), and
Shape/Gather/Unsqueeze/Concat glue for x.view(x.size(0), -1) with a dynamic batch.

Two facts of PyTorch 1.13's exporter shape the script: in eval mode it folds BatchNormalization into the Conv
itself, so that model is exported with training=PRESERVE (still in eval mode) to keep the
BatchNormalization node for NetGen to fold (its constants stay Constant nodes); and it cannot export padding='same' with a dilation
(aten::_convolution_mode), so that layer says padding=2, the same pads. auto_pad SAME_UPPER/SAME_LOWER,
which PyTorch never writes, are covered by hand-built models in ConvImportTests.

ONNX Runtime 1.31.1 has no double kernel for Conv ("Could not find an implementation for Conv(11)"), so for
each double model the script also writes PyTorch's own double outputs for 16 seeded random inputs in
[-2, 2] (<name>_double.expected.txt: one sample a line, the inputs, '|', the outputs, each value in Python's
shortest round-trip form); the tests compare the compiled double network with those.
"""

import torch
import torch.nn as nn
import torch.nn.functional as F

OPSET = 13


def seeded_batchnorm(bn, seed):
    g = torch.Generator().manual_seed(seed)
    n = bn.num_features
    with torch.no_grad():
        bn.weight.copy_(torch.rand(n, generator=g) * 1.5 + 0.25)
        bn.bias.copy_(torch.randn(n, generator=g) * 0.5)
        bn.running_mean.copy_(torch.randn(n, generator=g) * 0.5)
        bn.running_var.copy_(torch.rand(n, generator=g) * 2.0 + 0.2)
    bn.eps = 1e-3


class ConvBnReluMaxPool(nn.Module):
    """1x6x6 -> Conv2d(1, 2, 3) -> BatchNorm2d -> ReLU -> MaxPool2d(2) -> Flatten -> Linear(8, 3)."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 2, 3)
        self.bn = nn.BatchNorm2d(2)
        self.pool = nn.MaxPool2d(2)
        self.flatten = nn.Flatten()
        self.fc = nn.Linear(8, 3)
        seeded_batchnorm(self.bn, 11)

    def forward(self, x):
        return self.fc(self.flatten(self.pool(torch.relu(self.bn(self.conv(x))))))


class Conv1dAvgPoolGap(nn.Module):
    """2x10 -> Conv1d(2, 3, 3) -> Tanh -> AvgPool1d(2) -> AdaptiveAvgPool1d(1) -> flatten -> Linear(3, 2) -> Softmax."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv1d(2, 3, 3)
        self.pool = nn.AvgPool1d(2)
        self.gap = nn.AdaptiveAvgPool1d(1)
        self.fc = nn.Linear(3, 2)

    def forward(self, x):
        x = self.gap(self.pool(torch.tanh(self.conv(x))))
        return torch.softmax(self.fc(torch.flatten(x, 1)), dim=1)


class SameStrideDilation(nn.Module):
    """1x6x6 -> Conv2d(1, 2, 3, dilation=2, padding=2: 'same') -> ReLU -> Conv2d(2, 2, 3, stride=2, padding=1)
    -> Sigmoid -> x.view(x.size(0), -1) -> Linear(18, 2)."""

    def __init__(self):
        super().__init__()
        self.same = nn.Conv2d(1, 2, 3, padding=2, dilation=2)
        self.strided = nn.Conv2d(2, 2, 3, stride=2, padding=1)
        self.fc = nn.Linear(18, 2)

    def forward(self, x):
        x = torch.sigmoid(self.strided(torch.relu(self.same(x))))
        return self.fc(x.view(x.size(0), -1))


class PoolThenRelu(nn.Module):
    """PyTorch's MNIST example shape: 1x8x8 -> relu(max_pool2d(Conv2d(1, 2, 3), 2)) -> x.view(-1, 18) -> Linear(18, 2)."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 2, 3)
        self.fc = nn.Linear(18, 2)

    def forward(self, x):
        x = F.relu(F.max_pool2d(self.conv(x), 2))
        return self.fc(x.view(-1, 18))


def write_expected(m, shape, path, seed):
    g = torch.Generator().manual_seed(seed)
    with open(path, "w") as f:
        for _ in range(16):
            x = torch.rand(1, *shape, generator=g, dtype=torch.float64) * 4 - 2
            with torch.no_grad():
                y = m(x)
            values = lambda t: " ".join(repr(v) for v in t.flatten().tolist())
            f.write(values(x) + " | " + values(y) + "\n")


def export(model, shape, name, dynamic_batch=True, seed=0, keep_batchnorm=False):
    for dtype, suffix in ((torch.float64, "_double"), (torch.float32, "")):
        torch.manual_seed(seed)
        m = model().to(dtype).eval()
        x = torch.randn(1, *shape, dtype=dtype)
        if dtype == torch.float64:
            write_expected(m, shape, name + suffix + ".expected.txt", seed + 100)
        torch.onnx.export(
            m, x, name + suffix + ".onnx", opset_version=OPSET,
            training=torch.onnx.TrainingMode.PRESERVE if keep_batchnorm else torch.onnx.TrainingMode.EVAL,
            input_names=["input"], output_names=["output"],
            dynamic_axes={"input": {0: "N"}, "output": {0: "N"}} if dynamic_batch else None)


if __name__ == "__main__":
    export(ConvBnReluMaxPool, (1, 6, 6), "conv2d_bn_relu_maxpool", seed=1, keep_batchnorm=True)
    export(Conv1dAvgPoolGap, (2, 10), "conv1d_avgpool_gap", seed=2)
    export(SameStrideDilation, (1, 6, 6), "conv_same_stride_dilation", seed=3)
    export(PoolThenRelu, (1, 8, 8), "pool_then_relu", dynamic_batch=False, seed=4)
