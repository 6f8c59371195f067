#!/usr/bin/env python3
"""The PyTorch reference for `npm run bench`: trains the same DCGAN with the same step as GAN Studio's
DcganTrainer (see dcgan_torch_model.py) on the CPU with a chosen number of threads, and prints one JSON line
(the EngineResult shape of bench/bench-result.ts) on stdout. Progress goes to stderr.

    /usr/bin/python3 bench/dcgan_torch.py --threads 1 --image-size 32 --batch 64 --warmup 3 --steps 20 [--augment]
"""

import argparse
import json
import os
import platform
import resource
import sys
import time


def parse_args():
    parser = argparse.ArgumentParser(description="PyTorch DCGAN training speed, the reference for npm run bench")
    parser.add_argument("--threads", type=int, default=1, help="torch.set_num_threads")
    parser.add_argument("--image-size", type=int, default=32, choices=[32, 64, 128])
    parser.add_argument("--latent-size", type=int, default=64)
    parser.add_argument("--generator-width", type=int, default=32)
    parser.add_argument("--discriminator-width", type=int, default=32)
    parser.add_argument("--max-channels", type=int, default=256)
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--warmup", type=int, default=3, help="untimed steps first")
    parser.add_argument("--steps", type=int, default=10, help="timed steps")
    parser.add_argument("--augment", action="store_true", help="DiffAugment on everything D sees")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    for name in ("threads", "batch", "steps", "latent_size", "generator_width", "discriminator_width"):
        if getattr(args, name) < 1:
            parser.error(f"--{name.replace('_', '-')} must be at least 1")
    if args.warmup < 0:
        parser.error("--warmup must be at least 0")
    return args


def pin_threads(threads):
    """Must run before torch is imported: OpenBLAS reads its thread count from the environment once, on load.
    torch parallelises with its own OpenMP threads around its BLAS calls, so an OpenBLAS that starts threads of
    its own only competes with them for the cores (measured here: 2 torch threads ran DCGAN-32 at ~210 img/s
    with OpenBLAS at 2 threads, ~590 with it at 1). MKL notices it is inside a parallel region by itself."""
    os.environ["OMP_NUM_THREADS"] = str(threads)
    os.environ["MKL_NUM_THREADS"] = str(threads)
    os.environ["OPENBLAS_NUM_THREADS"] = "1"


def blas_in_use(torch):
    """Which BLAS the process loaded: it decides the speed of PyTorch's transposed convs on the CPU, which run
    as im2col plus a BLAS matrix product (slow_conv_transpose2d) in PyTorch 1.13. Judged by the library that
    provides the BLAS symbols, not by any library with "blas" in its path: with the reference libblas put first
    (--torch-blas), Debian still loads LAPACK from OpenBLAS's folder."""
    with open("/proc/self/maps") as maps:
        paths = {line.split()[-1] for line in maps if "/" in line}
    providers = sorted(
        path
        for path in paths
        if os.path.basename(path).startswith(("libblas.so", "libopenblas", "libmkl_rt", "libblis"))
    )
    for path in providers:
        for kind in ("openblas", "mkl", "blis"):
            if kind in path.lower():
                return kind, path
        if "/blas/" in path:
            # Debian's libblas3: the netlib reference implementation, unoptimised.
            return "reference", path
    if "Math Kernel Library" in torch.__config__.show():
        return "mkl", "linked into torch"
    return "unknown", ", ".join(providers) or "none loaded"


def machine_busy_seconds():
    """CPU-seconds all cores have spent not idle since boot (user nice system irq softirq steal), from /proc/stat."""
    with open("/proc/stat") as stat:
        fields = [int(value) for value in stat.readline().split()[1:9]]
    user, nice, system, _idle, _iowait, irq, softirq, steal = fields
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


class ContentionWindow:
    """Cores' worth of CPU other processes use while it is open, as bench/cpu-contention.ts measures it."""

    def __init__(self):
        self.machine = machine_busy_seconds()
        self.own = time.process_time()  # every thread of this process
        self.started = time.perf_counter()

    def other_cores(self):
        others = machine_busy_seconds() - self.machine - (time.process_time() - self.own)
        return max(0.0, round(others / (time.perf_counter() - self.started), 2))


def rss_mb():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return round(int(line.split()[1]) / 1024, 1)
    return None


def main():
    args = parse_args()
    pin_threads(args.threads)
    import torch  # only now: see pin_threads

    from dcgan_torch_model import Trainer

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    rss_start = rss_mb()
    trainer = Trainer(args)

    step_ms = []
    losses = (float("nan"), float("nan"))
    total = args.warmup + args.steps
    contention = ContentionWindow()
    for step in range(total):
        if step == args.warmup:
            contention = ContentionWindow()  # the window covers exactly the timed steps
        started = time.perf_counter()
        losses = trainer.step(step)
        ms = (time.perf_counter() - started) * 1000
        if step >= args.warmup:
            step_ms.append(ms)
        phase = "warm-up" if step < args.warmup else "timed"
        label = f"torch {args.threads}t dcgan{args.image_size}"
        print(f"  {label} step {step + 1}/{total} ({phase}) {ms:.0f} ms", file=sys.stderr)
    other_cores = contention.other_cores()
    rss_end = rss_mb()

    ordered = sorted(step_ms)
    middle = len(ordered) // 2
    median = ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2
    blas, blas_library = blas_in_use(torch)
    usage = resource.getrusage(resource.RUSAGE_SELF)
    trainable = lambda module: sum(p.numel() for p in module.parameters() if p.requires_grad)  # noqa: E731
    result = {
        "engine": "torch",
        "model": f"dcgan{args.image_size}",
        "step": "diffaugment" if args.augment else "plain",
        "batch": args.batch,
        "threads": torch.get_num_threads(),
        "warmupSteps": args.warmup,
        "timedSteps": args.steps,
        "imgPerSec": args.batch * args.steps / (sum(step_ms) / 1000),
        "stepMs": {"median": round(median, 1), "min": round(ordered[0], 1), "max": round(ordered[-1], 1)},
        "rssStartMB": rss_start,
        "rssEndMB": rss_end,
        # ru_maxrss is in KiB on Linux: the process's high-water mark, imports included.
        "rssPeakMB": round(usage.ru_maxrss / 1024, 1),
        "lastLosses": {"d": round(losses[0], 3), "g": round(losses[1], 3)},
        "params": {"generator": trainable(trainer.G), "discriminator": trainable(trainer.D)},
        "versions": {"torch": torch.__version__, "python": platform.python_version(), "blasLibrary": blas_library},
        "blas": blas,
        "otherCores": other_cores,
    }
    print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
