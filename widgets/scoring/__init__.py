"""Pure scoring: answers to scores, raw data to normalised indices (no I/O, no widgets).

Core: imports ``banks`` and ``errors`` only.
"""
