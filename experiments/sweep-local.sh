#!/usr/bin/env bash
# A sweep on this machine: every learning rate x dense width combination is one ordinary run of the
# experiment, trained one after another (each run uses every core), all into one runs directory;
# at the end the runs are listed best first by validation accuracy.
#
#   mvn -B -q -DskipTests package && experiments/sweep-local.sh
#
# Environment (all optional):
#   EXPERIMENT      experiment file             (experiments/vgg16-small.yaml)
#   RUNS_DIR        where the run directories go (runs/sweep)
#   LEARNING_RATES  space-separated values       ("1e-4 3e-4 1e-3")
#   DENSE_WIDTHS    space-separated widths, each gives model.dense [w, w] ("64 100 256")
#   EPOCHS          training.epochs for every run (the experiment's own when unset)
#   RUNNER_JAR      the runner                   (target/runner.jar)
#   JAVA            the java command             (java)
#
# A run that fails is recorded as failed in its run directory and the sweep goes on; Ctrl-C stops the
# run in progress after writing its checkpoint (runner resume continues it) and ends the sweep.
set -euo pipefail

experiment=${EXPERIMENT:-experiments/vgg16-small.yaml}
runs_dir=${RUNS_DIR:-runs/sweep}
read -r -a learning_rates <<< "${LEARNING_RATES:-1e-4 3e-4 1e-3}"
read -r -a dense_widths <<< "${DENSE_WIDTHS:-64 100 256}"
runner=("${JAVA:-java}" -jar "${RUNNER_JAR:-target/runner.jar}")
epochs=()
if [[ -n ${EPOCHS:-} ]]; then
  epochs=(--set "training.epochs=$EPOCHS")
fi

failed=0
for lr in "${learning_rates[@]}"; do
  for width in "${dense_widths[@]}"; do
    echo "== optimizer.learning_rate=$lr model.dense=[$width, $width]"
    status=0
    "${runner[@]}" "$experiment" --runs-dir "$runs_dir" \
      --set "optimizer.learning_rate=$lr" --set "model.dense=[$width, $width]" "${epochs[@]}" || status=$?
    if (( status == 130 )); then
      echo "Sweep interrupted; the runs so far are in $runs_dir" >&2
      exit 130
    elif (( status != 0 )); then
      failed=$((failed + 1))
    fi
  done
done

"${runner[@]}" runs --runs-dir "$runs_dir" --sort val_accuracy
if (( failed > 0 )); then
  echo "$failed run(s) of the sweep failed; their summary.json says why" >&2
  exit 1
fi
