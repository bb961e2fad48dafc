// Stage 3: parse. Gumbo builds the HTML5 tree; this stage flattens it into a
// compact array of nodes in document (pre-)order that the later stages walk
// without recursion:
//   - a node's subtree is the index range [i, end), so "is inside" is two
//     comparisons and bottom-up sums are one reverse loop;
//   - strings are views into Gumbo's output, which lives in the Dom's arena
//     until the Dom is destroyed.
// Gumbo is run with max_errors = 0: with error recording on, every parse
// error copies the open-element stack, quadratic on deep markup.

#ifndef WINNOW_DOM_H_
#define WINNOW_DOM_H_

#include <gumbo.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "arena.h"

namespace winnow {

enum NodeFlag : uint32_t {
  kHidden = 1u << 0,           // hidden, aria-hidden=true, display:none ...
  kArticleBodyProp = 1u << 1,  // itemprop="articleBody"
  kHashLink = 1u << 2,         // <a href="#..."> or javascript: (in-page)
  kFormControl = 1u << 3,      // data entry: input (not buttons), select, textarea
};

struct Node {
  GumboTag tag = GUMBO_TAG_UNKNOWN;  // GUMBO_TAG_UNKNOWN with is_text for text
  bool is_text = false;
  uint32_t flags = 0;
  int32_t parent = -1;
  int32_t end = 0;     // one past the last node of this subtree
  int32_t depth = 0;
  std::string_view text;  // text nodes: the text, entities decoded
  std::string_view cls;   // class attribute, raw
  std::string_view id;    // id attribute, raw
  std::string_view role;  // role attribute, raw
  std::string_view href;  // <a href>, when preclean kept it (Markdown links)
  uint32_t sig_off = 0, sig_len = 0;  // lower-cased "class id" in Dom::sig_pool
};

struct ParseLimits {
  int max_depth = 5000;
  size_t max_nodes = 4u << 20;
};

class Dom {
 public:
  // Parses UTF-8 HTML. Never fails; elements nested deeper than
  // limits.max_depth are lifted to that depth (too_deep()), and nodes past
  // max_nodes are dropped (truncated()).
  static std::unique_ptr<Dom> Parse(std::string_view html, const ParseLimits& limits);

  const std::vector<Node>& nodes() const { return nodes_; }
  const Node& node(int i) const { return nodes_[i]; }
  int size() const { return static_cast<int>(nodes_.size()); }
  int body() const { return body_; }  // index of <body>, or 0 (the root)
  std::string_view signature(int i) const {
    return std::string_view(sig_pool_).substr(nodes_[i].sig_off, nodes_[i].sig_len);
  }
  std::string_view title() const { return title_; }
  // Content of <meta property|name=key content=...>, or empty.
  std::string_view meta(std::string_view key) const;
  std::string_view canonical_url() const { return canonical_; }
  // datetime of the first <time> element, or empty.
  std::string_view first_time() const { return first_time_; }
  bool truncated() const { return truncated_; }
  bool too_deep() const { return too_deep_; }

  // Tag name for rules and explanations (lower case; unknown tags by their
  // own name).
  std::string TagName(int i) const;

 private:
  Dom() = default;
  Arena arena_;
  GumboOutput* output_ = nullptr;
  std::vector<Node> nodes_;
  std::string sig_pool_;
  std::string title_;
  std::vector<std::pair<std::string, std::string_view>> metas_;
  std::string_view canonical_;
  std::string_view first_time_;
  int body_ = 0;
  bool truncated_ = false;
  bool too_deep_ = false;
};

}  // namespace winnow

#endif  // WINNOW_DOM_H_
