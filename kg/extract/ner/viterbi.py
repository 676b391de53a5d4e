"""CRF decoding for a batch of sequences of one length, vectorised with numpy.

LAC's export gives per-character tag scores (emissions) and a square transition matrix; the
best tag path maximises the sum of both. Decoding one sentence at a time in a Python loop is
what makes the package's own runner slow: here the loop runs over positions only, each step
scoring every (sentence, previous tag, tag) triple at once.
"""
from __future__ import annotations

import numpy as np


def viterbi(emissions: np.ndarray, transitions: np.ndarray) -> np.ndarray:
    """Best tag ids, shape (batch, length), for emissions of shape (batch, length, tags).

    Ties go to the lowest tag id, as `numpy.argmax` breaks them, so a batch decodes exactly as
    its rows would one by one."""
    batch, length, _ = emissions.shape
    if length == 0:
        return np.zeros((batch, 0), dtype=np.int64)
    score = emissions[:, 0, :].astype(np.float32, copy=True)
    back = np.empty((max(length - 1, 0), batch, emissions.shape[2]), dtype=np.int64)
    for t in range(1, length):
        total = score[:, :, None] + transitions[None, :, :]  # (batch, previous, current)
        best = total.argmax(axis=1)
        back[t - 1] = best
        score = np.take_along_axis(total, best[:, None, :], axis=1)[:, 0, :] + emissions[:, t, :]
    path = np.empty((batch, length), dtype=np.int64)
    path[:, -1] = score.argmax(axis=1)
    rows = np.arange(batch)
    for t in range(length - 2, -1, -1):
        path[:, t] = back[t][rows, path[:, t + 1]]
    return path
