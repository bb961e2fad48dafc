#!/usr/bin/env python3
"""Corpus-run benchmark: pages/s, MB/s and peak memory of `winnow -j 1` and
`-j 2` on benchmark pages packed into a WARC.gz and a JSONL file, next to the
single-page speed of winnow_bench on the same pages. Prints figures; checks
nothing (speed is for people to read, not for tests to assert).

    python3 bench/containers.py [--pages DIR ...] [--big-mb N] [--repeat R]

--big-mb N also packs a JSONL and a WARC.gz of about N MB each (pages
repeated) to show that peak memory does not grow with the corpus, and how a
long run compares once RE2 has built the DFA states the pages need.
"""
import argparse, gzip, json, os, shutil, statistics, subprocess, sys, tempfile, time, uuid

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def pages(dirs):
    out = []
    for d in dirs:
        for name in sorted(os.listdir(d)):
            if name.endswith(".html"):
                with open(os.path.join(d, name), "rb") as f:
                    out.append((name[:-5], f.read()))
    return out


def warc_record(uri, body):
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + body
    head = ("WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:%s>\r\n"
            "WARC-Target-URI: %s\r\nContent-Type: application/http; msgtype=response\r\n"
            "Content-Length: %d\r\n\r\n" % (uuid.uuid4(), uri, len(http))).encode()
    return head + http + b"\r\n\r\n"


def run(cmd):
    """Wall time and peak RSS (KB) of a command. Measured by /usr/bin/time in
    the child: a forked Python counts its parent's pages in ru_maxrss."""
    t0 = time.perf_counter()
    p = subprocess.run(["/usr/bin/time", "-f", "%M"] + cmd, stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE, text=True)
    secs = time.perf_counter() - t0
    rss = int(p.stderr.strip().splitlines()[-1])
    return secs, rss


def count(path):
    """Records in a packed file: lines of a JSONL, records of a WARC.gz."""
    if path.endswith(".warc.gz"):
        with gzip.open(path, "rb") as f:
            return sum(1 for line in f if line.startswith(b"WARC/1.0"))
    with open(path) as f:
        return sum(1 for _ in f)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", nargs="*", default=[os.path.join(ROOT, "..", "shared", "eval", d, "html")
                                                      for d in ("scrapinghub", "wcxb-dev")])
    ap.add_argument("--winnow", default=os.path.join(ROOT, "build", "winnow"))
    ap.add_argument("--bench", default=os.path.join(ROOT, "build", "winnow_bench"))
    ap.add_argument("--big-mb", type=int, default=0)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    docs = pages([d for d in args.pages if os.path.isdir(d)])
    if not docs:
        sys.exit("no pages found")
    total = sum(len(b) for _, b in docs)
    tmp = tempfile.mkdtemp(prefix="winnow-bench-")
    warc = os.path.join(tmp, "pages.warc.gz")
    jsonl = os.path.join(tmp, "pages.jsonl")
    with open(warc, "wb") as w:
        for i, (name, body) in enumerate(docs):
            w.write(gzip.compress(warc_record("https://bench.example/%s" % name, body), 1))
    with open(jsonl, "w") as j:
        for name, body in docs:
            j.write(json.dumps({"id": name, "html": body.decode("utf-8", "replace")}) + "\n")
    loose = os.path.join(tmp, "pages")
    os.mkdir(loose)
    for i, (name, body) in enumerate(docs):
        with open(os.path.join(loose, "%04d-%s.html" % (i, name)), "wb") as f:
            f.write(body)
    print("%d pages, %.1f MB of HTML" % (len(docs), total / 1e6))
    # The reference: the same pages one by one. winnow_bench holds them in
    # memory and reports a warm median and the first (cold) pass, which
    # fills RE2's DFA caches as a corpus run's first pages do; the command
    # line on the loose files is the same run as a container's minus the
    # container.
    inputs = [("WARC.gz", warc), ("JSONL", jsonl)]
    if args.big_mb:
        big = os.path.join(tmp, "big.jsonl")
        written = 0
        with open(big, "w") as j:
            while written < args.big_mb * 1e6:
                for name, body in docs:
                    line = json.dumps({"id": name, "html": body.decode("utf-8", "replace")}) + "\n"
                    j.write(line)
                    written += len(line)
        inputs.append(("JSONL %d MB" % (written / 1e6), big))
        # The same pages repeated in a WARC.gz of about the same size.
        bigw = os.path.join(tmp, "big.warc.gz")
        written = 0
        with open(bigw, "wb") as w:
            while written < args.big_mb * 1e6:
                for name, body in docs:
                    w.write(gzip.compress(warc_record("https://bench.example/%s" % name, body), 1))
                    written += len(body)
        inputs.append(("WARC.gz %d MB" % (written / 1e6), bigw))
    # This machine's speed drifts from minute to minute, so every figure is
    # a median over --repeat rounds, and each round runs everything once,
    # one after the other: a ratio is taken within a round.
    rounds = []
    for r in range(args.repeat):
        got = {}
        out = subprocess.run([args.bench, loose, "--rounds", "3"], capture_output=True, text=True).stdout
        for l in out.splitlines():
            if l.startswith("ms per page"):
                got["winnow_bench " + l.split(":")[0].replace("ms per page", "warm").replace("warm, first pass", "cold")] = float(l.split(":")[1])
        secs, _ = run([args.winnow, "-q", "-j", "1", "-o", os.path.join(tmp, "out%d" % r), loose])
        got["loose files -j1"] = secs * 1000 / len(docs)
        for label, path in inputs:
            n = len(docs) if "MB" not in label else count(path)
            for j in (1, 2):
                secs, rss = run([args.winnow, "-q", "-j", str(j), path])
                mb = total / 1e6 if "MB" not in label else int(label.split()[-2])
                got[(label, j)] = (secs * 1000 / n, rss / 1024, mb / secs)
        rounds.append(got)
    med = statistics.median
    refs = [k for k in rounds[0] if isinstance(k, str)]
    for k in refs:
        print("single page, %-22s ms per page: %.2f" % (k + ":", med(g[k] for g in rounds)))
    print("%-14s %4s %9s %8s %8s %10s" % ("input", "-j", "pages/s", "MB/s", "ms/page", "peak MB"))
    for label, path in inputs:
        for j in (1, 2):
            ms = med(g[(label, j)][0] for g in rounds)
            print("%-14s %4d %9.0f %8.1f %8.2f %10.0f" % (label, j, 1000 / ms, med(g[(label, j)][2] for g in rounds),
                                                        ms, max(g[(label, j)][1] for g in rounds)))
        print("%-14s      speed-up -j2 / -j1: %.2fx (median of the rounds' ratios)" % (
            "", med(g[(label, 1)][0] / g[(label, 2)][0] for g in rounds)))
        print("%-14s      -j1 vs single page: %s" % ("", ", ".join(
            "%+.0f%% (%s)" % (100 * (med(g[(label, 1)][0] / g[k] for g in rounds) - 1), k) for k in refs)))
    shutil.rmtree(tmp)


if __name__ == "__main__":
    main()
