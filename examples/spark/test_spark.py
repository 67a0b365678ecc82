"""The Spark example gives the same lines as one process.

Runs ``analyze.py`` on ``local[2]`` over the CoNLL 2020 dev set from
``../shared/corpus`` and checks that its output, read in part order, is
byte for byte ``marginalia analyze --jsonl`` on one machine. Skipped, with a
line saying why, when the corpus or pyspark is missing.

    python3 examples/spark/test_spark.py [--binary target/release/marginalia]
"""

import argparse
import glob
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def corpus_file():
    corpus = os.environ.get("MARGINALIA_CORPUS", os.path.join(ROOT, "..", "shared", "corpus"))
    return os.path.join(corpus, "conll2020", "dev.jsonl")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--binary", default=os.path.join(ROOT, "target", "release", "marginalia"))
    args = p.parse_args()
    source = corpus_file()
    if not os.path.isfile(source):
        print(f"spark test skipped: {source} not found (the corpus lives next to the repository)")
        return 0
    try:
        import pyspark  # noqa: F401
    except ImportError:
        print("spark test skipped: pyspark is not installed (pip install -r examples/spark/requirements.txt)")
        return 0
    with open(source, "rb") as f:
        one = subprocess.run([args.binary, "analyze", "--jobs", "1", "--jsonl"], stdin=f, capture_output=True, check=True).stdout
    work = tempfile.mkdtemp(prefix="marginalia-spark-")
    try:
        out = os.path.join(work, "out")
        env = dict(os.environ, SPARK_LOCAL_IP="127.0.0.1", PYSPARK_PYTHON=sys.executable)
        t0 = time.monotonic()
        subprocess.run(
            [sys.executable, os.path.join(HERE, "analyze.py"), source, out, "--master", "local[2]", "--binary", args.binary],
            env=env,
            check=True,
        )
        elapsed = time.monotonic() - t0
        parts = sorted(glob.glob(os.path.join(out, "part-*")))
        spark = b"".join(open(part, "rb").read() for part in parts)
        if spark != one:
            print(f"spark test FAILED: {len(spark.splitlines())} lines from Spark, {len(one.splitlines())} from one process")
            return 1
        print(f"spark test passed: {len(one.splitlines())} documents, the same bytes as one process ({elapsed:.1f} s with start-up)")
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
