"""Network shapes follow the config at every image size the suite supports."""

import dataclasses

import pytest
import torch

from lpaae.code_generator import CodeGenerator
from lpaae.config import NetworkConfig
from lpaae.diagnostics import effective_dimensions
from lpaae.losses import discriminator_loss, generator_loss
from lpaae.networks import (CodeDiscriminator, Decoder, Encoder, ImageDiscriminator, minibatch_std,
                            spread_statistic)


@pytest.mark.parametrize("image_size", [8, 16, 32, 64])
@pytest.mark.parametrize("channels", [1, 3])
def test_shapes(image_size, channels):
    net = NetworkConfig(width=4, code_size=6, noise_size=5, code_discriminator_widths=(7, 3),
                        image_size=image_size, channels=channels)
    x = torch.rand(3, channels, image_size, image_size) * 2 - 1
    assert Encoder(net)(x).shape == (3, 6)
    assert Encoder(net, heads=2)(x).shape == (3, 12)
    images = Decoder(net)(torch.randn(3, 6))
    assert images.shape == x.shape and images.abs().max() <= 1
    logits, features = ImageDiscriminator(net)(x)
    assert logits.shape == (3,) and features.shape == (3, ImageDiscriminator(net).feature_size)
    assert CodeGenerator(net.noise_size, net.code_size)(torch.randn(3, 5)).shape == (3, 6)
    assert CodeDiscriminator(net)(torch.randn(3, 6)).shape == (3,)


