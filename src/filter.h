// Stage 7: filter. Decides, block by block, what inside the located article
// is still boilerplate:
//   - the headline (h1) and blocks that repeat the page title;
//   - blocks that are wholly a boilerplate line ("Advertisement", "Share this
//     article", "READ MORE: ...") or that carry call-to-action or notice
//     wording (rules/ [boilerplate-line], [boilerplate-phrase]);
//   - link-heavy blocks and link-heavy lists (teasers, tag lists);
//   - widgets as units: from a call-to-action block or a form control, the
//     largest enclosing element that is still small and holds little prose
//     is dropped whole, so a widget's harmless-looking headline and its
//     "Thank you!" go with the form;
//   - headings left with nothing under them.

#ifndef WINNOW_FILTER_H_
#define WINNOW_FILTER_H_

#include <string>
#include <vector>

#include "blocks.h"
#include "dom.h"
#include "node_features.h"
#include "rules.h"

namespace winnow {

// `page_features` are the features of the whole page, `features` those left
// after pruning, `removed` the prune stage's (PruneResult::removed).
// `listing`: the located content is an index of links or cards, where
// links do not mark boilerplate. With `name_rules`, a block dropped by a
// phrase rule gives the rule's file and line in its reason (for
// explanations; it costs RE2 a second pass over each such block).
void FilterBlocks(const Dom& dom, const std::vector<NodeFeatures>& page_features,
                  const std::vector<NodeFeatures>& features, const std::vector<int32_t>& removed,
                  bool listing, const std::vector<int>& roots, const RuleSet& rules,
                  const std::string& title, bool name_rules, std::vector<Block>* blocks);

// Text mode: the same phrase rules and widget runs, on blocks split from
// plain text (there is no markup to go by).
void FilterTextBlocks(const RuleSet& rules, bool name_rules, std::vector<Block>* blocks);

// True when the text reads as story prose: ten or more words in sentences
// of eight words on average (or, without word spaces, 40+ characters in
// sentences of 16+). Widget copy is short lines of short sentences.
bool ReadsAsStory(std::string_view text, int chars);

}  // namespace winnow

#endif  // WINNOW_FILTER_H_
