"""Learning priors for adversarial autoencoders (Wang, Peng, Ko, 2020): the paper's model and the
parts every model of the suite shares (networks, data, training, metrics, plots, tables)."""
