"""Analyses of a decision: weight stability, rank acceptability (SMAA), AHP weights, groups."""
