"""Where in the code generator the prior loses its directions: for each model.pt given, CG's
hidden layer (after its batch norm and ReLU, running statistics) and its output before the output
batch norm, on 5,000 draws of z ~ N(0, I); effective dimensions = participation ratio of the
covariance's eigenvalues, (sum l)^2 / sum l^2.

    python cg_layers.py LABEL=MODEL.pt [LABEL=MODEL.pt ...]
    e.g. python cg_layers.py 1000=/work/runs/cifar-cpu-new/results/imagefolder/learned_prior/code64/seed0/model.pt \\
             8000=/work/runs/budget-cifar/results/imagefolder/learned_prior/code64/seed0/model.pt
"""
import sys

import torch


def flat(tree: dict, prefix: str = ""):
    for key, value in tree.items():
        if isinstance(value, dict):
            yield from flat(value, prefix + key + ".")
        else:
            yield prefix + key, value


def effective(values: torch.Tensor) -> float:
    eig = torch.linalg.eigvalsh(torch.cov(values.T))
    return float(eig.sum() ** 2 / (eig ** 2).sum())


def main(*models: str) -> None:
    torch.manual_seed(0)
    for label, path in (m.split("=", 1) for m in models):
        weights = dict(flat(torch.load(path, map_location="cpu", weights_only=False)))
        cg = {k.split("code_generator.", 1)[1]: v for k, v in weights.items() if "code_generator." in k}
        w1, b1, w2, b2 = cg["net.0.weight"], cg["net.0.bias"], cg["net.3.weight"], cg["net.3.bias"]
        gamma, beta, mean, var = (cg[f"net.1.{k}"] for k in ("weight", "bias", "running_mean", "running_var"))
        z = torch.randn(5000, w1.shape[1])
        hidden = (((z @ w1.T + b1) - mean) / (var + 1e-5).sqrt() * gamma + beta).relu()
        dead = int(((hidden > 0).float().mean(0) < 0.01).sum())
        output = hidden @ w2.T + b2
        print(f"{label}: hidden units {w1.shape[0]}, dead {dead}, hidden effective dimensions "
              f"{effective(hidden):.1f}; output before its batch norm {effective(output):.1f} of {w2.shape[0]}")


if __name__ == "__main__":
    main(*sys.argv[1:])
