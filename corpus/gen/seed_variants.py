#!/usr/bin/env python3
"""Writes the two variants of the hand-written seed page.

  html/seed-globaldata-hashed.html  every class and id replaced by a
      meaningless hashed name (css-1x2y3z style); the stylesheet and the
      hiding rule of the widget's "Thank you!" message use the hashed names.
  html/seed-globaldata-bare.html    no class, id, role, aria-* or data-*
      attribute at all, and no article/main/aside/nav/section/figure element:
      only header, footer, div, p, headings, lists, links and a form. The
      "Thank you!" message is hidden with the `hidden` attribute.

Both have the seed's expected text. Run: python3 corpus/gen/seed_variants.py
"""
import hashlib
import os
import re
import shutil

HTML = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "html")
src = open(os.path.join(HTML, "seed-globaldata.html"), encoding="utf-8").read()


def h(token):
    d = hashlib.sha1(token.encode()).hexdigest()
    n = int(d[:10], 16)
    alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
    s = ""
    for _ in range(6):
        n, r = divmod(n, 36)
        s += alphabet[r]
    return "css-" + s


# ---- hashed ---------------------------------------------------------------
def hash_classes(m):
    return 'class="' + " ".join(h(t) for t in m.group(1).split()) + '"'


hashed = re.sub(r'class="([^"]*)"', hash_classes, src)
hashed = re.sub(r'\sid="([^"]*)"', lambda m: ' id="' + h("id:" + m.group(1)) + '"', hashed)
# class and id selectors in the inline stylesheet and script
hashed = re.sub(r"\.([a-z][a-z0-9_-]*)(?=[{ ,:])",
                lambda m: "." + h(m.group(1)) if not m.group(1).startswith("css-") else m.group(0),
                hashed.split("</style>")[0]) + "</style>" + hashed.split("</style>", 1)[1]
hashed = hashed.replace("'.js-cookie-accept'", "'." + h("js-cookie-accept") + "'")
hashed = hashed.replace("getElementById('cookie-banner')", "getElementById('" + h("id:cookie-banner") + "')")
hashed = hashed.replace('href="#content"', 'href="#' + h("id:content") + '"')
open(os.path.join(HTML, "seed-globaldata-hashed.html"), "w", encoding="utf-8").write(hashed)

# ---- bare -----------------------------------------------------------------
bare = src
bare = re.sub(r'\s(class|id|role|rel)="[^"]*"', "", bare)
bare = re.sub(r'\s(aria|data)-[a-z-]+="[^"]*"', "", bare)
for tag in ("article", "main", "aside", "nav", "section", "figure", "figcaption"):
    bare = re.sub(r"<%s\b" % tag, "<div", bare)
    bare = bare.replace("</%s>" % tag, "</div>")
# the article's own <header> (headline block) and <footer> (tags) become divs;
# the site header and footer stay.
bare = bare.replace('<header>\n            <a href="/sectors/cybersecurity/">', '<div>\n            <a href="/sectors/cybersecurity/">')
bare = bare.replace('</div>\n          </header>', '</div>\n          </div>')
bare = bare.replace('<footer>\n            <div>\n              <span>Topics', '<div>\n            <div>\n              <span>Topics')
bare = bare.replace('</div>\n          </footer>', '</div>\n          </div>')
bare = bare.replace('<div>\n                <p>Thank you!</p>', '<div hidden>\n                <p>Thank you!</p>')
bare = re.sub(r"<style>.*?</style>",
              "<style>\nbody{font:16px/1.5 Georgia,serif;margin:0}header,footer{background:#1b1f24;color:#fff}\n"
              "form label{display:block;margin:4px 0}\n</style>", bare, flags=re.S)
bare = bare.replace("document.querySelectorAll('.js-cookie-accept')", "document.querySelectorAll('body > div:first-of-type button:first-of-type')")
bare = bare.replace("document.getElementById('cookie-banner').remove()", "b.parentNode.parentNode.remove()")
bare = bare.replace('<a href="#content">Skip to content</a>', "")
open(os.path.join(HTML, "seed-globaldata-bare.html"), "w", encoding="utf-8").write(bare)

for name in ("seed-globaldata-hashed", "seed-globaldata-bare"):
    shutil.copyfile(os.path.join(HTML, "seed-globaldata.expected.txt"),
                    os.path.join(HTML, name + ".expected.txt"))
