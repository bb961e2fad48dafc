#!/usr/bin/env python3
"""Consistency check of the text-mode corpus (not an extractor).

For every corpus/text/<name>.txt there must be <name>.expected.txt, and the
expected text must be the input with whole lines removed:

  - both files are UTF-8, without BOM or CR;
  - every line of the expected text occurs in the input, unchanged and in
    order;
  - the lines of one expected paragraph all come from one input paragraph,
    and each expected paragraph comes from a later input paragraph than the
    one before (paragraphs are never merged or split);
  - the expected text has paragraphs separated by exactly one blank line, no
    blank line at the start and exactly one newline at the end.

`seed-globaldata` is a byte-for-byte copy of shared/seed, whose expected
file has no final newline; the format rules are not applied to it, and it is
compared with shared/seed when that directory is present.

    python3 corpus/gen/check_text.py        # one line per case
    python3 corpus/gen/check_text.py -v     # also list the lines removed
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TEXT_DIR = os.path.join(os.path.dirname(HERE), "text")
SEED_DIR = os.path.join(os.path.dirname(os.path.dirname(HERE)), "..", "shared", "seed")
VERBATIM = {"seed-globaldata": "000_7f891ba8df67adf0"}


def paragraphs(text):
    """Paragraphs as lists of lines; blank (or white-space-only) lines separate them."""
    paras, cur = [], []
    for line in text.split("\n"):
        if line.strip():
            cur.append(line)
        elif cur:
            paras.append(cur)
            cur = []
    if cur:
        paras.append(cur)
    return paras


def is_subsequence(small, big):
    it = iter(big)
    return all(any(x == y for y in it) for x in small)


def check(name):
    problems = []
    inp_b = open(os.path.join(TEXT_DIR, name + ".txt"), "rb").read()
    exp_path = os.path.join(TEXT_DIR, name + ".expected.txt")
    if not os.path.exists(exp_path):
        return ["no expected text"], None
    exp_b = open(exp_path, "rb").read()
    try:
        inp, exp = inp_b.decode("utf-8"), exp_b.decode("utf-8")
    except UnicodeDecodeError as e:
        return [f"not UTF-8: {e}"], None
    for label, t in (("input", inp), ("expected", exp)):
        if t.startswith("\ufeff"):
            problems.append(f"BOM in {label}")
        if "\r" in t:
            problems.append(f"CR in {label}")

    if name in VERBATIM:
        for suffix in (".txt", ".expected.txt"):
            src = os.path.join(SEED_DIR, VERBATIM[name] + suffix)
            if os.path.exists(src) and open(src, "rb").read() != open(
                    os.path.join(TEXT_DIR, name + suffix), "rb").read():
                problems.append(f"{name}{suffix} differs from shared/seed")
    else:
        if not inp.endswith("\n") or inp.endswith("\n\n"):
            problems.append("input must end with exactly one newline")
        if not exp.endswith("\n") or exp.endswith("\n\n"):
            problems.append("expected must end with exactly one newline")
        if exp.startswith("\n"):
            problems.append("expected starts with a blank line")
        if "\n\n\n" in exp:
            problems.append("more than one blank line between paragraphs")
        if any(l and not l.strip() for l in exp.split("\n")):
            problems.append("white-space-only line in expected")

    ip, ep = paragraphs(inp), paragraphs(exp)
    if not ep:
        problems.append("expected text is empty")
    j = 0
    for para in ep:
        while j < len(ip) and not is_subsequence(para, ip[j]):
            j += 1
        if j == len(ip):
            flat = [l for p in ip for l in p]
            bad = next((l for l in para if l not in flat), None)
            if bad is not None:
                problems.append(f"not in input: {bad[:70]!r}")
            else:
                problems.append(f"out of order or paragraphs merged/split at: {para[0][:70]!r}")
            break
        j += 1

    removed = [l for l in (x for p in ip for x in p)]
    kept = [l for p in ep for l in p]
    for l in kept:  # multiset difference, in input order
        if l in removed:
            removed.remove(l)
    return problems, (len(ip), len(ep), removed)


def main():
    verbose = "-v" in sys.argv[1:]
    names = sorted(n[:-4] for n in os.listdir(TEXT_DIR)
                   if n.endswith(".txt") and not n.endswith(".expected.txt"))
    orphans = sorted(n for n in os.listdir(TEXT_DIR) if n.endswith(".expected.txt")
                     and n[:-len(".expected.txt")] not in names)
    bad = 0
    for name in names:
        problems, info = check(name)
        if info:
            ni, ne, removed = info
            what = f"{ni:3} -> {ne:3} paragraphs, {len(removed):3} lines removed"
            if not removed:
                what += " (no boilerplate)"
        else:
            what = ""
        print(f"{'ok' if not problems else 'FAIL':4} {name:32} {what}")
        for pr in problems:
            print("      ", pr)
        if verbose and info:
            for l in info[2]:
                print("       -", l[:100])
        bad += bool(problems)
    for o in orphans:
        print(f"FAIL {o}: expected text without input")
        bad += 1
    print(f"{len(names)} cases, {bad} failing")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
