#!/usr/bin/env python3
"""winnow's evaluation command: run the extractor over a dataset and score it.

    python3 tools/eval.py DATASET_DIR [--winnow BINARY] [--pred-dir DIR] [--no-run]
                          [--per-page FILE] [--worst N] [--json] [--floor FILE]

DATASET_DIR layout:
    html/<id>.html      input pages
    gold/<id>.txt       reference main text (UTF-8); only pages with gold are scored
    snippets.json       optional: {id: {"with": [...], "without": [...]}}

By default the winnow binary (build/winnow under the repository root) is run
once as `winnow --output-dir PRED_DIR DATASET_DIR/html`, timed, and its output
scored.  PRED_DIR is a temporary directory unless --pred-dir is given.  With
--pred-dir DIR --no-run the predictions already in DIR are scored instead.
A page whose prediction file is absent is scored as an empty extraction, so a
crash on one page costs that page's score instead of aborting the evaluation.

Metrics.  The figures are meant to be interchangeable with the shared reference
scorer (score.py) used for the published peer numbers, so each definition below
follows that scorer's conventions, including its edge cases:

  shingle    The Scrapinghub article-extraction-benchmark measure.  Words are
             Unicode \\w+ runs (case kept).  A page's text becomes the multiset
             of its 4-word windows; a text of 1-3 words is a single window and
             an empty text has none.  Per page: precision = matched / predicted
             windows, recall = matched / gold windows, both 1.0 when prediction
             and gold are the same multiset.  Precision is averaged only over
             pages whose prediction has at least one window, recall only over
             pages whose gold has one; F1 is the harmonic mean of those two
             averages (not an average of per-page F1).
  bow        Bag-of-words F1 as in WCXB: lower-cased \\w+ words, multiset
             overlap.  Empty gold scores 1 when the prediction is empty too and
             0 otherwise; an empty prediction of non-empty gold scores 0.
             P, R and F1 are each averaged over all pages.
  rougelsum  ROUGE-LSum as in WCEB (Bevendorff et al. 2023): whitespace words
             (case and punctuation kept), text cut into sentences by a rule
             based stand-in for NLTK's Punkt, summary-level union-LCS with
             rouge_score's counting rules.  Empty gold gives recall 1, and also
             precision and F1 of 1 when the prediction is empty.  P, R and F1
             are averaged over all pages.
  snippets   trafilatura-style check, only when snippets.json exists: each
             "with" snippet found in the prediction is a true positive (else a
             false negative), each "without" snippet found is a false positive
             (else a true negative); matching is a substring test after
             collapsing whitespace.  P, R and F1 come from the pooled counts.

Exit status: 0 when scored (and every --floor met), 1 when some floor is
missed, 2 on usage errors (missing directories, binary or floor file).
"""

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_WINNOW = os.path.join(REPO_ROOT, "build", "winnow")


class UsageError(Exception):
    """A problem with the command line or the inputs it names (exit status 2)."""


# ---------------------------------------------------------------------------
# Small numeric helpers.  fmean/median of an empty list are defined as 0 so a
# metric over zero eligible pages reads as 0 instead of raising.

def _mean(values):
    return statistics.fmean(values) if values else 0.0


def _median(values):
    return statistics.median(values) if values else 0.0


def harmonic(p, r):
    return 2 * p * r / (p + r) if p + r > 0 else 0.0


def read_text(path):
    """Read a UTF-8 file; a missing file is an empty text.

    Bytes that are not valid UTF-8 are replaced rather than fatal, because a
    prediction with one bad byte should still be scored.  A BOM is kept, as
    the reference scorer keeps it (it is neither a word nor whitespace, so it
    only ever glues onto the first whitespace token)."""
    try:
        with open(path, "rb") as f:
            raw = f.read()
    except FileNotFoundError:
        return ""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("utf-8", errors="replace")


# ---------------------------------------------------------------------------
# Word-based metrics.  Python's \w on str is Unicode-aware (it matches exactly
# the characters for which str.isalnum() is true, plus "_"), so CJK, Cyrillic
# etc. are words too.  CJK text without spaces becomes one long "word" per run,
# which is how the benchmarks count it as well.

