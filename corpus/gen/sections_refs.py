#!/usr/bin/env python3
"""Writes corpus/html/structure-sections-references.html and its expected
text: a health explainer built by a CSS-in-JS page builder, every heading
and paragraph of the article in a row of its own under ten wrappers,
followed by a list of references whose items are long and full of commas
(a list that outscores every row of the article). The article must come
out whole, and the references with it (they are the article's own): the
prose lies more than eight levels above the list. Run:
python3 corpus/gen/sections_refs.py
"""
import os

HTML = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "html")

SECTIONS = [
    ("What is a sleep diary?", [
        "A sleep diary is a simple record, kept for two weeks or more, of when you go to bed, how long it takes you to fall asleep, how often you wake in the night and how rested you feel in the morning.",
        "Clinics ask for one before a first appointment because memory is a poor guide to sleep: most people underestimate how long they lie awake and overestimate how often they wake.",
    ]),
    ("How to keep one", [
        "Fill it in every morning within half an hour of getting up, while the night is still fresh, and add a short note in the evening about caffeine, alcohol, exercise and naps.",
        "Estimates are fine. Checking the clock during the night to make the diary more precise tends to make sleep worse, so write down what you remember rather than what you measured.",
    ]),
    ("What the diary shows", [
        "After two weeks, patterns are usually easy to see: a late coffee before poor nights, a long lie-in at the weekend followed by a difficult Sunday, or a nap that pushes bedtime later.",
        "Doctors use the same record to work out a sleep window, the hours in bed that match the sleep a person actually gets, which is the starting point of most behavioural treatments for insomnia.",
    ]),
    ("When to see a doctor", [
        "If poor sleep has lasted for more than three months, happens at least three nights a week and affects how you feel or work during the day, it is worth bringing your diary to a doctor.",
        "Loud snoring, pauses in breathing that a partner notices, or an urge to move the legs in the evening can point to other sleep disorders, and should be mentioned even if the diary looks ordinary.",
    ]),
]

REFS = [
    "Carney CE, Buysse DJ, Ancoli-Israel S, et al. The consensus sleep diary, standardizing prospective sleep self-monitoring. Sleep. 2012;35(2):287-302.",
    "Morin CM, Espie CA, Harvey AG, et al. Insomnia, a clinical guide to assessment and treatment, second edition. New York, Springer, 2019.",
    "Edinger JD, Arnedt JT, Bertisch SM, et al. Behavioral and psychological treatments for chronic insomnia disorder in adults, a systematic review. J Clin Sleep Med. 2021;17(2):263-298.",
    "Riemann D, Baglioni C, Bassetti C, et al. European guideline for the diagnosis and treatment of insomnia. J Sleep Res. 2017;26(6):675-700.",
    "Harvey AG, Tang NK, Browning L, et al. Misperception of sleep in insomnia, a puzzle and a resolution. Psychol Bull. 2012;138(1):77-101.",
    "Spielman AJ, Saskin P, Thorpy MJ, et al. Treatment of chronic insomnia by restriction of time in bed, a controlled study. Sleep. 1987;10(1):45-56.",
    "Perlis ML, Jungquist C, Smith MT, Posner D. Cognitive behavioral treatment of insomnia, a session-by-session guide. New York, Springer, 2005.",
    "Buysse DJ, Reynolds CF, Monk TH, Berman SR, Kupfer DJ. The Pittsburgh sleep quality index, a new instrument for psychiatric practice and research. Psychiatry Res. 1989;28(2):193-213.",
]

# Wrappers: around each heading or paragraph row, around each paragraph,
# inside and outside the reference list. Nine levels and more between the
# list and the column that holds everything is what the old recovery (eight
# levels up) missed.
SECTION_DEPTH, PARA_DEPTH, REF_COPIES, REF_INNER, REF_OUTER = 10, 2, 1, 4, 6
WRAP = ['<div class="css-7hq2k1">', '<div class="css-1w7tu5a">', '<div class="css-1z0obd3">',
        '<div class="css-q81v0s">', '<div class="css-mm2e3b">']


def wrapped(inner, depth):
    opens = "".join(WRAP[i % len(WRAP)] for i in range(depth))
    return opens + inner + "</div>" * depth


def main():
    out = ["""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Keeping a sleep diary: what to write down and why | Harbourside Health</title>
<style>.css-7hq2k1{margin:0}.css-1w7tu5a{padding:0 16px}.css-1z0obd3{max-width:720px}</style>
</head>
<body>
<header><a href="/">Harbourside Health</a>
<nav><a href="/conditions/">Conditions</a> <a href="/sleep/">Sleep</a> <a href="/nutrition/">Nutrition</a> <a href="/about/">About us</a></nav></header>
<div class="row"><div class="col">
<h1>Keeping a sleep diary: what to write down and why</h1>
"""]
    expected = []
    for title, paras in SECTIONS:
        out.append('<div class="row"><div class="col">%s</div></div>\n' %
                   wrapped('<h2 class="css-g8r7kc">%s</h2>' % title, SECTION_DEPTH))
        expected.append(title)
        for p in paras:  # each paragraph in a row of its own
            out.append('<div class="row"><div class="col">%s</div></div>\n' %
                       wrapped(wrapped("<p>%s</p>" % p, PARA_DEPTH), SECTION_DEPTH))
            expected.append(p)
    refs = '<h3 id="references">References</h3>' + wrapped(
        "<ul>" + "".join("<li>%s</li>" % r for r in REFS * REF_COPIES) + "</ul>", REF_INNER)
    out.append('<div class="row"><div class="col">%s</div></div>\n' % wrapped(refs, REF_OUTER))
    expected.append("References")
    expected.append("\n".join(REFS * REF_COPIES))
    out.append("""</div></div>
<footer><p>Harbourside Health is an independent health information service.</p>
<a href="/privacy/">Privacy</a> <a href="/terms/">Terms</a></footer>
</body>
</html>
""")
    with open(os.path.join(HTML, "structure-sections-references.html"), "w", encoding="utf-8") as f:
        f.write("".join(out))
    with open(os.path.join(HTML, "structure-sections-references.expected.txt"), "w", encoding="utf-8") as f:
        f.write("\n\n".join(expected) + "\n")


if __name__ == "__main__":
    main()
