#!/usr/bin/env python3
"""Where a process's CPU goes, by group of threads, second by second (Linux only).

Runs COMMAND, reads the CPU time (user + system) of each of its threads from /proc every second,
adds it up by group of thread names, and prints one tab-separated line a second: the seconds since
the start, then "group=ticks" for each group (a tick is 1/100 s on Linux). The benchmark's JVM is
one process, so its stream threads, the embedded broker, the clients' I/O threads, RocksDB's
background threads, the collector and the JIT each show apart. Used for "Where a hashed record's
CPU goes" in docs/performance.md:

    scripts/thread-cpu.py java -Xms4g -Xmx4g -XX:+AlwaysPreTouch -jar target/online-learner.jar \
        bench --hashed --repeat 1 > cpu.tsv
    # then average the seconds of the measured run (where the stream threads are busy) and divide
    # by the run's records per second: ticks/s * 10 000 / rate = µs a record

The command's own output goes to thread-cpu.log.
"""
import collections
import os
import subprocess
import sys
import time

# First match wins; a thread's name is its first 15 characters in /proc. The broker's prefixes are
# those of bench.ThreadCpu; stream and baseline threads are kept apart here.
GROUPS = [
    ("stream", "bench-learner"),
    ("baseline", "bench-baseline"),
    ("collector", "GC Thread"),
    ("collector", "G1 "),
    ("jit", "C1 Compiler"),
    ("jit", "C2 Compiler"),
    ("rocksdb", "rocksdb:"),
    ("client-io", "kafka-producer-"),
    ("client-io", "kafka-consumer-"),
    ("broker", "data-plane-"),
    ("broker", "kafka-"),
    ("broker", "group-coordinat"),
    ("broker", "share-coordinat"),
    ("broker", "TxnMarkerSender"),
    ("broker", "AddPartitionsTo"),
    ("broker", "quorum-"),
    ("broker", "broker-"),
    ("broker", "ExpirationReape"),
    ("broker", "log-closing-"),
    ("broker", "raft-"),
    ("main", "java"),
]
ORDER = ["stream", "baseline", "broker", "client-io", "rocksdb", "collector", "jit", "main", "other"]


def group(name):
    for label, prefix in GROUPS:
        if name.startswith(prefix):
            return label
    return "other"


def ticks(pid, tid):
    with open("/proc/%d/task/%s/stat" % (pid, tid)) as f:
        stat = f.read()
    name = stat[stat.index("(") + 1:stat.rindex(")")]
    fields = stat[stat.rindex(")") + 2:].split()
    return name, int(fields[11]) + int(fields[12])


def main(command):
    start = time.time()
    with open("thread-cpu.log", "w") as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
        last = {}
        while process.poll() is None:
            spent = collections.Counter()
            try:
                tids = os.listdir("/proc/%d/task" % process.pid)
            except FileNotFoundError:
                break
            for tid in tids:
                try:
                    name, total = ticks(process.pid, tid)
                except (FileNotFoundError, ProcessLookupError, ValueError):
                    continue
                spent[group(name)] += total - last.get(tid, 0)
                last[tid] = total
            print("%.0f\t%s" % (time.time() - start, "\t".join("%s=%d" % (g, spent[g]) for g in ORDER)), flush=True)
            time.sleep(1)
    return process.wait()


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit("usage: thread-cpu.py COMMAND [ARGS...]")
    sys.exit(main(sys.argv[1:]))