WORD = re.compile(r"\w+")
SHINGLE_WIDTH = 4


def words(text):
    return WORD.findall(text)


def shingles(tokens):
    """Multiset of SHINGLE_WIDTH-token windows; short texts are one window."""
    if not tokens:
        return Counter()
    if len(tokens) <= SHINGLE_WIDTH:
        return Counter([tuple(tokens)])
    # zip of the shifted lists yields every full window, in C
    return Counter(zip(*(tokens[k:] for k in range(SHINGLE_WIDTH))))


def score_shingle(gold, pred):
    """Per-page shingle figures; n_pred/n_gold decide which macro averages
    the page takes part in (see aggregate_shingle)."""
    gold_tokens, pred_tokens = words(gold), words(pred)
    g, p = shingles(gold_tokens), shingles(pred_tokens)
    tp = sum((g & p).values())
    fp = sum(p.values()) - tp  # predicted windows beyond the matched ones
    fn = sum(g.values()) - tp  # gold windows beyond the matched ones
    if fp == 0 and fn == 0:
        # identical multisets, including two empty texts
        precision = recall = 1.0
    else:
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
    return {"p": precision, "r": recall, "f1": harmonic(precision, recall),
            "n_pred": tp + fp, "n_gold": tp + fn,
            "exact": gold_tokens == pred_tokens}


def aggregate_shingle(rows):
    precisions = [r["p"] for r in rows if r["n_pred"] > 0]
    recalls = [r["r"] for r in rows if r["n_gold"] > 0]
    p, r = _mean(precisions), _mean(recalls)
    f1s = [row["f1"] for row in rows]
    return {"precision": p, "recall": r, "f1": harmonic(p, r),
            "f1_mean_per_page": _mean(f1s), "f1_median": _median(f1s),
            "exact_match_rate": _mean([1.0 if row["exact"] else 0.0 for row in rows]),
            "precision_pages": len(precisions), "recall_pages": len(recalls)}


def score_bow(gold, pred):
    gold_tokens = words(gold.lower())
    pred_tokens = words(pred.lower())
    if not gold_tokens:
        v = 0.0 if pred_tokens else 1.0
        p = r = f1 = v
    elif not pred_tokens:
        p = r = f1 = 0.0
    else:
        common = sum((Counter(gold_tokens) & Counter(pred_tokens)).values())
        p, r = common / len(pred_tokens), common / len(gold_tokens)
        f1 = harmonic(p, r)
    return {"p": p, "r": r, "f1": f1,
            "gold_tokens": len(gold_tokens), "pred_tokens": len(pred_tokens)}


def aggregate_means(rows):
    """Plain per-page means, used by bow and rougelsum."""
    f1s = [row["f1"] for row in rows]
    return {"precision": _mean([row["p"] for row in rows]),
            "recall": _mean([row["r"] for row in rows]),
            "f1": _mean(f1s), "f1_median": _median(f1s)}


# ---------------------------------------------------------------------------
# ROUGE-LSum.
#
# Sentence splitting stands in for nltk.sent_tokenize with a rule: a sentence
# may end after ".", "!" or "?" (optionally followed by closing quotes or
# brackets) when whitespace follows.  The break is vetoed when the next
# character is a lower-case letter (the sentence evidently goes on) or when
# the word carrying the period is a known abbreviation or a lone initial.
# The rule and the abbreviation list must stay identical to the reference
# scorer's or the scores drift apart.

_CLOSERS = "\"'\u201d\u2019)]"
_CANDIDATE_BREAK = re.compile(r"(?<=[.!?])[\"'\u201d\u2019)\]]*\s+")
_ABBREVIATIONS = frozenset("""
    mr mrs ms dr prof sr jr st rev gen gov sen rep capt col lt sgt
    inc ltd co corp dept est
    jan feb mar apr jun jul aug sep sept oct nov dec
    vs etc e.g i.e no vol fig approx mt ft a.m p.m u.s u.k
""".split())


