"""Is the adversarial regulariser working? Numbers that compare a model's encoder codes of
held-out images with codes drawn from the prior the encoder is regularised towards.

* ``two_sample_accuracy``: held-out accuracy of a *fresh* classifier trained to tell the two code
  sets apart (0.5: indistinguishable; 1.0: disjoint). Unlike D_C's own accuracy it cannot be fooled
  by a discriminator that lags behind the encoder.
* ``two_sample_accuracy_splits_mean`` / ``_sd``: the same classifier over
  :data:`TWO_SAMPLE_REPEATS` random splits and initialisations (the first is the one above). One
  split's value moves by about its binomial noise (about 0.025 for 360 digits), so it cannot tell
  0.72 from 0.70; their mean can, up to the noise of the codes themselves.
* ``whitened_two_sample_accuracy``: the same after each set is whitened by its own mean and
  covariance, so only what lies beyond the first two moments (clusters, skew, bounded support)
  tells them apart. Against a Gaussian prior (the AAE's), a high ``two_sample_accuracy`` with
  this near 0.5 says the encoder's codes are a Gaussian too, only stretched and rotated; against
  a learned, non-Gaussian prior, whitening does not undo a rotation, so read it with care there.
  ``None`` when there are fewer than four points per code dimension, or when a set spans only a
  subspace of the code space (ours with a code larger than twice its noise: CG's hidden layer is
  narrower).
* ``heldout_code_d_accuracy``: D_C's balanced accuracy on the same codes (threshold 0.5); the
  loss curves' ``code_d_accuracy`` is its accuracy on the training batch, before its update.
  It is the per-code head's alone (D_C's spread head, ``code_spread_weight``, judges batches).
* per-dimension means and standard deviations of both sets, and two summaries of their mismatch.
* ``encoder_effective_dimensions`` / ``prior_effective_dimensions``: over how many directions
  each set spreads (:func:`effective_dimensions`). Per-dimension spreads can agree while the
  encoder's codes are stretched along a few directions; this, being rotation-free, shows it.
* ``prior_spanned_dimensions``: how many directions the prior codes span at all
  (:func:`spanned_dimensions`). Ours' CG maps its input through a hidden layer of twice the
  noise size, so with a code wider than that its codes lie in a subspace; a two-sample test then
  tells apart any encoder that leaves the subspace, however little.
* supervised setting: D_C's mean "real" probability for prior codes paired with their own label
  and with a shuffled one; equal values mean D_C ignores the label.
* ``label_part_two_sample_accuracy`` / ``z_part_two_sample_accuracy``: where the prior code is
  ``[one-hot s, z]`` itself (the conditional AAE baselines as this suite reads Section IV.D), the
  ten-split mean on its label dimensions and on the rest. The encoder's head is linear, so its
  label part is at best near one-hot, and in every run measured it was told apart (0.93-0.995,
  against 0.50-0.70 on z; docs/measurements/remaining-remedies-2026-12-06): the whole code's
  accuracy then says more about the label part than about how well z is regularised. Each part
  is compared on its own, so a z that still depends on s is not seen here.

Models expose the codes through :meth:`lpaae.model.GenerativeModel.code_sample`; models without
an encoder (the GANs) have no diagnostics.
"""

from __future__ import annotations

from typing import Any, Callable, NamedTuple

import torch
import torch.nn.functional as F
from torch import nn

from lpaae.data import ImageData
from lpaae.losses import balanced_accuracy


class CodeSample(NamedTuple):
    """Codes of held-out images and as many prior codes, on the same labels where it matters."""

    encoder: torch.Tensor
    prior: torch.Tensor
    #: The images' labels (what the supervised prior and D_C are conditioned on).
    labels: torch.Tensor
    #: D_C's logits for ``(codes, labels)``; ``None`` for models without a code discriminator.
    critic: Callable[[torch.Tensor, torch.Tensor], torch.Tensor] | None = None
    #: Whether the critic reads the labels (the supervised setting).
    conditional_critic: bool = False
    #: How many leading dimensions of a prior code are a one-hot label (the ``[s, z]`` of a
    #: conditional prior used directly); 0 where the prior codes are continuous.
    label_dimensions: int = 0


#: Adam steps of each fresh two-sample classifier, unless a config says otherwise
#: (``evaluation.two_sample_steps``); every shipped number used it.
TWO_SAMPLE_STEPS = 400


