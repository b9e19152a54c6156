"""LSH candidate pairs: documents sharing any bucket key, found with one sort."""

from __future__ import annotations

import numpy as np

MAX_BUCKET = 64  # a bucket this full is template text, not a story; its pairs are skipped


def candidate_pairs(keys: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """Unique ``(i, j)`` row pairs, ``i < j``, that share a bucket key; shape (m, 2)."""
    if len(keys) < 2:
        return np.zeros((0, 2), dtype=np.int64)
    order = np.argsort(keys, kind="stable")
    k, r = keys[order], rows[order]
    starts = np.flatnonzero(np.concatenate([[True], k[1:] != k[:-1]]))
    sizes = np.diff(np.concatenate([starts, [len(k)]]))
    small = np.repeat(sizes <= MAX_BUCKET, sizes)
    out = []
    for d in range(1, MAX_BUCKET):
        same = (k[d:] == k[:-d]) & small[d:]
        if not same.any():
            break
        a, b = r[:-d][same], r[d:][same]
        out.append(np.stack([np.minimum(a, b), np.maximum(a, b)], axis=1))
    if not out:
        return np.zeros((0, 2), dtype=np.int64)
    pairs = np.concatenate(out)
    pairs = pairs[pairs[:, 0] != pairs[:, 1]]
    width = np.int64(int(rows.max()) + 1)
    codes = np.unique(pairs[:, 0] * width + pairs[:, 1])
    return np.stack([codes // width, codes % width], axis=1)