def _is_abbreviation(word):
    """word is the lower-cased token before a sentence-final period, with the
    trailing punctuation removed."""
    return word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def split_sentences(text):
    text = text.strip()
    if not text:
        return []
    sentences = []
    begin = 0
    for m in _CANDIDATE_BREAK.finditer(text):
        # text is stripped, so a whitespace run never ends the text and the
        # character after the break always exists.
        if text[m.end()].islower():
            continue
        head = text[begin:m.start()].rstrip(_CLOSERS).split()
        last = head[-1] if head else ""
        if last.endswith(".") and _is_abbreviation(last.rstrip(".!?").lower()):
            continue
        sentences.append(text[begin:m.end()])
        begin = m.end()
    sentences.append(text[begin:])
    return [s for s in sentences if s]


try:
    _popcount = int.bit_count  # Python >= 3.10
except AttributeError:
    def _popcount(x):
        return bin(x).count("1")


def _lcs_positions(a, b):
    """Indices into `a` of one longest common subsequence of a and b.

    When several LCS exist, which one is returned matters: the union over
    candidate sentences is taken position by position.  The choice follows
    rouge_score's non-recursive backtracking over the LCS table T: walk back
    from the end, take a diagonal step on a match, otherwise step left (in b)
    only when T[i][j-1] > T[i-1][j], else step up (in a).

    The table is not filled cell by cell (that inner loop dominated the
    whole evaluation).  Each row is one integer, computed with the
    bit-parallel LCS recurrence of Allison-Dix / Hyyro: bit j is 0 exactly
    when T[i][j+1] = T[i][j] + 1, so T[i][j] is the number of 0 bits among
    the row's lowest j bits.  The backtracking reads T from there, which
    gives the same cells and hence the same path as the plain table."""
    width = len(b)
    full = (1 << width) - 1
    match_bits = {}
    for j, tok in enumerate(b):
        match_bits[tok] = match_bits.get(tok, 0) | (1 << j)
    rows = [full]
    v = full
    for tok in a:
        u = v & match_bits.get(tok, 0)
        v = ((v + u) | (v - u)) & full
        rows.append(v)

    def cell(i, j):  # T[i][j]
        return j - _popcount(rows[i] & ((1 << j) - 1))

    picked = []
    i, j = len(a), width
    while i > 0 and j > 0:
        if a[i - 1] == b[j - 1]:
            picked.append(i - 1)
            i -= 1
            j -= 1
        elif cell(i, j - 1) > cell(i - 1, j):
            j -= 1
        else:
            i -= 1
    return picked


def union_lcs_hits(ref_sents, cand_sents):
    """Number of reference tokens credited by summary-level union-LCS.

    For each reference sentence, the positions covered by its LCS with any
    candidate sentence are pooled.  rouge_score then credits each pooled
    position while both the reference and candidate still have an unused
    occurrence of that token.  Since the pooled occurrences of a token never
    outnumber its occurrences in the reference, that amounts to crediting
    min(pooled occurrences, candidate occurrences) per token type.

    Each sentence pair's LCS is computed on the two sentences restricted to
    the tokens they share.  That is a large speed-up on long sentences and
    the reference scorer does the same, which keeps the tie-breaking between
    equally long LCS identical to it.

    Two shortcuts skip LCS computations whose outcome cannot change the
    pooled set, so they do not affect the result: a reference sentence that
    also occurs verbatim among the candidates is covered entirely (the common
    case for a good extractor, which copies most sentences unchanged), and a
    pair is skipped when the candidate holds none of the tokens at reference
    positions not yet covered (an LCS can only cover positions whose token
    both sentences share).  The pooled set is a union, so skipping pairs
    that cannot add to it leaves it unchanged."""
    cand_sets = [set(c) for c in cand_sents]
    verbatim = {tuple(c) for c in cand_sents}
    pooled = Counter()
    for ref in ref_sents:
        if tuple(ref) in verbatim:
            pooled.update(ref)
            continue
        ref_set = set(ref)
        covered = set()
        open_tokens = ref_set  # tokens at positions not covered yet
        for cand, cand_set in zip(cand_sents, cand_sets):
            if open_tokens.isdisjoint(cand_set):
                continue
            shared = ref_set & cand_set
            kept = [k for k, tok in enumerate(ref) if tok in shared]
            ref_part = [ref[k] for k in kept]
            cand_part = [tok for tok in cand if tok in shared]
            covered.update(kept[k] for k in _lcs_positions(ref_part, cand_part))
            open_tokens = {tok for k, tok in enumerate(ref) if k not in covered}
            if not open_tokens:
                break
        pooled.update(ref[k] for k in covered)
    available = Counter(tok for cand in cand_sents for tok in cand)
    return sum(min(n, available[tok]) for tok, n in pooled.items())


