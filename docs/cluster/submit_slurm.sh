#!/bin/bash
# Prepare the dataset once, run the shards as a job array, then merge (even when some shards
# failed: the merge lists what is missing and exits 1, so the job shows as failed).
# Run from the project root: bash docs/cluster/submit_slurm.sh
set -euo pipefail
mkdir -p logs
prepare=$(sbatch --parsable --job-name=hss-prepare --cpus-per-task=2 --time=00:30:00 \
  --output=logs/prepare-%j.log --wrap="deno task extract --prepare")
shards=$(sbatch --parsable --dependency="afterok:${prepare}" docs/cluster/extract.slurm)
sbatch --job-name=hss-merge --dependency="afterany:${shards}" --cpus-per-task=2 \
  --time=00:30:00 --output=logs/merge-%j.log --wrap="deno task extract --merge"
