#!/usr/bin/env bash
# For users with an NVIDIA GPU: builds the CUDA jar (the `cuda` profile: CUDA 11.6, cuDNN 8.3) and benchmarks the
# paper's VGG16 (experiments/vgg16.yaml: 224x224x3, dense [4096, 4096], batch 32) on one GPU. Paste the whole
# output into an issue; the project's own machines have no GPU.
#
#   bench/gpu.sh [runner bench options, e.g. --set training.batch_size=64]
#
# It replaces target/runner.jar with the CUDA build; `mvn -B -q -DskipTests package` makes the CPU one again.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v nvidia-smi >/dev/null 2>&1 || ! nvidia-smi >/dev/null 2>&1; then
  echo "bench/gpu.sh: no NVIDIA GPU or driver here (nvidia-smi does not answer); nothing was built or run." >&2
  exit 2
fi
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader
export CUDA_VISIBLE_DEVICES=${CUDA_VISIBLE_DEVICES:-0}
mvn -B -q -Pcuda -DskipTests package
java -jar target/runner.jar --version
java -jar target/runner.jar bench experiments/vgg16.yaml --iterations 20 --warmup 5 "$@"
