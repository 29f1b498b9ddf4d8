cd /work/main
P=".venv/bin/python docs/measurements/code-regulariser-2026-11-26/probe.py"
C="cfg=cpu dataset=imagefolder root=/tmp/cifar width=16 cifar=1"
echo "# at $(git rev-parse --short HEAD): the lpaae spread head (default code_spread_weight 0.1) on CIFAR-10"
echo "#   \$P aae 1500 /work/runs/ch/aae seed=0 $C ; \$P learned_prior 1500 /work/runs/ch/lp seed=0 $C"
$P aae 1500 /work/runs/ch/aae seed=0 $C 2>/dev/null | tail -2
$P learned_prior 1500 /work/runs/ch/lp seed=0 $C 2>/dev/null | tail -2
