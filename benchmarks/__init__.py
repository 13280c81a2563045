"""Developer benchmarks of Thuisbasis: not part of the installed package. Run ``python -m benchmarks --help``."""
