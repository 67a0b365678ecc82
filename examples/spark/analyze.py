"""Analyse a JSONL corpus with Marginalia's engine on Apache Spark.

Each line of INPUT is a document ``{"id": ..., "text": ...}``; each line of
the output is ``marginalia analyze --jsonl``'s answer for it (entities,
quotations, speakers), in input order. Spark splits the corpus into
partitions; every partition is piped through the ``marginalia`` command
line on an executor, which Spark ships there (``SparkContext.addFile``), so
the executors need nothing installed but Python and Java.

    python3 examples/spark/analyze.py INPUT.jsonl OUTPUT_DIR \\
        [--master local[*] | spark://host:7077] [--binary target/release/marginalia] \\
        [--partitions N]

OUTPUT_DIR is Spark's usual folder of ``part-NNNNN`` files; read them in name
order for the documents in input order (``cat OUTPUT_DIR/part-*``).
"""

import argparse
import os
import subprocess
import sys
import time

from pyspark import SparkConf, SparkContext, SparkFiles

#: The file name the command line travels under to the executors.
BINARY_NAME = "marginalia"


def analyze_partition(lines):
    """Pipes one partition's documents through ``marginalia analyze``.

    One job per executor task: Spark already runs a task per core, and the
    command line's own threads would compete with it. A failing document
    is reported by the command line on stderr and left out, as on one
    machine; a command that cannot run at all fails the task.
    """
    binary = SparkFiles.get(BINARY_NAME)
    if not os.access(binary, os.X_OK):
        os.chmod(binary, 0o755)
    docs = "".join(line + "\n" for line in lines)
    if not docs:
        return []
    run = subprocess.run(
        [binary, "analyze", "--jobs", "1", "--jsonl"],
        input=docs.encode("utf-8"),
        capture_output=True,
        check=False,
    )
    stderr = run.stderr.decode("utf-8", "replace")
    some_documents_failed = run.returncode == 1 and "could not be analysed" in stderr
    if run.returncode != 0 and not some_documents_failed:
        raise RuntimeError("marginalia failed: " + stderr[-2000:])
    if stderr:
        sys.stderr.write(stderr)
    return run.stdout.decode("utf-8").splitlines()


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("input", help="JSONL corpus, one {\"id\", \"text\"} per line")
    p.add_argument("output", help="folder to write (it must not exist)")
    p.add_argument("--master", default="local[*]", help="Spark master URL (default local[*]: every core here)")
    p.add_argument("--binary", default="target/release/marginalia", help="the marginalia command line to ship")
    p.add_argument("--partitions", type=int, default=None, help="partitions (default: Spark's, at least 2 per core)")
    return p.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    if not os.path.isfile(args.binary):
        sys.exit(f"{args.binary}: no such file (build it: cargo build --release --bin marginalia)")
    t0 = time.monotonic()
    conf = SparkConf().setMaster(args.master).setAppName("marginalia-analyze").set("spark.ui.enabled", "false")
    sc = SparkContext(conf=conf)
    sc.setLogLevel("ERROR")
    try:
        sc.addFile(os.path.abspath(args.binary))
        started = time.monotonic() - t0
        lines = sc.textFile(os.path.abspath(args.input), minPartitions=args.partitions or 2 * sc.defaultParallelism)
        analysed = lines.mapPartitions(analyze_partition)
        analysed.saveAsTextFile(os.path.abspath(args.output))
        docs = sc.textFile(os.path.abspath(args.output)).count()
        total = time.monotonic() - t0
        work = max(total - started, 1e-9)
        print(
            f"spark {args.master}: {docs} documents in {total:.1f} s "
            f"(start-up {started:.1f} s; {docs / work:.1f} documents/s after it)",
            file=sys.stderr,
        )
    finally:
        sc.stop()


if __name__ == "__main__":
    main()
