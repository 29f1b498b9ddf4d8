"""Network shapes follow the config at every image size the suite supports."""

import pytest
import torch

from lpaae.code_generator import CodeGenerator
from lpaae.config import NetworkConfig
from lpaae.networks import CodeDiscriminator, Decoder, Encoder, ImageDiscriminator


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
