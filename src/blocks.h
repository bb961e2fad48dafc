// Stage 6: blocks. Linearises the page body into the blocks a reader sees:
// paragraphs, headings, list items, table rows, preformatted text. Every
// block carries the numbers the later decisions need (text length, link
// text length) and an initial decision: pruned subtrees become one dropped
// block each (their prune reason), blocks outside the located article are
// dropped by "locate", the rest are candidates for the filter stage.

#ifndef WINNOW_BLOCKS_H_
#define WINNOW_BLOCKS_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "arena.h"

#include "dom.h"
#include "prune.h"
#include "winnow/winnow.h"

namespace winnow {


// A string that most blocks leave empty (the raw lines, the Markdown text,
// the reason), held as one pointer: 8 bytes in every Block where a
// std::string took 32. Text mode's passes read the blocks one after another
// and are bound by memory: 80 bytes more per Block made it 13% slower
// (winnow_bench --text, interleaved runs). Setting it to "" frees it.
class SparseString {
 public:
  SparseString() = default;
  SparseString(const SparseString& o) : s_(o.s_ ? std::make_unique<std::string>(*o.s_) : nullptr) {}
  SparseString(SparseString&&) noexcept = default;
  SparseString& operator=(const SparseString& o) { return *this = o.str(); }
  SparseString& operator=(SparseString&&) noexcept = default;
  SparseString& operator=(std::string_view v) {
    if (v.empty()) s_.reset();
    else if (s_) s_->assign(v);
    else s_ = std::make_unique<std::string>(v);
    return *this;
  }
  SparseString& operator=(std::string&& v) {
    if (v.empty()) s_.reset();
    else if (s_) *s_ = std::move(v);
    else s_ = std::make_unique<std::string>(std::move(v));
    return *this;
  }
  SparseString& operator=(const char* v) { return *this = std::string_view(v); }

  bool empty() const { return !s_ || s_->empty(); }
  size_t size() const { return s_ ? s_->size() : 0; }
  const std::string& str() const {
    static const std::string kEmpty;
    return s_ ? *s_ : kEmpty;
  }
  operator std::string_view() const { return str(); }
  // The string to write into, made on first use.
  std::string& mut() {
    if (!s_) s_ = std::make_unique<std::string>();
    return *s_;
  }
  // Moves the text out, leaving this empty.
  std::string take() {
    std::string out = s_ ? std::move(*s_) : std::string();
    s_.reset();
    return out;
  }

 private:
  std::unique_ptr<std::string> s_;
};

// Who last decided a block. Before the filter, a block outside the article
// was dropped by "locate" and a pruned subtree by "prune".
enum class Stage : uint8_t { kNone, kPrune, kLocate, kFilter };
const char* StageName(Stage s);

// Text mode makes one of these for every line: keep it small (see
// SparseString).
//
// Where a block's text lives: in text mode, a line whose white space is
// already collapsed (most lines) is a view of the input itself; other texts
// are copied into an arena that the caller hands the stage and drops whole
// after the document. Copying each line's text cost a tenth of text mode's
// run when it was malloc'ed, and still 4% from an arena (the copy, and the
// fresh pages it filled). The input and the arena must outlive the blocks:
// blocks never leave the extraction that made them.
struct Block {
  std::string_view text;  // collapsed; verbatim for kPre; cells split by '\t'
  SparseString raw;       // text mode: the lines as they were, where they differ from text
  SparseString md;        // Markdown inline text (emphasis, code, links), when asked
  SparseString reason;    // why
  BlockKind kind = BlockKind::kParagraph;
  int8_t heading_level = 0;  // 1..6 for headings
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
};

struct BlockOptions {
  bool markdown = false;  // also fill Block::md
  bool links = false;     // Markdown links (needs hrefs kept by preclean)
};

// The blocks' texts are stored in *texts, which must outlive them.
std::vector<Block> BuildBlocks(const Dom& dom, const PruneResult& pruned, const std::vector<int>& roots,
                               const BlockOptions& options, Arena* texts);

// "div.entry-content#main": the owner element for explanations.
std::string DescribeNode(const Dom& dom, int i);

}  // namespace winnow

#endif  // WINNOW_BLOCKS_H_