def two_sample_accuracy(a: torch.Tensor, b: torch.Tensor, seed: int = 0,
                        steps: int = TWO_SAMPLE_STEPS, hidden: int = 64,
                        whiten: bool = False) -> float | None:
    """Held-out accuracy of a fresh two-layer MLP trained to tell rows of ``a`` from rows of
    ``b``: half of each set trains it, the other half scores it. Balanced: both sets are cut to
    the smaller size. Features are standardised on the training half, so a scale mismatch is as
    visible as a shift.

    With ``whiten``, each set is first whitened by the mean and covariance of its own training
    half (:func:`whitening`), so only what lies beyond the first two moments tells them apart.
    (Whitening a set by the covariance of all its rows would make the two halves' deviations
    cancel, and push the accuracy below chance.) ``None`` when a training half has fewer than
    twice as many rows as columns (too few to estimate a covariance) or a set's covariance is
    singular (see :func:`whitening`).
    """
    generator = torch.Generator().manual_seed(seed)
    n = min(len(a), len(b))
    a = a.detach().float().cpu()[torch.randperm(len(a), generator=generator)[:n]]
    b = b.detach().float().cpu()[torch.randperm(len(b), generator=generator)[:n]]
    half = n // 2
    a_train, a_test, b_train, b_test = a[:half], a[half:], b[:half], b[half:]
    if whiten:
        if half < 2 * a.shape[1]:
            return None
        whiten_a, whiten_b = whitening(a_train), whitening(b_train)
        if whiten_a is None or whiten_b is None:
            return None
        a_train, a_test = whiten_a(a_train), whiten_a(a_test)
        b_train, b_test = whiten_b(b_train), whiten_b(b_test)
    train_x, test_x = torch.cat([a_train, b_train]), torch.cat([a_test, b_test])
    train_y = torch.cat([torch.zeros(half), torch.ones(half)])
    test_y = torch.cat([torch.zeros(n - half), torch.ones(n - half)])
    mean, std = train_x.mean(0), train_x.std(0).clamp_min(1e-6)
    train_x, test_x = (train_x - mean) / std, (test_x - mean) / std
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        classifier = nn.Sequential(nn.Linear(a.shape[1], hidden), nn.ReLU(),
                                   nn.Linear(hidden, hidden), nn.ReLU(), nn.Linear(hidden, 1))
    optimizer = torch.optim.Adam(classifier.parameters(), lr=3e-3, weight_decay=1e-4)
    with torch.enable_grad():
        for _ in range(steps):
            loss = F.binary_cross_entropy_with_logits(classifier(train_x).squeeze(1), train_y)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
    with torch.no_grad():
        predicted = (classifier(test_x).squeeze(1) > 0).float()
    return float((predicted == test_y).float().mean())


#: Random splits and classifier initialisations :func:`two_sample_accuracies` runs. Measured
#: (docs/measurements/two-sample-noise-2026-12-02): 20 splits of one run's 360 held-out digits'
#: codes gave accuracies from 0.65 to 0.76 (sd 0.029; binomial sd 0.024).
TWO_SAMPLE_REPEATS = 10


def two_sample_accuracies(a: torch.Tensor, b: torch.Tensor, seed: int = 0,
                          repeats: int = TWO_SAMPLE_REPEATS,
                          steps: int = TWO_SAMPLE_STEPS) -> list[float]:
    """:func:`two_sample_accuracy` over ``repeats`` random splits and classifier initialisations
    (seeds ``seed``, ``seed + 1``, ...; the first is ``two_sample_accuracy(a, b, seed)``). Their
    mean is steadier than one split, though not ``sqrt(repeats)`` times: the splits share their
    codes, whose own sampling noise the mean keeps."""
    if repeats < 2:
        raise ValueError(f"two_sample_accuracies needs at least 2 repeats, got {repeats}")
    return [two_sample_accuracy(a, b, seed + r, steps) for r in range(repeats)]


#: Below this ratio of its smallest to its mean covariance eigenvalue a code set is taken to
#: lie in a subspace (e.g. a code generator whose hidden layer is narrower than the code).
SINGULAR = 1e-4