def test_spread_statistic_is_its_formula_blind_to_scale_and_sees_a_stretched_set():
    codes = torch.tensor([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    # Squared inner products of distinct pairs: 0, 1, 1 (each twice), mean 2/3; mean squared
    # norm 4/3; d = 2: 2 * (2/3) / (4/3)^2 = 3/4.
    torch.testing.assert_close(spread_statistic(codes), torch.tensor(0.75))
    torch.testing.assert_close(spread_statistic(7 * codes), torch.tensor(0.75))
    g = torch.Generator().manual_seed(0)
    assert spread_statistic(torch.randn(2000, 20, generator=g)) == pytest.approx(1.0, rel=0.05)
    # Spread over 4 of 20 directions, rotated so that no axis is empty: about 20 / 4.
    rotation, _ = torch.linalg.qr(torch.randn(20, 20, generator=g))
    flat = torch.cat([torch.randn(2000, 4, generator=g), torch.zeros(2000, 16)], 1) @ rotation
    assert spread_statistic(flat) == pytest.approx(5.0, rel=0.1)
    with pytest.raises(ValueError, match="at least 2 codes"):
        spread_statistic(codes[:1])


def test_code_discriminator_judges_each_code_alone_and_its_spread_head_the_batch():
    net = NetworkConfig(width=4, code_size=6, noise_size=5, code_discriminator_widths=(7, 3))
    codes, others = torch.randn(4, 6), torch.randn(4, 6)
    torch.manual_seed(0)
    plain = CodeDiscriminator(net)
    torch.manual_seed(0)
    headed = CodeDiscriminator(net, spread_head=True)
    # The per-code head is the same network, drawn first, and reads no other code of the batch.
    torch.testing.assert_close(headed(codes), plain(codes))
    torch.testing.assert_close(headed(torch.cat([codes, 10 * others]))[:4], headed(codes))
    # The spread head: one logit per batch, a function of its spread statistic alone.
    assert headed.spread_logit(codes).shape == (1,)
    torch.testing.assert_close(headed.spread_logit(3 * codes), headed.spread_logit(codes))
    assert not torch.allclose(headed.spread_logit(codes), headed.spread_logit(codes * torch.tensor([5.0, 1, 1, 1, 1, 1])))
    with pytest.raises(RuntimeError, match="without a spread head"):
        plain.spread_logit(codes)


def test_the_spread_head_spreads_narrow_codes_over_more_directions():
    """The sign of the head's game, in one small case: a head trained to tell N(0, I) batches from
    batches on 2 of 12 directions, then its generator loss followed down by the narrow codes
    themselves, spreads them (more effective dimensions, a statistic nearer 1)."""
    g = torch.Generator().manual_seed(0)
    net = NetworkConfig(width=4, code_size=12, noise_size=5, code_discriminator_widths=(8,))
    torch.manual_seed(0)
    d_c = CodeDiscriminator(net, spread_head=True)
    optimiser = torch.optim.Adam(d_c.spread_head.parameters(), lr=1e-2)
    rotation, _ = torch.linalg.qr(torch.randn(12, 12, generator=g))
    narrow_basis = rotation[:2]  # codes in the span of two random directions

    def narrow(n):
        return torch.randn(n, 2, generator=g) @ narrow_basis + 0.05 * torch.randn(n, 12, generator=g)

    for _ in range(200):
        loss = discriminator_loss(d_c.spread_logit(torch.randn(64, 12, generator=g)), d_c.spread_logit(narrow(64)))
        optimiser.zero_grad()
        loss.backward()
        optimiser.step()
    assert loss.item() < 0.1  # the head tells the two kinds of batch apart

    codes = narrow(64).requires_grad_()
    dims_before, statistic_before = effective_dimensions(codes), spread_statistic(codes.detach()).item()
    mover = torch.optim.SGD([codes], lr=0.5)
    for _ in range(50):
        mover.zero_grad()
        generator_loss(d_c.spread_logit(codes)).backward()
        mover.step()
    dims_after, statistic_after = effective_dimensions(codes), spread_statistic(codes.detach()).item()
    assert dims_after > dims_before + 1  # measured: 2.0 -> 7.7
    assert abs(statistic_after - 1) < abs(statistic_before - 1)  # measured: 5.5 -> 1.2


def test_a_condition_is_read_as_the_paper_reads_it_a_longer_code():
    # Eq. 8: D_C sees (code, one-hot s): the network that the supervised model built before D_C
    # took a condition, an MLP on the concatenation.
    net = NetworkConfig(width=4, code_size=6, noise_size=5, code_discriminator_widths=(7, 3))
    torch.manual_seed(0)
    conditional = CodeDiscriminator(net, condition_size=3)
    torch.manual_seed(0)
    concatenated = CodeDiscriminator(dataclasses.replace(net, code_size=6 + 3))
    codes, labels = torch.randn(5, 6), torch.eye(3)[[0, 1, 2, 0, 1]]
    torch.testing.assert_close(conditional(codes, labels), concatenated(torch.cat([codes, labels], 1)))


def test_paper_sized_networks_have_the_papers_widths():
    net = NetworkConfig(width=64, code_size=64, noise_size=64,
                        code_discriminator_widths=(1000, 500, 200), image_size=32, channels=3)
    decoder = Decoder(net)
    assert decoder.net[1].out_channels == 512  # "4x4 upconv. 512"
    encoder = Encoder(net)
    assert encoder.head[0].in_features == 512 and encoder.head[0].out_features == 128
    assert [m.out_features for m in CodeDiscriminator(net).net if isinstance(m, torch.nn.Linear)] \
        == [1000, 500, 200, 1]
    assert ImageDiscriminator(net).feature_size == 256 * 4 * 4


def test_unsupported_image_size_is_rejected():
    with pytest.raises(ValueError, match="image_size"):
        Encoder(NetworkConfig(image_size=28))


def test_upsampling_skip_equals_upsample_then_1x1_conv():
    from lpaae.networks import ResidualBlock
    block = ResidualBlock(8, 4, resample="up")
    conv, upsample = block.skip[0], block.skip[1]
    x = torch.randn(2, 8, 5, 5)
    torch.testing.assert_close(block.skip(x), conv(upsample(x)), rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("channels_last", [False, True])
def test_downsampling_skip_is_a_1x1_stride_2_conv_in_value_and_gradient(channels_last):
    """The skip subsamples before its 1x1 conv (oneDNN's strided 1x1 kernel corrupts the heap
    on channels-last inputs of under 8 channels on AVX2 CPUs); it must still be the strided
    conv. Reference: the strided conv on contiguous tensors, a different kernel."""
    from lpaae.networks import ResidualBlock
    skip = ResidualBlock(4, 8, resample="down").skip
    x = torch.randn(3, 4, 8, 8, requires_grad=True)
    y_ref = torch.nn.functional.conv2d(x, skip.weight, skip.bias, stride=2)
    grads_ref = torch.autograd.grad(y_ref.square().sum(), [x, skip.weight])
    inp = x.detach().to(memory_format=torch.channels_last).requires_grad_() if channels_last else x
    if channels_last:
        skip = skip.to(memory_format=torch.channels_last)
    y = skip(inp)
    grads = torch.autograd.grad(y.square().sum(), [inp, skip.weight])
    assert y.shape == (3, 8, 4, 4)
    torch.testing.assert_close(y, y_ref, rtol=1e-5, atol=1e-6)
    for g, g_ref in zip(grads, grads_ref):
        torch.testing.assert_close(g, g_ref, rtol=1e-5, atol=1e-6)


def test_minibatch_std_is_the_mean_over_features_of_the_std_over_the_batch():
    features = torch.tensor([[0.0, 1.0], [2.0, 1.0], [4.0, 1.0]])
    # Feature 0: values 0, 2, 4, population std sqrt(8/3); feature 1: constant, std 0 (1e-4 with
    # the 1e-8 under the root).
    expected = (torch.tensor(8 / 3 + 1e-8).sqrt() + 1e-4) / 2
    torch.testing.assert_close(minibatch_std(features), expected)
    assert minibatch_std(torch.ones(5, 3)) < 1e-3


def _d_i_pair(norm):
    """D_I reading the minibatch std, and Table A.3's D_I with the same convolutional weights."""
    net = NetworkConfig(width=4, code_size=6, noise_size=5, code_discriminator_widths=(7, 3),
                        image_size=16, channels=1)
    torch.manual_seed(0)
    reading = ImageDiscriminator(net, norm=norm, reads_minibatch_std=True)
    plain = ImageDiscriminator(net, norm=norm)
    plain.features.load_state_dict(reading.features.state_dict())
    return reading, plain


@pytest.mark.parametrize("norm", ["batch", "layer"])
def test_the_minibatch_std_leaves_d_is_features_alone(norm):
    """The perceptual loss's F is exactly Table A.3's D_I's, with or without the option."""
    reading, plain = _d_i_pair(norm)
    x = torch.rand(8, 1, 16, 16, generator=torch.Generator().manual_seed(0)) * 2 - 1
    torch.testing.assert_close(reading(x)[1], plain(x)[1])


def test_with_the_minibatch_std_each_logit_reads_the_batch():
    """Layer norm, where an image's features depend on itself alone: without the option an
    image's logit is the same among near-copies as among varied images; with it, not."""
    reading, plain = _d_i_pair("layer")
    g = torch.Generator().manual_seed(0)
    image = torch.rand(1, 1, 16, 16, generator=g) * 2 - 1
    varied = torch.cat([image, torch.rand(7, 1, 16, 16, generator=g) * 2 - 1])
    copies = torch.cat([image, image + 0.01 * torch.randn(7, 1, 16, 16, generator=g)])
    torch.testing.assert_close(plain(varied)[0][0], plain(copies)[0][0])
    assert not torch.isclose(reading(varied)[0][0], reading(copies)[0][0])
