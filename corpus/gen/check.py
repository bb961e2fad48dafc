#!/usr/bin/env python3
"""Consistency check of the corpus (not an extractor).

For every corpus/html/<name>.html there must be <name>.expected.txt. The
expected text must be UTF-8, end with exactly one newline, have blocks
separated by exactly one blank line, and every block of it must occur in
the page's text, in order (compared with all white space removed, so that a
typo in either file shows up). The page is decoded with the charset its
name says (charset-*.html) or UTF-8.

    python3 corpus/gen/check.py
"""
import html.parser
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
HTML_DIR = os.path.join(os.path.dirname(HERE), "html")

CHARSETS = {
    "charset-windows-1252": "cp1252",
    "charset-iso-8859-1": "latin-1",
    "charset-shift_jis": "shift_jis",
    "charset-euc-kr": "euc_kr",
    "charset-windows-1251": "cp1251",
    "charset-gb18030": "gb18030",
    "charset-utf-16le": "utf-16",
}


class Text(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self.skip:
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self.out.append(data)


def squash(s):
    return re.sub(r"\s+", "", s)


def main():
    bad = 0
    names = sorted(n[:-5] for n in os.listdir(HTML_DIR) if n.endswith(".html"))
    for name in names:
        raw = open(os.path.join(HTML_DIR, name + ".html"), "rb").read()
        page = raw.decode(CHARSETS.get(name, "utf-8"))
        exp_path = os.path.join(HTML_DIR, name + ".expected.txt")
        if not os.path.exists(exp_path):
            print(f"{name}: no expected text"); bad += 1; continue
        exp = open(exp_path, "rb").read().decode("utf-8")
        problems = []
        if not exp.endswith("\n") or exp.endswith("\n\n"):
            problems.append("must end with exactly one newline")
        if "\n\n\n" in exp:
            problems.append("more than one blank line between blocks")
        if exp.startswith("\ufeff"):
            problems.append("BOM in expected text")
        p = Text(); p.feed(page); p.close()
        hay = squash("".join(p.out))
        pos = 0
        blocks = exp.strip("\n").split("\n\n")
        for b in blocks:
            for line in b.split("\n"):
                for cell in line.split("\t"):
                    key = squash(cell)
                    if not key:
                        continue
                    i = hay.find(key, pos)
                    if i < 0:
                        where = "out of order" if key in hay else "not in page"
                        problems.append(f"{where}: {cell.strip()[:70]!r}")
                        break
                    pos = i + len(key)
        words = len(exp.split())
        status = "ok" if not problems else "FAIL"
        print(f"{status:4} {name:40} {len(blocks):3} blocks {words:5} words")
        for pr in problems:
            print("      ", pr)
        bad += bool(problems)
    print(f"{len(names)} pages, {bad} with problems")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
