#!/usr/bin/env python3
"""Tests for tools/eval.py: scoring functions against hand-computed figures,
plus the command line (run, floors, exit statuses) against a fake winnow.

Self-contained: builds its own tiny datasets in temporary directories and
needs nothing outside the repository.  Run with

    python3 tests/eval_agreement_test.py        (or: python3 -m unittest discover -s tests -p '*_test.py')
"""
import importlib.util
import json
import os
import random
import stat
import subprocess
import sys
import tempfile
import textwrap
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
EVAL_PY = os.path.join(os.path.dirname(HERE), "tools", "eval.py")

# Load tools/eval.py under another name: "eval" would shadow the builtin.
_spec = importlib.util.spec_from_file_location("winnow_eval", EVAL_PY)
ev = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(ev)


class ShingleTest(unittest.TestCase):
    def test_partial_prediction(self):
        # gold words a b c d e -> windows (a b c d), (b c d e); pred a b c d ->
        # one window (a b c d).  tp=1 fp=0 fn=1: P = 1, R = 1/2,
        # F1 = 2*1*0.5/1.5 = 2/3.
        r = ev.score_shingle("a b c d e", "a b c d")
        self.assertEqual((r["p"], r["r"]), (1.0, 0.5))
        self.assertAlmostEqual(r["f1"], 2 / 3)

    def test_short_text_is_one_window_and_case_counts(self):
        # "Hello, world!" -> words Hello world -> single window (Hello, world);
        # "hello world" -> (hello, world).  Case differs, so tp=0, fp=fn=1:
        # P = R = F1 = 0.
        r = ev.score_shingle("Hello, world!", "hello world")
        self.assertEqual((r["p"], r["r"], r["f1"]), (0.0, 0.0, 0.0))
        self.assertEqual((r["n_pred"], r["n_gold"]), (1, 1))

    def test_repeated_windows_are_a_multiset(self):
        # gold "x x x x x": windows (x x x x) twice; pred "x x x x": once.
        # tp = min(2, 1) = 1, fp = 0, fn = 1: P = 1, R = 1/2.
        r = ev.score_shingle("x x x x x", "x x x x")
        self.assertEqual((r["p"], r["r"]), (1.0, 0.5))

    def test_both_empty(self):
        # no windows on either side: identical multisets -> P = R = 1, but
        # the page joins neither macro average (see next test).
        r = ev.score_shingle("", "...")
        self.assertEqual((r["p"], r["r"], r["n_pred"], r["n_gold"]), (1.0, 1.0, 0, 0))

    def test_macro_averages_filter_pages(self):
        rows = [
            ev.score_shingle("a b c d e", "a b c d"),  # P 1,  R 0.5
            ev.score_shingle("a b c d e", ""),         # no pred windows: R 0 only
            ev.score_shingle("", "x y"),               # no gold windows: P 0 only
            ev.score_shingle("", ""),                  # in neither average
        ]
        agg = ev.aggregate_shingle(rows)
        # P = mean(1, 0) = 0.5 over 2 pages; R = mean(0.5, 0) = 0.25 over 2
        # pages; F1 of the averages = 2*0.5*0.25/0.75 = 1/3.
        self.assertEqual((agg["precision_pages"], agg["recall_pages"]), (2, 2))
        self.assertAlmostEqual(agg["precision"], 0.5)
        self.assertAlmostEqual(agg["recall"], 0.25)
        self.assertAlmostEqual(agg["f1"], 1 / 3)
        # exact token match: only the ("", "") page -> 1/4
        self.assertAlmostEqual(agg["exact_match_rate"], 0.25)