def score_rougelsum(gold, pred):
    # Map tokens to small ints: the union-LCS hashes and compares tokens a
    # great many times on long pages, and ints are cheaper to do that with.
    ids = {}

    def encode(sentence):
        # str.split() splits on exactly the characters re's \s matches.
        return [ids.setdefault(tok, len(ids)) for tok in sentence.split()]

    ref = [encode(s) for s in split_sentences(gold)]
    cand = [encode(s) for s in split_sentences(pred)]
    n_ref = sum(map(len, ref))
    n_cand = sum(map(len, cand))
    if ref and ref == cand:
        p = r = f1 = 1.0  # every token is covered; skip the quadratic work
    elif n_ref and n_cand:
        hits = union_lcs_hits(ref, cand)
        p, r = hits / n_cand, hits / n_ref
        f1 = harmonic(p, r)
    else:
        p = r = f1 = 0.0
    if not gold.strip():
        # WCEB convention: nothing to recall is full recall, and an empty
        # extraction of an empty page is a perfect one.
        r = 1.0
        if not pred.strip():
            p = f1 = 1.0
    return {"p": p, "r": r, "f1": f1}


# ---------------------------------------------------------------------------
# Snippets

def _squash(text):
    return " ".join(text.split())


def score_snippets(snippets, pred_for):
    """snippets: parsed snippets.json; pred_for(id) -> prediction text."""
    tp = fp = fn = tn = 0
    with_rates, without_rates = [], []
    for page_id in sorted(snippets):
        entry = snippets[page_id]
        pred = pred_for(page_id)
        flat = _squash(pred)
        must = entry.get("with") or []
        must_not = entry.get("without") or []
        hit_with = sum(_squash(s) in flat for s in must)
        hit_without = sum(_squash(s) in flat for s in must_not)
        tp += hit_with
        fn += len(must) - hit_with
        fp += hit_without
        tn += len(must_not) - hit_without
        # WCXB's own per-page rates: raw case-insensitive substring, no
        # whitespace folding; a page without snippets of a kind counts as 1.
        lowered = pred.lower()
        with_rates.append(sum(s.lower() in lowered for s in must) / len(must)
                          if must else 1.0)
        without_rates.append(sum(s.lower() in lowered for s in must_not) / len(must_not)
                             if must_not else 1.0)
    total = tp + fp + fn + tn
    return {"precision": tp / (tp + fp) if tp + fp else 0.0,
            "recall": tp / (tp + fn) if tp + fn else 0.0,
            "f1": 2 * tp / (2 * tp + fp + fn) if 2 * tp + fp + fn else 0.0,
            "accuracy": (tp + tn) / total if total else 0.0,
            "tp": tp, "fp": fp, "fn": fn, "tn": tn, "pages": len(snippets),
            "with_rate_mean": _mean(with_rates),
            "without_rate_mean": _mean(without_rates)}


# ---------------------------------------------------------------------------
# Floors

FLOOR_METRICS = ("shingle", "bow", "rougelsum", "snippets")
FLOOR_STATS = {"precision": "precision", "p": "precision",
               "recall": "recall", "r": "recall", "f1": "f1"}


