"""The paper's published numbers and the setting each was measured in.

A measured number is comparable with a published one only in the same setting (dataset, code
size, extractor); tables carry this setting beside the value so the difference can be read
honestly.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PaperSetting:
    dataset: str
    code_size: int
    extractor: str
    samples: int = 50_000

    def describe(self) -> str:
        return (f"{DISPLAY_NAMES[self.dataset]}, {self.code_size}-D code, "
                f"{DISPLAY_NAMES[self.extractor]} Inception Score over {self.samples:,} samples")


DISPLAY_NAMES = {"cifar10": "CIFAR-10", "inception": "Inception-v3"}


#: Table 1: Inception Score on CIFAR-10 with a 64-D code.
TABLE1_SETTING = PaperSetting(dataset="cifar10", code_size=64, extractor="inception")
TABLE1 = {"aae": 2.15, "vae": 3.00, "vampprior": 2.88, "learned_prior": 6.52}

#: How each model is named in the paper's tables and figures.
METHOD_LABELS = {
    "aae": "AAE w/ a Gaussian prior",
    "vae": "VAE w/ a Gaussian prior",
    "vampprior": "VampPrior",
    "learned_prior": "Ours w/ a learned prior",
    "real": "Real images (held-out split)",
}