class BowTest(unittest.TestCase):
    def test_overlap_is_a_multiset(self):
        # gold: the cat sat on the mat (6 words); pred: the cat the dog (4).
        # overlap: the 2 + cat 1 = 3 -> P = 3/4, R = 3/6, F1 = 2*.75*.5/1.25 = 0.6
        r = ev.score_bow("The cat sat on the mat.", "the cat, the dog")
        self.assertAlmostEqual(r["p"], 0.75)
        self.assertAlmostEqual(r["r"], 0.5)
        self.assertAlmostEqual(r["f1"], 0.6)
        self.assertEqual((r["gold_tokens"], r["pred_tokens"]), (6, 4))

    def test_empty_sides(self):
        self.assertEqual(ev.score_bow("", "")["f1"], 1.0)       # nothing to find, nothing found
        self.assertEqual(ev.score_bow(" ?! ", "x")["f1"], 0.0)  # no gold words, junk predicted
        self.assertEqual(ev.score_bow("x", "")["r"], 0.0)

    def test_cyrillic_lowercased(self):
        # gold words: привет мир ёлка; pred: привет мир -> P = 1, R = 2/3,
        # F1 = 2*(2/3)/(5/3) = 0.8
        r = ev.score_bow("Привет, мир! Ёлка", "привет МИР")
        self.assertEqual(r["p"], 1.0)
        self.assertAlmostEqual(r["r"], 2 / 3)
        self.assertAlmostEqual(r["f1"], 0.8)

    def test_japanese_runs_are_words(self):
        # "、" is punctuation, so gold has two words: 東京都は今日 / 新しい計画.
        # pred has the first -> P = 1, R = 1/2, F1 = 2/3
        r = ev.score_bow("東京都は今日、新しい計画", "東京都は今日")
        self.assertEqual((r["gold_tokens"], r["pred_tokens"]), (2, 1))
        self.assertAlmostEqual(r["f1"], 2 / 3)


class SentenceSplitTest(unittest.TestCase):
    def test_abbreviation_is_not_a_break(self):
        self.assertEqual(ev.split_sentences("Mr. Smith arrived. He sat down."),
                         ["Mr. Smith arrived. ", "He sat down."])

    def test_initial_is_not_a_break(self):
        self.assertEqual(ev.split_sentences("J. Smith wrote. Done."),
                         ["J. Smith wrote. ", "Done."])

    def test_lowercase_continuation_and_quotes(self):
        # '?"' followed by lower-case "she": no break; "asked. Yes": break.
        self.assertEqual(ev.split_sentences('"Really?" she asked. Yes!'),
                         ['"Really?" she asked. ', "Yes!"])

    def test_blank(self):
        self.assertEqual(ev.split_sentences(" \n\t "), [])


class RougeLSumTest(unittest.TestCase):
    def test_union_lcs(self):
        # gold sentences [A b c.] [D e.] (5 tokens), pred [A c.] [D x.] (4).
        # [A b c.] vs [A c.] covers A, c.; [D e.] vs [D x.] covers D.
        # hits 3: P = 3/4, R = 3/5, F1 = 2*.75*.6/1.35 = 2/3
        r = ev.score_rougelsum("A b c. D e.", "A c. D x.")
        self.assertAlmostEqual(r["p"], 0.75)
        self.assertAlmostEqual(r["r"], 0.6)
        self.assertAlmostEqual(r["f1"], 2 / 3)

    def test_sentence_order_does_not_matter(self):
        # the union is per reference sentence over all candidate sentences,
        # so swapped sentences still match fully: P = R = 1.
        r = ev.score_rougelsum("One two three. Four five six.", "Four five six. One two three.")
        self.assertEqual((r["p"], r["r"], r["f1"]), (1.0, 1.0, 1.0))

    def test_duplicate_gold_is_clipped(self):
        # gold [x y.] twice (4 tokens), pred [x y.] once (2 tokens).  Both gold
        # sentences are fully covered, but the pred has only one x and one y.,
        # so hits = 2: P = 2/2, R = 2/4, F1 = 2/3.
        r = ev.score_rougelsum("x y. x y.", "x y.")
        self.assertEqual((r["p"], r["r"]), (1.0, 0.5))
        self.assertAlmostEqual(r["f1"], 2 / 3)

    def test_tokens_are_case_and_punctuation_sensitive(self):
        # "Cat." vs "cat": no common token at all.
        self.assertEqual(ev.score_rougelsum("Cat.", "cat")["f1"], 0.0)

    def test_empty_gold_conventions(self):
        self.assertEqual(ev.score_rougelsum("", ""), {"p": 1.0, "r": 1.0, "f1": 1.0})
        self.assertEqual(ev.score_rougelsum(" \n", "junk"), {"p": 0.0, "r": 1.0, "f1": 0.0})
        self.assertEqual(ev.score_rougelsum("gold", ""), {"p": 0.0, "r": 0.0, "f1": 0.0})

    def test_lcs_tie_break(self):
        # a = [1, 2], b = [2, 1]: two LCS of length 1.  Backtracking from
        # (2, 2): no match, T[2][1] = 1 is not > T[1][2] = 1, so step up to
        # (1, 2), where a[0] == b[1]: position 0 is picked.
        self.assertEqual(ev._lcs_positions([1, 2], [2, 1]), [0])

    def test_bit_parallel_lcs_matches_plain_table(self):
        # the bit-parallel rows must give the very path the textbook table gives
        def plain(a, b):
            t = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
            for i in range(1, len(a) + 1):
                for j in range(1, len(b) + 1):
                    t[i][j] = (t[i - 1][j - 1] + 1 if a[i - 1] == b[j - 1]
                               else max(t[i - 1][j], t[i][j - 1]))
            out, i, j = [], len(a), len(b)
            while i and j:
                if a[i - 1] == b[j - 1]:
                    out.append(i - 1)
                    i, j = i - 1, j - 1
                elif t[i][j - 1] > t[i - 1][j]:
                    j -= 1
                else:
                    i -= 1
            return out

        rnd = random.Random(7)
        for _ in range(3000):
            k = rnd.randint(1, 4)  # small alphabets -> many ties
            a = [rnd.randrange(k) for _ in range(rnd.randint(0, 10))]
            b = [rnd.randrange(k) for _ in range(rnd.randint(0, 10))]
            self.assertEqual(ev._lcs_positions(a, b), plain(a, b), (a, b))


