"""Losses equal their formulas on hand-made cases."""

import math

import torch

from lpaae.losses import (discriminator_loss, gaussian_log_density, generator_loss, r1_penalty, squared_error,
                          standard_normal_log_density)


def test_discriminator_loss_is_minus_log_d_real_minus_log_one_minus_d_fake():
    real, fake = torch.tensor([2.0, -1.0]), torch.tensor([0.5, 3.0])
    d_real, d_fake = torch.sigmoid(real), torch.sigmoid(fake)
    expected = -(torch.log(d_real).mean() + torch.log(1 - d_fake).mean())
    torch.testing.assert_close(discriminator_loss(real, fake), expected)


def test_undecided_discriminator_loss_is_two_log_two():
    zeros = torch.zeros(5)
    torch.testing.assert_close(discriminator_loss(zeros, zeros), torch.tensor(2 * math.log(2)))


def test_generator_loss_is_minus_log_d_fake():
    fake = torch.tensor([0.3, -2.0, 1.0])
    torch.testing.assert_close(generator_loss(fake), -torch.log(torch.sigmoid(fake)).mean())


def test_squared_error_is_the_batch_mean_of_squared_distances():
    a = torch.tensor([[1.0, 2.0], [0.0, 0.0]])
    b = torch.tensor([[1.0, 0.0], [3.0, 4.0]])
    # example 1: ||(0, 2)||^2 = 4; example 2: ||(-3, -4)||^2 = 25; mean = 14.5
    assert squared_error(a, b).item() == 14.5


def test_gaussian_log_density_matches_torch_distributions():
    z, mean, log_var = torch.randn(3, 4), torch.randn(3, 4), torch.randn(3, 4)
    expected = torch.distributions.Normal(mean, (0.5 * log_var).exp()).log_prob(z).sum(-1)
    torch.testing.assert_close(gaussian_log_density(z, mean, log_var), expected)
    torch.testing.assert_close(standard_normal_log_density(z),
                               torch.distributions.Normal(0.0, 1.0).log_prob(z).sum(-1))


def test_r1_penalty_is_half_the_mean_squared_gradient_norm_at_the_real_inputs():
    # D(x) = sum(x^2) has gradient 2x, so the penalty is 1/2 mean ||2x||^2 = 2 mean ||x||^2.
    x = torch.tensor([[1.0, 2.0], [0.0, -3.0]], requires_grad=True)
    assert math.isclose(r1_penalty(x.pow(2).sum(1), x).item(), 2 * (5 + 9) / 2)
    # The penalty trains the discriminator: its gradient reaches D's parameters.
    w = torch.tensor([3.0, 4.0], requires_grad=True)
    z = x.detach().requires_grad_()
    r1_penalty(z @ w, z).backward()
    assert torch.allclose(w.grad, w.detach())  # d/dw 1/2 ||w||^2 = w
