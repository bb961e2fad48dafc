// Text mode, stage 1: split plain text (what a crawler or an older extractor
// already produced) into blocks. Paragraphs are separated by blank lines. A
// paragraph whose lines are each a unit of their own ("Share this article",
// "Facebook", "Email", or a widget's lines without blank lines between) is
// split into one block per line; a paragraph of wrapped prose stays whole.
// Lines of one paragraph share a group, so kept lines render together.

#ifndef WINNOW_TEXT_BLOCKS_H_
#define WINNOW_TEXT_BLOCKS_H_

#include <string_view>
#include <vector>

#include "blocks.h"
#include "rules.h"

namespace winnow {

// At most max_blocks blocks; *truncated says whether text was left unread.
// The blocks' texts are views of `utf8` or copies in *arena: both must
// outlive the blocks.
std::vector<Block> SplitTextBlocks(std::string_view utf8, const RuleSet& rules, size_t max_blocks, bool* truncated,
                                   Arena* arena);

// True when the bytes look like HTML rather than plain text: markup in the
// first kilobytes (a doctype, <html>, <head>, <body> or several block tags).
bool LooksLikeHtml(std::string_view bytes);

}  // namespace winnow

#endif  // WINNOW_TEXT_BLOCKS_H_
