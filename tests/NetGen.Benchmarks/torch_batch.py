"""PyTorch + OpenBLAS on one thread, the batched workloads of BatchBenchmarks (issue 15).

Setup (Debian 12, as root; see docs/benchmarks.md):
    apt-get install -y python3-torch libopenblas0-pthread
Run:
    OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 /usr/bin/python3 tests/NetGen.Benchmarks/torch_batch.py

Same networks (sigmoid layers, 1/2 squared error summed over outputs, mean over the batch, plain SGD), same
sizes: an epoch of 16 mini-batches of 32 rows, one full-batch step on 512 rows, a forward pass of 512 rows.
Prints the median of 15 timed rounds (after warm-up) in microseconds per operation.
"""
import statistics
import time

import torch

torch.set_num_threads(1)
ROWS, MINI = 512, 32


def network(sizes, dtype):
    layers = []
    for fan_in, width in zip(sizes, sizes[1:]):
        layers += [torch.nn.Linear(fan_in, width).to(dtype), torch.nn.Sigmoid()]
    return torch.nn.Sequential(*layers)


def measure(fn, repeat):
    for _ in range(3):
        fn()
    rounds = []
    for _ in range(15):
        start = time.perf_counter()
        for _ in range(repeat):
            fn()
        rounds.append((time.perf_counter() - start) / repeat * 1e6)
    return statistics.median(rounds)


def main():
    print(f"torch {torch.__version__}, threads {torch.get_num_threads()}, {torch.__config__.parallel_info().splitlines()[0]}")
    for topology in ("64-32-10", "784-128-10"):
        sizes = [int(s) for s in topology.split("-")]
        for dtype in (torch.float64, torch.float32):
            torch.manual_seed(0)
            net = network(sizes, dtype)
            x = torch.rand(ROWS, sizes[0], dtype=dtype)
            t = torch.rand(ROWS, sizes[-1], dtype=dtype)
            opt = torch.optim.SGD(net.parameters(), lr=0.01)

            def step(xb, tb):
                opt.zero_grad(set_to_none=False)
                loss = 0.5 * ((net(xb) - tb) ** 2).sum() / xb.shape[0]
                loss.backward()
                opt.step()
                return loss

            def epoch():
                for first in range(0, ROWS, MINI):
                    step(x[first:first + MINI], t[first:first + MINI])

            def full():
                step(x, t)

            def forward():
                with torch.no_grad():
                    net(x)

            repeat = 20 if sizes[0] > 100 else 100
            name = "double" if dtype == torch.float64 else "float"
            print(f"{topology} {name}: mini-batch epoch {measure(epoch, repeat // 4 or 1):9.1f} us, "
                  f"full-batch step {measure(full, repeat):9.1f} us, forward 512 {measure(forward, repeat):9.1f} us")


if __name__ == "__main__":
    main()
