"""The core: the Comparison, the method registry and its kernels, scoring and validation.

NumPy and pandas only; every other layer builds on this one.
"""
