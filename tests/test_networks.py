"""Network shapes follow the config at every image size the suite supports."""

import dataclasses

import pytest
import torch

from lpaae.code_generator import CodeGenerator
from lpaae.config import NetworkConfig
from lpaae.networks import CodeDiscriminator, Decoder, Encoder, ImageDiscriminator, batch_similarity


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


def test_batch_similarity_is_its_formula_and_sees_a_stretched_set():
    codes = torch.tensor([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    # Squared inner products with the others: (0 + 1, 0 + 1, 1 + 1), over (3 - 1) * 2.
    torch.testing.assert_close(batch_similarity(codes), torch.tensor([0.25, 0.25, 0.5]))
    g = torch.Generator().manual_seed(0)
    assert batch_similarity(torch.randn(2000, 20, generator=g)).mean() == pytest.approx(1.0, rel=0.05)
    # The same total variance along 4 of 20 directions: about 20 / 4.
    flat = torch.cat([torch.randn(2000, 4, generator=g) * 5 ** 0.5, torch.zeros(2000, 16)], 1)
    assert batch_similarity(flat).mean() == pytest.approx(5.0, rel=0.1)
    with pytest.raises(ValueError, match="at least 2 codes"):
        batch_similarity(codes[:1])


def test_code_discriminator_reads_its_batch_only_with_the_minibatch_feature():
    net = NetworkConfig(width=4, code_size=6, noise_size=5, code_discriminator_widths=(7, 3))
    codes, others = torch.randn(4, 6), torch.randn(4, 6)
    stretched = torch.cat([codes, 10 * others])
    plain, feature = CodeDiscriminator(net), CodeDiscriminator(net, minibatch_feature=True)
    torch.testing.assert_close(plain(stretched)[:4], plain(codes))
    assert not torch.allclose(feature(stretched)[:4], feature(codes))
    # The condition (the supervised s) follows the code; the feature reads the code alone.
    conditional = CodeDiscriminator(net, condition_size=3, minibatch_feature=True)
    assert conditional.net[0].in_features == 6 + 3 + 1
    labels = torch.eye(3)[[0, 1, 2, 0]]
    log_feature = batch_similarity(codes).log().unsqueeze(1)
    expected = conditional.net(torch.cat([codes, labels, log_feature], 1)).squeeze(1)
    torch.testing.assert_close(conditional(codes, labels), expected)


def test_a_condition_is_read_as_the_paper_reads_it_a_longer_code():
    # Eq. 8: D_C sees (code, one-hot s). Without the minibatch feature this is the network that the
    # supervised model built before D_C took a condition: an MLP on the concatenation.
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
