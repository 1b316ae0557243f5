"""Helpers of benchmarks/solver_compare.py (issue #16): the model, the greedy, the solvers, the checker."""
