// Stage 5: locate. Finds the subtree(s) that hold the article, in order of
// trust:
//   1. an element marked itemprop="articleBody" that holds real text;
//   2. the JSON-LD articleBody: the paragraphs whose text it contains, and
//      their lowest common ancestor;
//   3. paragraph scoring in the manner of Readability: every paragraph of
//      25+ characters scores 1 + commas + length/100 (at most 3) and passes
//      the score up to five ancestors with falling weights; a candidate's
//      score is scaled by (1 - link density) and moved by class/id weights;
//      siblings of the best candidate that score well join it.
// The result is a list of subtree roots in document order.

#ifndef WINNOW_LOCATE_H_
#define WINNOW_LOCATE_H_

#include <string>
#include <vector>

#include "dom.h"
#include "node_features.h"
#include "rules.h"

namespace winnow {

struct Located {
  std::vector<int> roots;  // subtree roots in document order
  std::string method;      // "itemprop", "json-ld", "scoring", "body"
  bool listing = false;    // no article: an index of cards or links is the content
};

Located Locate(const Dom& dom, const std::vector<NodeFeatures>& features,
               const std::vector<int32_t>& removed, const RuleSet& rules,
               const std::string& json_ld_body);

}  // namespace winnow

#endif  // WINNOW_LOCATE_H_