def _covariance(codes: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """The mean and sample covariance of the rows of ``codes``, in double precision."""
    codes = codes.detach().double().cpu()
    return codes.mean(0), torch.cov(codes.T).reshape(codes.shape[1], codes.shape[1])


def _span(covariance: torch.Tensor) -> int:
    eigenvalues = torch.linalg.eigvalsh(covariance)
    return int((eigenvalues > SINGULAR * eigenvalues.mean().clamp_min(1e-12)).sum())


def spanned_dimensions(codes: torch.Tensor) -> int:
    """How many covariance eigenvalues exceed :data:`SINGULAR` times their mean: the dimension
    of the subspace the set spans (at most one less than the number of codes)."""
    return _span(_covariance(codes)[1])


def whitening(codes: torch.Tensor) -> Callable[[torch.Tensor], torch.Tensor] | None:
    """The map that centres and decorrelates rows by the mean and sample covariance of
    ``codes`` (it gives ``codes`` unit covariance); ``None`` when that covariance is singular:
    whitening then inflates directions the set does not span, and a difference of support, a
    second-moment difference, would pass for one beyond the first two moments."""
    mean, covariance = _covariance(codes)
    if _span(covariance) < codes.shape[1]:
        return None
    cholesky = torch.linalg.cholesky(covariance)
    return lambda rows: torch.linalg.solve_triangular(
        cholesky, (rows.detach().double().cpu() - mean).T, upper=False).T.float()


def effective_dimensions(codes: torch.Tensor) -> float:
    """The participation ratio of the covariance's eigenvalues, ``(sum l)^2 / sum l^2``, computed
    as ``tr(C)^2 / ||C||_F^2``: k for a set spread evenly over k orthogonal directions, whatever
    their orientation. Sampling noise spreads the eigenvalues, so n draws of N(0, I_d) give about
    ``d / (1 + d / n)`` (78 for d = 100, n = 360): read an encoder's value against its prior's,
    computed on as many codes."""
    covariance = _covariance(codes)[1]
    return float(torch.trace(covariance) ** 2 / covariance.pow(2).sum().clamp_min(1e-300))


def _moments(codes: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    codes = codes.detach().float().cpu()
    return codes.mean(0), codes.std(0)


@torch.no_grad()
def critic_accuracy(sample: CodeSample) -> float:
    """D_C's balanced accuracy: prior codes called real, encoder codes called fake."""
    return float(balanced_accuracy(sample.critic(sample.prior, sample.labels),
                                   sample.critic(sample.encoder, sample.labels)))


@torch.no_grad()
def monitor(sample: CodeSample) -> dict[str, float]:
    """Cheap numbers for the training curve (no classifier is trained): D_C's accuracy, and for
    both code sets the mean per-dimension standard deviation and the share of the code's
    dimensions they fill (:func:`effective_dimensions` over the code size). The share shows a
    set narrowing onto a few directions, which the std does not: a code generator's output batch
    norm keeps every dimension's std near 1 while its codes collapse
    (docs/measurements/real-data-budget-2026-12-05)."""
    d = sample.encoder.shape[1]
    row = {"encoder_code_std": float(_moments(sample.encoder)[1].mean()),
           "prior_code_std": float(_moments(sample.prior)[1].mean()),
           "encoder_effective_share": effective_dimensions(sample.encoder) / d,
           "prior_effective_share": effective_dimensions(sample.prior) / d}
    if sample.critic is not None:
        row["heldout_code_d_accuracy"] = critic_accuracy(sample)
    return row


@torch.no_grad()
def code_diagnostics(sample: CodeSample, seed: int = 0,
                     two_sample_steps: int = TWO_SAMPLE_STEPS) -> dict[str, Any]:
    """Every number of the module docstring, for one :class:`CodeSample`; every two-sample
    classifier trains for ``two_sample_steps`` Adam steps (``evaluation.two_sample_steps``)."""
    enc_mean, enc_std = _moments(sample.encoder)
    prior_mean, prior_std = _moments(sample.prior)
    splits = torch.tensor(two_sample_accuracies(sample.encoder, sample.prior, seed,
                                                steps=two_sample_steps))
    result: dict[str, Any] = {
        "points": len(sample.encoder),
        "two_sample_steps": two_sample_steps,
        "two_sample_accuracy": float(splits[0]),
        "two_sample_accuracy_splits_mean": float(splits.mean()),
        "two_sample_accuracy_splits_sd": float(splits.std()),
        "whitened_two_sample_accuracy": two_sample_accuracy(sample.encoder, sample.prior, seed,
                                                            two_sample_steps, whiten=True),
        "heldout_code_d_accuracy": critic_accuracy(sample) if sample.critic is not None else None,
        # In units of the prior's spread: 0 when the first two moments agree per dimension.
        "mean_shift": float(((enc_mean - prior_mean).abs() / prior_std.clamp_min(1e-6)).mean()),
        "log_std_ratio": float((enc_std.clamp_min(1e-6) / prior_std.clamp_min(1e-6)).log().abs().mean()),
        "encoder_effective_dimensions": effective_dimensions(sample.encoder),
        "prior_effective_dimensions": effective_dimensions(sample.prior),
        "prior_spanned_dimensions": spanned_dimensions(sample.prior),
        "encoder_mean": enc_mean.tolist(), "encoder_std": enc_std.tolist(),
        "prior_mean": prior_mean.tolist(), "prior_std": prior_std.tolist(),
    }
    if sample.label_dimensions:
        k = sample.label_dimensions
        for part, columns in (("label_part", slice(None, k)), ("z_part", slice(k, None))):
            accuracies = two_sample_accuracies(sample.encoder[:, columns], sample.prior[:, columns],
                                               seed, steps=two_sample_steps)
            result[f"{part}_two_sample_accuracy"] = sum(accuracies) / len(accuracies)
    if sample.critic is not None and sample.conditional_critic:
        generator = torch.Generator().manual_seed(seed)
        shuffled = sample.labels[torch.randperm(len(sample.labels), generator=generator)
                                 .to(sample.labels.device)]
        result["code_d_real_own_label"] = float(torch.sigmoid(sample.critic(sample.prior, sample.labels)).mean())
        result["code_d_real_shuffled_label"] = float(torch.sigmoid(sample.critic(sample.prior, shuffled)).mean())
    return result


def heldout_batch(data: ImageData, points: int, seed: int, device: torch.device) -> tuple[torch.Tensor, torch.Tensor]:
    """A fixed subset of held-out images and labels, the same for every run of a seed."""
    idx = torch.randperm(len(data), generator=torch.Generator().manual_seed(seed))[:points]
    return data.batch(idx, device), data.labels[idx].to(device)
