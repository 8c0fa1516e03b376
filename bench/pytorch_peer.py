#!/usr/bin/env python3
"""The PyTorch peer of `runner bench`: the same VGG16 (configuration D, optional batch normalization after every
convolution, the given dense widths, one sigmoid unit for 2 classes or a softmax), the same input shape and batch,
Adam, FP32, channels_last, on in-memory batches. Prints JSON with the same keys as `runner bench --format json` for
the rates, the time to the first finished iteration (counted, like the runner's, from the start of the process:
the interpreter's start and `import torch` included) and the peak resident memory.

Not a project dependency: run it with Debian's python3-torch (`apt-get install python3-torch`, /usr/bin/python3).
"""
import argparse
import json
import os
import resource
import statistics
import time

import torch
import torch.nn as nn

BLOCKS = [[64, 64], [128, 128], [256, 256, 256], [512, 512, 512], [512, 512, 512]]


def vgg16(height, width, channels, dense, batch_norm, outputs):
    layers, depth = [], channels
    for block in BLOCKS:
        for width_out in block:
            layers.append(nn.Conv2d(depth, width_out, 3, padding=1))
            if batch_norm:
                layers.append(nn.BatchNorm2d(width_out))
            layers.append(nn.ReLU(inplace=True))
            depth = width_out
        layers.append(nn.MaxPool2d(2))
    features = depth * (height // 32) * (width // 32)
    head = [nn.Flatten()]
    for units in dense:
        head += [nn.Linear(features, units), nn.ReLU(inplace=True)]
        features = units
    head.append(nn.Linear(features, outputs))
    return nn.Sequential(*layers, *head)


def median_seconds(step, warmup, iterations):
    times = []
    for i in range(warmup + iterations):
        start = time.perf_counter()
        step()
        if i >= warmup:
            times.append(time.perf_counter() - start)
    return statistics.median(times)


def seconds_since_process_start():
    """Wall time since this process started (Linux /proc): what a user waits from the command to now."""
    with open("/proc/self/stat") as stat:
        # Field 22, starttime, in clock ticks after boot; the command name (field 2) may hold spaces.
        start_ticks = int(stat.read().rsplit(")", 1)[1].split()[19])
    return time.clock_gettime(time.CLOCK_BOOTTIME) - start_ticks / os.sysconf("SC_CLK_TCK")


def peak_resident_bytes():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shape", type=int, nargs=3, default=[64, 64, 3], metavar=("H", "W", "C"))
    parser.add_argument("--dense", type=int, nargs="+", default=[100, 100])
    parser.add_argument("--batch-norm", action="store_true")
    parser.add_argument("--classes", type=int, default=2)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--iterations", type=int, default=10)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()

    started = time.perf_counter()
    torch.set_num_threads(args.threads)
    torch.manual_seed(42)
    height, width, channels = args.shape
    outputs = 1 if args.classes == 2 else args.classes
    model = vgg16(height, width, channels, args.dense, args.batch_norm, outputs).to(memory_format=torch.channels_last)
    loss_fn = nn.BCEWithLogitsLoss() if outputs == 1 else nn.CrossEntropyLoss()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-4)
    images = torch.rand(args.batch, channels, height, width).to(memory_format=torch.channels_last)
    labels = (torch.randint(0, 2, (args.batch, 1)).float() if outputs == 1
              else torch.randint(0, args.classes, (args.batch,)))

    def train_step():
        optimizer.zero_grad(set_to_none=True)
        loss_fn(model(images), labels).backward()
        optimizer.step()

    model.train()
    train_step()
    first_iteration_after_import = time.perf_counter() - started
    first_iteration = seconds_since_process_start()
    train = median_seconds(train_step, args.warmup, args.iterations)
    model.eval()
    with torch.no_grad():
        inference = median_seconds(lambda: model(images), args.warmup, args.iterations)
    print(json.dumps({
        "framework": "pytorch " + torch.__version__,
        "input_shape": args.shape, "dense": args.dense, "batch_norm": args.batch_norm, "batch_size": args.batch,
        "threads": torch.get_num_threads(),
        "train_images_per_second": args.batch / train,
        "inference_images_per_second": args.batch / inference,
        "seconds_to_first_iteration": first_iteration,
        "seconds_to_first_iteration_after_import": first_iteration_after_import,
        "peak_resident_bytes": peak_resident_bytes(),
    }, indent=2))


if __name__ == "__main__":
    main()
