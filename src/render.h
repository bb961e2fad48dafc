// Stage 8: render. Joins the kept blocks into the output text: one blank
// line between blocks, one line per list item or table row, NFC-normalised.

#ifndef WINNOW_RENDER_H_
#define WINNOW_RENDER_H_

#include <string>
#include <vector>

#include "blocks.h"

namespace winnow {

std::string RenderText(const std::vector<Block>& blocks);

// Markdown: "#" headings, "-" list items, "|" tables, "```" code, ">"
// quotes; inline emphasis, code and links from Block::md.
std::string RenderMarkdown(const std::vector<Block>& blocks);

// NFC normalisation with ICU; returns the input when it is already NFC.
std::string NormalizeNfc(std::string utf8);

}  // namespace winnow

#endif  // WINNOW_RENDER_H_
