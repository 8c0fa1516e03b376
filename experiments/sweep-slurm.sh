#!/usr/bin/env bash
# The same sweep as sweep-local.sh as a Slurm job array: one array task per learning rate x dense width
# combination, each an ordinary run writing its own run directory into one shared runs directory.
#
#   mvn -B -q -DskipTests package && sbatch experiments/sweep-slurm.sh
#   # once every task has ended:
#   java -jar target/runner.jar runs --runs-dir runs/sweep --sort val_accuracy
#
# Submit from the project root on a file system every node sees (Slurm starts the tasks there). The
# array size must be the number of combinations: 3 learning rates x 3 widths = 9 tasks, 0-8. On GPU
# nodes add `#SBATCH --gres=gpu:1` and build the CUDA variant. At the time limit Slurm sends SIGTERM:
# the run writes its checkpoint and `runner resume RUN_DIR` continues it.
#
#SBATCH --job-name=dl4j-runner-sweep
#SBATCH --array=0-8
#SBATCH --cpus-per-task=8
#SBATCH --mem=16G
#SBATCH --time=04:00:00
#SBATCH --output=slurm-%A_%a.out
set -euo pipefail

learning_rates=(1e-4 3e-4 1e-3)
dense_widths=(64 100 256)

task=${SLURM_ARRAY_TASK_ID:?submit with sbatch: each array task reads its combination from SLURM_ARRAY_TASK_ID}
combinations=$(( ${#learning_rates[@]} * ${#dense_widths[@]} ))
if (( task >= combinations )); then
  echo "Array task $task has no combination: the sweep has $combinations (--array=0-$((combinations - 1)))" >&2
  exit 2
fi
lr=${learning_rates[task / ${#dense_widths[@]}]}
width=${dense_widths[task % ${#dense_widths[@]}]}

# ND4J's native CPU code runs OMP_NUM_THREADS OpenMP threads: as many as the cores Slurm gave the task.
export OMP_NUM_THREADS=${SLURM_CPUS_PER_TASK:-1}
cd "${SLURM_SUBMIT_DIR:-.}"
echo "Array task $task: optimizer.learning_rate=$lr model.dense=[$width, $width]"
exec "${JAVA:-java}" -jar "${RUNNER_JAR:-target/runner.jar}" "${EXPERIMENT:-experiments/vgg16-small.yaml}" \
  --runs-dir "${RUNS_DIR:-runs/sweep}" \
  --set "optimizer.learning_rate=$lr" --set "model.dense=[$width, $width]"
