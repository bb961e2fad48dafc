// Stage 6: blocks. Linearises the page body into the blocks a reader sees:
// paragraphs, headings, list items, table rows, preformatted text. Every
// block carries the numbers the later decisions need (text length, link
// text length) and an initial decision: pruned subtrees become one dropped
// block each (their prune reason), blocks outside the located article are
// dropped by "locate", the rest are candidates for the filter stage.

#ifndef WINNOW_BLOCKS_H_
#define WINNOW_BLOCKS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "dom.h"
#include "prune.h"
#include "winnow/winnow.h"

namespace winnow {

// Who last decided a block. Before the filter, a block outside the article
// was dropped by "locate" and a pruned subtree by "prune".
enum class Stage : uint8_t { kNone, kPrune, kLocate, kFilter };
const char* StageName(Stage s);

struct Block {
  BlockKind kind = BlockKind::kParagraph;
  int heading_level = 0;  // 1..6 for headings
  std::string text;       // collapsed; verbatim for kPre; cells split by '\t'
  std::string raw;        // text mode: the lines as they were, for output
  std::string md;         // Markdown inline text (emphasis, code, links), when asked
  int owner = 0;          // innermost block-level element holding the text
  int first_node = 0;     // first Dom node of the block (document order)
  int group = -1;         // list or table node: lines of one group join with '\n'
  int chars = 0;          // non-space code points
  int link_chars = 0;
  bool in_article = false;
  // Whether the text is a [list-header] line: -1 until the filter's phrase
  // rules have looked (they look first for it), so that no one asks twice.
  int8_t list_header = -1;
  bool kept = false;      // the current decision
  Stage stage = Stage::kNone;  // who decided
  std::string reason;     // why
};

struct BlockOptions {
  bool markdown = false;  // also fill Block::md
  bool links = false;     // Markdown links (needs hrefs kept by preclean)
};

std::vector<Block> BuildBlocks(const Dom& dom, const PruneResult& pruned,
                               const std::vector<int>& roots, const BlockOptions& options = {});

// "div.entry-content#main": the owner element for explanations.
std::string DescribeNode(const Dom& dom, int i);

}  // namespace winnow

#endif  // WINNOW_BLOCKS_H_
