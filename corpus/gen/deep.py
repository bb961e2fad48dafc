#!/usr/bin/env python3
"""Writes corpus/html/malformed-deep.html and its expected text: an ordinary
news page whose article sits inside 10,000 nested <div> elements (all of
them closed again), to test that an extractor neither recurses itself to
death nor gives up on deep trees. Run: python3 corpus/gen/deep.py
"""
import os

DEPTH = 10000
HTML = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "html")

PARAS = [
    "A hand-drawn guidebook to the footpaths of the Carrow Hills, thought to have been lost for more than forty years, has been found in a box of donated books at a charity shop in Wellbridge. Volunteers who were sorting the donations recognised the name of its author, a schoolteacher who walked every path in the hills in the 1950s and 1960s.",
    "Edith Mallory produced three copies of the book, each page lettered and illustrated by hand, with maps of the paths, sketches of stiles and gates, and notes on where walkers could find water or shelter. One copy is held by the county library and another was given to her family, but the third disappeared after it was lent to a walking club in 1979.",
    "The shop manager, Farah Qureshi, said the volunteer who found it had almost put it on the shelf at two pounds. \"She opened it, saw the drawings and came straight into the back room,\" she said. \"We could tell it was something special. The detail on every page is extraordinary, and you can see where she has rubbed things out and drawn them again.\"",
    "The book has been passed to the local history society, which plans to scan every page and make the images available online so that walkers can compare the paths Mallory recorded with those that exist today. Several of the routes she described have since been ploughed up, fenced off or lost under new roads.",
    "Members of the society say the book is also a valuable record of farms, barns and field names that have disappeared. Mallory often noted who lived in a farmhouse or what crop was growing in a field when she passed, and the society hopes to use her notes to piece together how the landscape of the hills has changed.",
    "It is still not clear how the book came to be in the charity shop. It was found in a box with a mix of paperback novels and old road atlases, and the shop has no record of who donated it. The society would like to hear from anyone who knows what happened to it after 1979.",
]


def main():
    out = []
    out.append("""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Lost hand-drawn guide to Carrow Hills footpaths found in charity shop | Wellbridge Mercury</title>
<meta name="description" content="A hand-drawn guidebook missing since 1979 has turned up in a box of donated books.">
<link rel="stylesheet" href="/css/mercury.css">
<script src="/js/mercury.js" defer></script>
</head>
<body>
<header class="site-header">
  <a class="logo" href="/">Wellbridge Mercury</a>
  <nav class="site-nav"><a href="/news/">News</a> <a href="/sport/">Sport</a> <a href="/business/">Business</a> <a href="/heritage/">Heritage</a> <a href="/outdoors/">Outdoors</a> <a href="/whats-on/">What's on</a> <a href="/letters/">Letters</a> <a href="/contact/">Contact</a></nav>
</header>
""")
    for i in range(DEPTH):
        if i % 1000 == 0:
            out.append(f'<div class="layout-level-{i // 1000}">')
        else:
            out.append("<div>")
        if i % 100 == 99:
            out.append("\n")
    out.append("""
<div class="article">
<h1>Lost hand-drawn guide to Carrow Hills footpaths found in charity shop</h1>
<p class="byline">By Imogen Hart, Heritage Reporter · 4 April 2024</p>
""")
    for p in PARAS:
        out.append("<p>" + p.replace('"', "&quot;") + "</p>\n")
    out.append("""<p class="share">Share: <a href="https://facebook.example/sharer.php?u=/heritage/mallory-guidebook">Facebook</a> <a href="https://twitter.example/intent/tweet?url=/heritage/mallory-guidebook">X</a> <a href="mailto:?subject=Lost%20guidebook">Email</a></p>
</div>
<div class="related">
<h2>Related stories</h2>
<ul><li><a href="/heritage/footpath-survey">Volunteers to survey every footpath in the district</a></li><li><a href="/outdoors/carrow-hills-walks">Five winter walks in the Carrow Hills</a></li><li><a href="/heritage/old-maps-online">Historic maps of Wellbridge go online</a></li></ul>
</div>
""")
    for i in range(DEPTH):
        out.append("</div>")
        if i % 100 == 99:
            out.append("\n")
    out.append("""
<footer class="site-footer">
  <p><a href="/about/">About us</a> | <a href="/advertise/">Advertise</a> | <a href="/privacy/">Privacy</a> | <a href="/cookies/">Cookies</a> | <a href="/terms/">Terms</a></p>
  <p>© 2024 Wellbridge Mercury</p>
</footer>
</body>
</html>
""")
    with open(os.path.join(HTML, "malformed-deep.html"), "w", encoding="utf-8") as f:
        f.write("".join(out))
    with open(os.path.join(HTML, "malformed-deep.expected.txt"), "w", encoding="utf-8") as f:
        f.write("\n\n".join(PARAS) + "\n")


if __name__ == "__main__":
    main()
