// Stage 2: preclean. Before parsing, cut out what no reader sees and the
// parser would spend time on: the bodies of <script>, <style>, <svg>,
// <noscript>, <template> and <iframe>, and comments. On news pages this
// removes over half of the bytes and more than halves the parse time.
//
// What the later stages need from those bodies is harvested here first: the
// JSON-LD blocks (schema.org articleBody tells which subtree is the article).

#ifndef WINNOW_PRECLEAN_H_
#define WINNOW_PRECLEAN_H_

#include <string>
#include <string_view>
#include <vector>

namespace winnow {

struct Precleaned {
  std::string html;                  // the page with those bodies cut out
  std::vector<std::string> json_ld;  // raw text of each ld+json script
  bool flattened = false;            // start tags past max_depth were left out
  bool cut = false;                  // the rest past max_elements was left out
};

// keep_links: keep href values (for Markdown links); otherwise an href
// becomes "#" (in-page) or "x", all the later stages need.
// max_depth: start tags nested deeper are left out (their content stays,
// joined to the parent), which keeps the parse linear on hostile nesting.
// max_elements: the document is cut before the start tag past this many, so
// that Gumbo never builds a tree larger than the node limit allows (it takes
// about 250 bytes a node).
Precleaned Preclean(std::string_view html, bool keep_links = false, int max_depth = 1 << 30,
                    size_t max_elements = size_t(-1));

// The value of the first "articleBody" string found in the JSON-LD blocks,
// unescaped, or empty. A small scanner, not a JSON parser: it only has to
// find one string value.
std::string FindJsonLdArticleBody(const std::vector<std::string>& json_ld);

}  // namespace winnow

#endif  // WINNOW_PRECLEAN_H_
