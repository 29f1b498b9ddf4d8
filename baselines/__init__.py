"""Baselines of Table 1 on the suite's shared autoencoder; importing this package registers them."""

from baselines import aae, gans, vae, vampprior  # noqa: F401
