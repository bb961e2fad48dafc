// Per-node text features, summed bottom-up over the flat Dom in one reverse
// pass: how much text a subtree holds, how much of it sits inside links, how
// many commas and form controls it has. The prune stage computes them on the
// whole page; the locate stage again once pruned subtrees are left out.

#ifndef WINNOW_NODE_FEATURES_H_
#define WINNOW_NODE_FEATURES_H_

#include <cstdint>
#include <string>
#include <vector>

#include "dom.h"

namespace winnow {

struct NodeFeatures {
  int32_t chars = 0;       // non-space code points of text in the subtree
  int32_t link_chars = 0;  // of which inside <a>
  int32_t hash_link_chars = 0;  // of which inside in-page (#) links
  int32_t commas = 0;
  int32_t controls = 0;    // form controls (input, select, textarea, button)
  int32_t own_chars = 0;   // text in direct text children only
  int32_t block_children = 0;  // element children that are block-level
  // Text of the paragraphs in the subtree that read as prose (80+
  // characters, under 30% links): the article's share of it is what guards
  // it against being pruned by a misleading class name.
  int32_t prose_chars = 0;
};

// `removed` may be empty (nothing removed) or hold one flag per node; a
// removed node and its subtree contribute nothing.
std::vector<NodeFeatures> ComputeFeatures(const Dom& dom, const std::vector<int32_t>& removed);

// The collapsed text of a subtree, leaving out removed nodes; block-level
// elements are separated by a space.
std::string SubtreeText(const Dom& dom, int root, const std::vector<int32_t>& removed);

bool IsBlockTag(GumboTag tag);
bool IsHeadingTag(GumboTag tag);

}  // namespace winnow

#endif  // WINNOW_NODE_FEATURES_H_
