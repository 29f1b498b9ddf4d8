"""The baselines, on the suite's shared autoencoder: one module per model family.

lpaae.registry imports every module here and registers each named GenerativeModel it defines, so
a new baseline is one new file (CONTRIBUTING.md, "Add a model")."""