class SnippetTest(unittest.TestCase):
    def test_counts(self):
        snippets = {
            "d1": {"with": ["Hello big world", "missing one"],
                   "without": ["Cookie notice", "Share"]},
            "d2": {"with": ["x"]},
        }
        preds = {"d1": "Hello   big\nworld. Cookie notice"}
        s = ev.score_snippets(snippets, lambda i: preds.get(i, ""))
        # d1: "Hello big world" found once whitespace is folded (tp),
        # "missing one" not (fn), "Cookie notice" found (fp), "Share" not (tn).
        # d2 has no prediction: "x" is a fn.  tp 1, fp 1, fn 2, tn 1:
        # P = 1/2, R = 1/3, F1 = 2/(2+1+2) = 0.4, accuracy = 2/5.
        self.assertEqual((s["tp"], s["fp"], s["fn"], s["tn"]), (1, 1, 2, 1))
        self.assertAlmostEqual(s["precision"], 0.5)
        self.assertAlmostEqual(s["recall"], 1 / 3)
        self.assertAlmostEqual(s["f1"], 0.4)
        self.assertAlmostEqual(s["accuracy"], 0.4)
        # WCXB rates use the raw text: the line break inside "big\nworld" is
        # not folded, so d1's with-rate is 0/2 and d2's 0/1 -> mean 0.
        # without-rates: d1 1/2, d2 has none -> 1.0; mean 0.75.
        self.assertEqual(s["with_rate_mean"], 0.0)
        self.assertAlmostEqual(s["without_rate_mean"], 0.75)


FAKE_WINNOW = """\
#!{python}
# Stand-in for winnow: copies html/<id>.html to OUT/<id>.txt, fails on
# pages named crash*, and exits 1 if any failed (as winnow does).
import os, sys
out, src = sys.argv[2], sys.argv[3]
assert sys.argv[1] == "--output-dir"
failed = 0
for name in sorted(os.listdir(src)):
    if name.startswith("crash"):
        failed += 1
        continue
    with open(os.path.join(src, name), encoding="utf-8") as f:
        text = f.read()
    with open(os.path.join(out, name[:-5] + ".txt"), "w", encoding="utf-8") as f:
        f.write(text)
sys.exit(1 if failed else 0)
"""


class CommandLineTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        root = self.tmp.name
        self.data = os.path.join(root, "data")
        for sub in ("html", "gold"):
            os.makedirs(os.path.join(self.data, sub))
        pages = {  # id: (html text the fake extractor copies, gold)
            "good": ("The cat sat on the mat.", "The cat sat on the mat."),
            "half": ("The dog barked.", "The dog barked. The bird sang."),
            "crash": ("Never extracted.", "Some gold text here."),
        }
        for page_id, (html, gold) in pages.items():
            self._write(os.path.join(self.data, "html", page_id + ".html"), html)
            self._write(os.path.join(self.data, "gold", page_id + ".txt"), gold)
        self._write(os.path.join(self.data, "snippets.json"), json.dumps(
            {"good": {"with": ["cat sat"], "without": ["dog"]},
             "half": {"with": ["bird sang"], "without": []}}))
        self.winnow = os.path.join(root, "fake-winnow")
        self._write(self.winnow, FAKE_WINNOW.format(python=sys.executable))
        os.chmod(self.winnow, os.stat(self.winnow).st_mode | stat.S_IXUSR)

    def tearDown(self):
        self.tmp.cleanup()

    @staticmethod
    def _write(path, text):
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)

    def run_eval(self, *args):
        return subprocess.run([sys.executable, EVAL_PY, *args],
                              capture_output=True, text=True)

    def test_run_and_json(self):
        p = self.run_eval(self.data, "--winnow", self.winnow, "--json", "--worst", "2")
        self.assertEqual(p.returncode, 0, p.stderr)
        out = json.loads(p.stdout)
        self.assertEqual(out["run"]["exit_status"], 1)  # crash page failed
        self.assertEqual(out["run"]["pages"], 3)
        self.assertEqual(out["missing_predictions"], 1)
        # bow per page: good 1/1/1; crash 0 (empty); half: pred the dog barked
        # (3 words) vs 6 gold words -> P 1, R 1/2, F1 2/3.
        bow = out["metrics"]["bow"]
        self.assertAlmostEqual(bow["precision"], (1 + 1 + 0) / 3)
        self.assertAlmostEqual(bow["recall"], (1 + 0.5 + 0) / 3)
        self.assertAlmostEqual(bow["f1"], (1 + 2 / 3 + 0) / 3)
        self.assertEqual([w["id"] for w in out["worst"]], ["crash", "half"])
        # snippets: good: "cat sat" tp, "dog" tn; half: "bird sang" fn
        snip = out["metrics"]["snippets"]
        self.assertEqual((snip["tp"], snip["fp"], snip["fn"], snip["tn"]), (1, 0, 1, 1))

    def test_pred_dir_no_run_and_per_page(self):
        pred = os.path.join(self.tmp.name, "pred")
        tsv = os.path.join(self.tmp.name, "pages.tsv")
        p = self.run_eval(self.data, "--winnow", self.winnow, "--pred-dir", pred)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn("pages/s", p.stdout)
        self.assertTrue(os.path.isfile(os.path.join(pred, "good.txt")))
        # a stale prediction for a page winnow now fails on must be removed
        # before the next run rather than scored
        self._write(os.path.join(pred, "crash.txt"), "Some gold text here.")
        p = self.run_eval(self.data, "--winnow", self.winnow, "--pred-dir", pred, "--json")
        self.assertEqual(json.loads(p.stdout)["missing_predictions"], 1)
        p = self.run_eval(self.data, "--pred-dir", pred, "--no-run", "--per-page", tsv)
        self.assertEqual(p.returncode, 0, p.stderr)
        with open(tsv, encoding="utf-8") as f:
            rows = [line.rstrip("\n").split("\t") for line in f]
        self.assertEqual(rows[0][:2], ["id", "shingle_p"])
        by_id = {r[0]: r for r in rows[1:]}
        self.assertEqual(by_id["half"][6], "0.6667")  # bow F1
        self.assertEqual(by_id["half"][8:], ["6", "3"])  # gold / pred words

    def test_floors(self):
        floors = os.path.join(self.tmp.name, "floors")
        self._write(floors, "# floors for the toy set\nbow_f1 0.5\nsnippets_f1 0.9  # too high\n")
        p = self.run_eval(self.data, "--winnow", self.winnow, "--floor", floors)
        self.assertEqual(p.returncode, 1)
        self.assertIn("snippets_f1", p.stderr)
        self.assertNotIn("bow_f1", p.stderr)
        self._write(floors, "bow_f1 0.5\nshingle_recall 0.1\n")
        p = self.run_eval(self.data, "--winnow", self.winnow, "--floor", floors)
        self.assertEqual(p.returncode, 0, p.stderr)
        self._write(floors, "bow_f2 0.5\n")
        p = self.run_eval(self.data, "--winnow", self.winnow, "--floor", floors)
        self.assertEqual(p.returncode, 2)
        self.assertIn("bow_f2", p.stderr)

    def test_usage_errors(self):
        missing = os.path.join(self.tmp.name, "nope")
        cases = [
            [missing, "--winnow", self.winnow],                 # no dataset
            [self.data, "--winnow", missing],                   # no binary
            [self.data, "--no-run"],                            # --no-run without --pred-dir
            [self.data, "--no-run", "--pred-dir", missing],     # predictions absent
            [self.data, "--winnow", self.winnow, "--floor", missing],
            # predictions must not be written over the gold files
            [self.data, "--winnow", self.winnow, "--pred-dir", os.path.join(self.data, "gold")],
        ]
        for args in cases:
            p = self.run_eval(*args)
            self.assertEqual(p.returncode, 2, (args, p.stdout, p.stderr))
            self.assertIn("error", p.stderr)


if __name__ == "__main__":
    unittest.main()
