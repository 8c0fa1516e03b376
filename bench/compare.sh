#!/usr/bin/env bash
# Runs `runner bench` and the PyTorch peer (bench/pytorch_peer.py) on the same model and shapes, back to back and
# alternating, ROUNDS times, and prints each pair's training and inference ratio (runner / PyTorch), then both
# commands' seconds from their start to the first finished training iteration and their peak resident memory.
# Absolute numbers on a shared machine are noisy; the ratios of runs made back to back are what to compare.
#
#   bench/compare.sh EXPERIMENT.yaml [ROUNDS [runner bench options, e.g. --set input.shape=[224,224,3]]]
#
# Needs target/runner.jar (mvn -B -q -DskipTests package) and Debian's python3-torch (/usr/bin/python3).
# The runner's launcher tunes glibc's allocator and OpenBLAS for the training JVM (README: Backends and speed); a
# variable the caller set keeps its value.
set -euo pipefail
cd "$(dirname "$0")/.."

experiment=${1:?usage: bench/compare.sh EXPERIMENT.yaml [ROUNDS [runner bench options]]}
rounds=${2:-3}
shift $(( $# >= 2 ? 2 : 1 ))
python=/usr/bin/python3
[[ -x $python ]] || python=python3
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

field() { "$python" -c "import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])" "$1" "$2"; }

printf '%-6s %12s %12s %7s %12s %12s %7s %13s %12s %10s %9s\n' round runner_train torch_train ratio \
    runner_infer torch_infer ratio runner_start torch_start runner_GiB torch_GiB
for round in $(seq 1 "$rounds"); do
  java -jar target/runner.jar bench "$experiment" --format json "$@" > "$out/runner.json"
  read -r h w c < <("$python" -c "import json,sys; print(*json.load(open(sys.argv[1]))['input_shape'])" "$out/runner.json")
  dense=$("$python" -c "import json,sys; print(*json.load(open(sys.argv[1]))['dense'])" "$out/runner.json")
  bn=$([[ $(field "$out/runner.json" batch_norm) == True ]] && echo --batch-norm || true)
  "$python" bench/pytorch_peer.py --shape "$h" "$w" "$c" --dense $dense $bn \
      --classes "$(field "$out/runner.json" classes)" --batch "$(field "$out/runner.json" batch_size)" \
      --iterations "$(field "$out/runner.json" timed_iterations)" \
      --warmup "$(field "$out/runner.json" warmup_iterations)" > "$out/torch.json"
  "$python" - "$out/runner.json" "$out/torch.json" "$round" <<'PY'
import json, sys
r, t = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
rt, tt = r["train_images_per_second"], t["train_images_per_second"]
ri, ti = r["inference_images_per_second"], t["inference_images_per_second"]
rs, ts = r["seconds_to_first_iteration"], t["seconds_to_first_iteration"]
rm, tm = r["peak_resident_bytes"] / 2**30, t["peak_resident_bytes"] / 2**30
print(f"{sys.argv[3]:<6} {rt:12.2f} {tt:12.2f} {rt / tt:7.2f} {ri:12.2f} {ti:12.2f} {ri / ti:7.2f}"
      f" {rs:13.2f} {ts:12.2f} {rm:10.2f} {tm:9.2f}")
PY
done
