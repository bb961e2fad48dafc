// Stage 4: prune. Marks the subtrees no reader counts as the article, before
// the article is looked for: dropped tags (nav, aside, forms of controls,
// ...), ARIA landmark roles, hidden elements, and containers whose class or
// id names boilerplate (rules/ [drop-class], unless [keep-class] also
// matches). A subtree that holds most of the page's text is never pruned by
// name alone: sites name their main wrapper "has-sidebar" too.

#ifndef WINNOW_PRUNE_H_
#define WINNOW_PRUNE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "dom.h"
#include "node_features.h"
#include "rules.h"

namespace winnow {

struct PruneResult {
  // Per node: -1 when kept, else the index of the pruned ancestor-or-self
  // whose reason applies.
  std::vector<int32_t> removed;
  // Per node: why it was pruned (only meaningful where removed[i] == i).
  std::vector<std::string> reason_of;  // indexed by node, filled sparsely
};

PruneResult Prune(const Dom& dom, const std::vector<NodeFeatures>& features, const RuleSet& rules);

}  // namespace winnow

#endif  // WINNOW_PRUNE_H_