def read_floors(path):
    """Parse `metric_stat value` lines (e.g. `bow_f1 0.85`); `#` starts a
    comment.  Unknown names are errors: a misspelt floor that silently never
    fires would be worse than no floor."""
    try:
        with open(path, encoding="utf-8") as f:
            lines = f.readlines()
    except OSError as e:
        raise UsageError(f"cannot read floor file {path}: {e.strerror}")
    floors = []
    for lineno, line in enumerate(lines, 1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        parts = line.split()
        where = f"{path}:{lineno}"
        if len(parts) != 2:
            raise UsageError(f"{where}: expected `metric_name value`, got {line!r}")
        name, value = parts
        metric, _, stat = name.rpartition("_")
        if metric not in FLOOR_METRICS or stat not in FLOOR_STATS:
            raise UsageError(f"{where}: unknown metric {name!r} (use one of "
                             f"{', '.join(FLOOR_METRICS)} + _precision/_recall/_f1)")
        try:
            floor = float(value)
        except ValueError:
            raise UsageError(f"{where}: {value!r} is not a number")
        floors.append((name, metric, FLOOR_STATS[stat], floor))
    return floors


def check_floors(floors, metrics):
    """Return one message per floor that is not met."""
    failures = []
    for name, metric, stat, floor in floors:
        if metric not in metrics:
            raise UsageError(f"floor {name} cannot be checked: this dataset has "
                             f"no {metric} score (no snippets.json?)")
        value = metrics[metric][stat]
        if value < floor:
            failures.append(f"{name} = {value:.4f} is below its floor {floor:.4f}")
    return failures


# ---------------------------------------------------------------------------
# Running winnow

def list_ids(directory, suffix):
    return sorted(n[:-len(suffix)] for n in os.listdir(directory)
                  if n.endswith(suffix) and os.path.isfile(os.path.join(directory, n)))


def run_winnow(binary, html_dir, pred_dir):
    """Run winnow once over html_dir; return timing facts.

    A non-zero exit status is reported but not fatal: winnow exits non-zero
    when some inputs failed, and the pages it did extract are still worth
    scoring (the failed ones score as empty)."""
    if not (os.path.isfile(binary) and os.access(binary, os.X_OK)):
        raise UsageError(f"winnow binary not found or not executable: {binary} "
                         "(build it first, or pass --winnow PATH)")
    page_ids = list_ids(html_dir, ".html")
    # Drop earlier outputs for these pages, so that a page winnow fails on this
    # time is scored as missing rather than with a stale prediction.
    for page_id in page_ids:
        stale = os.path.join(pred_dir, page_id + ".txt")
        if os.path.isfile(stale):
            os.remove(stale)
    cmd = [binary, "--output-dir", pred_dir, html_dir]
    start = time.perf_counter()
    try:
        # winnow's stdout goes to our stderr so that --json output stays parseable
        proc = subprocess.run(cmd, stdout=sys.stderr, stdin=subprocess.DEVNULL)
    except OSError as e:
        raise UsageError(f"cannot run {binary}: {e.strerror}")
    seconds = time.perf_counter() - start
    pages = len(page_ids)
    return {"command": cmd, "exit_status": proc.returncode, "pages": pages,
            "seconds": seconds,
            "pages_per_second": pages / seconds if seconds > 0 else 0.0,
            "outputs": len(list_ids(pred_dir, ".txt"))}


# ---------------------------------------------------------------------------
# Scoring a prediction directory

def evaluate(dataset_dir, pred_dir):
    """Score pred_dir against dataset_dir; returns (summary, per-page rows)."""
    gold_dir = os.path.join(dataset_dir, "gold")
    ids = list_ids(gold_dir, ".txt")
    if not ids:
        raise UsageError(f"no gold/<id>.txt files in {dataset_dir}")
    pred_ids = set(list_ids(pred_dir, ".txt")) if os.path.isdir(pred_dir) else set()

    def pred_for(page_id):
        return read_text(os.path.join(pred_dir, page_id + ".txt"))

    pages = []
    for page_id in ids:
        gold = read_text(os.path.join(gold_dir, page_id + ".txt"))
        pred = pred_for(page_id)
        pages.append({"id": page_id,
                      "missing": page_id not in pred_ids,
                      "shingle": score_shingle(gold, pred),
                      "bow": score_bow(gold, pred),
                      "rougelsum": score_rougelsum(gold, pred)})

    metrics = {
        "shingle": aggregate_shingle([pg["shingle"] for pg in pages]),
        "bow": aggregate_means([pg["bow"] for pg in pages]),
        "rougelsum": aggregate_means([pg["rougelsum"] for pg in pages]),
    }
    snippets_path = os.path.join(dataset_dir, "snippets.json")
    if os.path.isfile(snippets_path):
        try:
            with open(snippets_path, encoding="utf-8") as f:
                snippets = json.load(f)
        except ValueError as e:
            raise UsageError(f"{snippets_path} is not valid JSON: {e}")
        metrics["snippets"] = score_snippets(snippets, pred_for)

    summary = {"dataset": dataset_dir, "pages": len(ids),
               "missing_predictions": sum(pg["missing"] for pg in pages),
               "extra_predictions_ignored": len(pred_ids - set(ids)),
               "metrics": metrics}
    return summary, pages


def worst_pages(pages, n):
    """The n pages with the lowest bow F1 (ties broken by id, for stable output)."""
    ranked = sorted(pages, key=lambda pg: (pg["bow"]["f1"], pg["id"]))
    return [{"id": pg["id"],
             "bow_p": pg["bow"]["p"], "bow_r": pg["bow"]["r"], "bow_f1": pg["bow"]["f1"],
             "shingle_f1": pg["shingle"]["f1"], "rougelsum_f1": pg["rougelsum"]["f1"],
             "gold_tokens": pg["bow"]["gold_tokens"], "pred_tokens": pg["bow"]["pred_tokens"],
             "missing": pg["missing"]}
            for pg in ranked[:max(n, 0)]]


def write_per_page(path, pages):
    columns = ["id", "shingle_p", "shingle_r", "shingle_f1", "bow_p", "bow_r", "bow_f1",
               "rougelsum_f1", "gold_tokens", "pred_tokens"]
    with open(path, "w", encoding="utf-8") as f:
        f.write("\t".join(columns) + "\n")
        for pg in pages:
            sh, bow = pg["shingle"], pg["bow"]
            figures = [sh["p"], sh["r"], sh["f1"], bow["p"], bow["r"], bow["f1"],
                       pg["rougelsum"]["f1"]]
            f.write("\t".join([pg["id"]] + [f"{x:.4f}" for x in figures]
                              + [str(bow["gold_tokens"]), str(bow["pred_tokens"])]) + "\n")


# ---------------------------------------------------------------------------
# Presentation

def print_report(summary, worst):
    run = summary.get("run")
    if run:
        code = run["exit_status"]
        status = ("" if code == 0 else f", killed by signal {-code}" if code < 0
                  else f", exit status {code}")
        print(f"winnow: {run['pages']} pages in {run['seconds']:.2f} s "
              f"({run['pages_per_second']:.1f} pages/s), {run['outputs']} outputs{status}")
    print(f"scored {summary['pages']} pages with gold; "
          f"{summary['missing_predictions']} predictions missing (scored as empty)")
    print()
    print(f"{'metric':<10} {'precision':>9} {'recall':>7} {'F1':>6}")
    for name, m in summary["metrics"].items():
        print(f"{name:<10} {m['precision']:9.3f} {m['recall']:7.3f} {m['f1']:6.3f}")
    if worst:
        print()
        print(f"worst {len(worst)} pages by bow F1:")
        # id last and in full: scrapinghub ids are 64-character hashes, and a
        # shortened id would not name the file to look at.
        print(f"{'bow P':>6} {'bow R':>6} {'bow F1':>6} {'sh F1':>6} {'rl F1':>6} "
              f"{'gold w':>7} {'pred w':>7}  id")
        for w in worst:
            note = "  (no prediction)" if w["missing"] else ""
            print(f"{w['bow_p']:6.3f} {w['bow_r']:6.3f} {w['bow_f1']:6.3f} "
                  f"{w['shingle_f1']:6.3f} {w['rougelsum_f1']:6.3f} "
                  f"{w['gold_tokens']:7d} {w['pred_tokens']:7d}  {w['id']}{note}")


def parse_args(argv):
    ap = argparse.ArgumentParser(
        prog="eval.py", description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dataset", metavar="DATASET_DIR", help="directory with html/ and gold/")
    ap.add_argument("--winnow", default=DEFAULT_WINNOW,
                    help="winnow binary (default: build/winnow in the repository)")
    ap.add_argument("--pred-dir", help="where predictions are written (default: a temporary "
                    "directory, deleted afterwards)")
    ap.add_argument("--no-run", action="store_true",
                    help="do not run winnow; score the predictions already in --pred-dir")
    ap.add_argument("--per-page", metavar="FILE", help="write per-page figures as TSV")
    ap.add_argument("--worst", type=int, default=10, metavar="N",
                    help="list the N pages with the lowest bow F1 (default 10; 0 = none)")
    ap.add_argument("--json", action="store_true", help="print the summary as JSON")
    ap.add_argument("--floor", metavar="FILE",
                    help="`metric_name value` lines; exit 1 if any metric is below its floor")
    return ap.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    try:
        return _main(args)
    except UsageError as e:
        print(f"eval.py: error: {e}", file=sys.stderr)
        return 2


def _main(args):
    dataset = args.dataset
    if not os.path.isdir(os.path.join(dataset, "gold")):
        raise UsageError(f"{dataset} is not a dataset directory (no gold/ in it)")
    # Read the floors before the (slow) run, so a bad floor file fails fast.
    floors = read_floors(args.floor) if args.floor else []

    temp_dir = None
    run = None
    if args.no_run:
        if not args.pred_dir:
            raise UsageError("--no-run needs --pred-dir with the predictions to score")
        if not os.path.isdir(args.pred_dir):
            raise UsageError(f"prediction directory not found: {args.pred_dir}")
        pred_dir = args.pred_dir
    else:
        html_dir = os.path.join(dataset, "html")
        if not os.path.isdir(html_dir):
            raise UsageError(f"{dataset} has no html/ directory to run winnow on")
        if args.pred_dir:
            # Running clears <id>.txt files in the prediction directory, so it
            # must never be the dataset's own gold/ (or html/) directory.
            protected = {os.path.realpath(os.path.join(dataset, sub)) for sub in ("gold", "html")}
            if os.path.realpath(args.pred_dir) in protected:
                raise UsageError(f"--pred-dir {args.pred_dir} is the dataset's own gold/ or "
                                 "html/ directory; choose another one")
            os.makedirs(args.pred_dir, exist_ok=True)
            pred_dir = args.pred_dir
        else:
            pred_dir = temp_dir = tempfile.mkdtemp(prefix="winnow-eval-")
    try:
        if not args.no_run:
            run = run_winnow(args.winnow, html_dir, pred_dir)
        summary, pages = evaluate(dataset, pred_dir)
    finally:
        if temp_dir:
            shutil.rmtree(temp_dir, ignore_errors=True)

    summary["pred_dir"] = None if temp_dir else pred_dir
    summary["run"] = run
    worst = worst_pages(pages, args.worst)
    if args.per_page:
        write_per_page(args.per_page, pages)
    failures = check_floors(floors, summary["metrics"])

    if args.json:
        summary["worst"] = worst
        if floors:
            summary["floor_failures"] = failures
        print(json.dumps(summary, indent=1))
    else:
        print_report(summary, worst)
    if failures:
        for msg in failures:
            print(f"FLOOR MISSED: {msg}", file=sys.stderr)
        return 1
    if floors and not args.json:
        print(f"\nall {len(floors)} floors met ({args.floor})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
