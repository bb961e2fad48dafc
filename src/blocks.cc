#include "blocks.h"

#include <algorithm>

#include "node_features.h"
#include "text_util.h"

namespace winnow {
namespace {

bool IsListTag(GumboTag t) {
  return t == GUMBO_TAG_UL || t == GUMBO_TAG_OL || t == GUMBO_TAG_DL || t == GUMBO_TAG_MENU ||
         t == GUMBO_TAG_DIR;
}

// A data table holds only cells of inline content; a layout table holds
// paragraphs, lists or further tables and is treated as plain containers.
bool IsDataTable(const Dom& dom, int table) {
  for (int i = table + 1; i < dom.node(table).end; ++i) {
    const Node& n = dom.node(i);
    if (n.is_text) continue;
    switch (n.tag) {
      case GUMBO_TAG_TABLE: case GUMBO_TAG_P: case GUMBO_TAG_DIV: case GUMBO_TAG_UL:
      case GUMBO_TAG_OL: case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_PRE: case GUMBO_TAG_H1:
      case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_ARTICLE:
      case GUMBO_TAG_SECTION:
        return false;
      default:
        break;
    }
  }
  return true;
}

class Builder {
 public:
  Builder(const Dom& dom, const PruneResult& pruned, const std::vector<int>& roots,
          const BlockOptions& options, Arena* texts)
      : dom_(dom), pruned_(pruned), roots_(roots), opt_(options), texts_(texts) {}

  std::vector<Block> Run();

 private:
  struct Open {
    int node;
    bool block;     // block-level: closing it ends the current block
    bool data_table;
  };
  void Flush();
  void Close(const Open& o);
  void Enter(int i);
  void AddText(int i);
  bool InArticle(int i) const;
  void EmitPruned(int i);

  const Dom& dom_;
  const PruneResult& pruned_;
  const std::vector<int>& roots_;
  const BlockOptions opt_;
  Arena* texts_;
  std::vector<Block> out_;
  // Markdown: markers opened before the block's first text, and the state
  // of white space in Block::md.
  std::string md_prefix_;
  bool md_pending_space_ = false;
  void MdOpen(const char* marker);
  void MdClose(const char* marker);
  std::vector<Open> stack_;
  Block cur_;
  std::string text_;  // cur_'s text while it is built; stored at Flush
  bool has_cur_ = false;
  bool pending_space_ = false;
  int link_depth_ = 0;
  int pre_depth_ = 0;
  int quote_depth_ = 0;
  int list_node_ = -1;   // outermost open list
  int list_depth_ = 0;
  int table_node_ = -1;  // innermost open data table
  bool row_has_cell_ = false;
  bool row_has_cell_pending_tab_ = false;
  std::vector<int> saved_tables_;  // enclosing data tables
};

bool Builder::InArticle(int i) const {
  // Roots are sorted, disjoint subtrees: only the last one starting at or
  // before i can hold it.
  auto it = std::upper_bound(roots_.begin(), roots_.end(), i);
  if (it == roots_.begin()) return false;
  const int r = *--it;
  return i < dom_.node(r).end;
}

void Builder::Flush() {
  if (!has_cur_) return;
  has_cur_ = false;
  if (cur_.kind == BlockKind::kPre) {
    // Verbatim, but without the blank lines around it.
    size_t a = text_.find_first_not_of("\r\n");
    size_t b = text_.find_last_not_of(" \t\r\n");
    text_ = a == std::string::npos ? "" : text_.substr(a, b - a + 1);
  } else {
    while (!text_.empty() && (text_.back() == ' ' || text_.back() == '\t'))
      text_.pop_back();
  }
  if (cur_.chars > 0 && !text_.empty()) {
    if (opt_.markdown) {
      if (!cur_.md.empty()) {
        std::string& md = cur_.md.mut();
        while (!md.empty() && md.back() == ' ') md.pop_back();
      }
      if (cur_.kind == BlockKind::kPre) cur_.md = std::string_view(text_);
    }
    cur_.text = texts_->Store(text_);
    out_.push_back(std::move(cur_));
  }
  cur_ = Block();
  text_.clear();
  pending_space_ = false;
  md_pending_space_ = false;
  md_prefix_.clear();
}

void Builder::MdOpen(const char* marker) {
  if (!opt_.markdown || pre_depth_ > 0) return;
  if (!has_cur_) {
    md_prefix_ += marker;
    return;
  }
  if (md_pending_space_ && !cur_.md.empty()) cur_.md.mut().push_back(' ');
  md_pending_space_ = false;
  cur_.md.mut() += marker;
}

void Builder::MdClose(const char* marker) {
  if (!opt_.markdown || pre_depth_ > 0 || !has_cur_) return;
  cur_.md.mut() += marker;
}

void Builder::EmitPruned(int i) {
  Flush();
  Block b;
  b.owner = i;
  b.first_node = i;
  b.text = texts_->Store(SubtreeText(dom_, i, {}));
  b.chars = CountChars(b.text);
  b.in_article = InArticle(i);
  b.kept = false;
  b.stage = Stage::kPrune;
  b.reason = pruned_.reason_of[i];
  if (b.chars > 0) out_.push_back(std::move(b));
}

void Builder::AddText(int i) {
  const Node& n = dom_.node(i);
  if (!has_cur_) {
    // Decide only on real text: a whitespace node alone opens no block.
    bool any = false;
    for (size_t k = 0; k < n.text.size();) {
      size_t len;
      if (!IsSpaceAt(n.text, k, &len)) { any = true; break; }
      k += len;
    }
    if (!any && pre_depth_ == 0) return;
    has_cur_ = true;
    cur_ = Block();
    text_.clear();
    cur_.first_node = i;
    // The owner: innermost open block element.
    cur_.owner = dom_.body();
    for (auto it = stack_.rbegin(); it != stack_.rend(); ++it)
      if (it->block) { cur_.owner = it->node; break; }
    const Node& owner = dom_.node(cur_.owner);
    if (pre_depth_ > 0) cur_.kind = BlockKind::kPre;
    else if (IsHeadingTag(owner.tag)) {
      cur_.kind = BlockKind::kHeading;
      cur_.heading_level = owner.tag - GUMBO_TAG_H1 + 1;
    } else if (table_node_ >= 0) { cur_.kind = BlockKind::kTableRow; cur_.group = table_node_; }
    else if (list_node_ >= 0) { cur_.kind = BlockKind::kListItem; cur_.group = list_node_; }
    else if (quote_depth_ > 0) cur_.kind = BlockKind::kQuote;
    cur_.in_article = InArticle(i);
    cur_.kept = cur_.in_article;
    cur_.stage = cur_.in_article ? Stage::kNone : Stage::kLocate;
    cur_.reason = cur_.in_article ? "" : "outside the article";
    pending_space_ = false;
    md_pending_space_ = false;
    cur_.md = std::move(md_prefix_);
    md_prefix_.clear();
  }
  size_t before_len = text_.size();
  if (pre_depth_ > 0) {
    text_.append(n.text);
  } else {
    if (row_has_cell_pending_tab_) {
      if (!text_.empty()) text_.push_back('\t');
      if (opt_.markdown && !cur_.md.empty()) cur_.md.mut().push_back('\t');
      row_has_cell_pending_tab_ = false;
      pending_space_ = false;
      md_pending_space_ = false;
    }
    AppendCollapsed(n.text, &text_, &pending_space_);
    if (opt_.markdown) AppendCollapsed(n.text, &cur_.md.mut(), &md_pending_space_);
  }
  int c = 0;
  for (size_t k = before_len; k < text_.size(); ++k) {
    unsigned char b = text_[k];
    if ((b & 0xC0) != 0x80 && b > 0x20) ++c;
  }
  cur_.chars += c;
  if (link_depth_ > 0) cur_.link_chars += c;
}

void Builder::Enter(int i) {
  const Node& n = dom_.node(i);
  const GumboTag t = n.tag;
  bool block = IsBlockTag(t) || std::binary_search(roots_.begin(), roots_.end(), i);
  Open o{i, block, false};
  if (table_node_ >= 0 && (t == GUMBO_TAG_TD || t == GUMBO_TAG_TH)) {
    // A new cell in a data table row: separate from the previous cell.
    if (row_has_cell_) row_has_cell_pending_tab_ = true;
    row_has_cell_ = true;
    o.block = false;
  } else if (table_node_ >= 0 && t == GUMBO_TAG_TR) {
    Flush();
    row_has_cell_ = false;
    row_has_cell_pending_tab_ = false;
  } else if (table_node_ >= 0 && (t == GUMBO_TAG_TBODY || t == GUMBO_TAG_THEAD ||
                                  t == GUMBO_TAG_TFOOT)) {
    // structural, the row decides
  } else if (t == GUMBO_TAG_TABLE && pre_depth_ == 0 && IsDataTable(dom_, i)) {
    Flush();
    o.data_table = true;
    saved_tables_.push_back(table_node_);
    table_node_ = i;
  } else if (t == GUMBO_TAG_BR) {
    if (pre_depth_ > 0) {
      if (has_cur_) text_.push_back('\n');
    } else if (table_node_ >= 0 || list_node_ >= 0) {
      pending_space_ = true;
    } else {
      Flush();
    }
    return;  // void element: nothing to close
  } else if (block && pre_depth_ == 0) {
    if (!(table_node_ >= 0 && IsBlockTag(t) && t != GUMBO_TAG_TABLE)) Flush();
  }
  if (t == GUMBO_TAG_A) ++link_depth_;
  if (opt_.markdown) {
    if (t == GUMBO_TAG_B || t == GUMBO_TAG_STRONG) MdOpen("**");
    else if (t == GUMBO_TAG_I || t == GUMBO_TAG_EM) MdOpen("*");
    else if (t == GUMBO_TAG_CODE && pre_depth_ == 0) MdOpen("`");
    else if (t == GUMBO_TAG_A && opt_.links && !n.href.empty()) MdOpen("[");
  }
  if (t == GUMBO_TAG_PRE || t == GUMBO_TAG_LISTING || t == GUMBO_TAG_XMP || t == GUMBO_TAG_PLAINTEXT) {
    if (pre_depth_ == 0) Flush();
    ++pre_depth_;
  }
  if (t == GUMBO_TAG_BLOCKQUOTE) ++quote_depth_;
  if (IsListTag(t)) {
    if (list_depth_++ == 0) list_node_ = i;
  }
  if (t == GUMBO_TAG_LI && list_depth_ > 0 && pre_depth_ == 0) Flush();
  stack_.push_back(o);
}

void Builder::Close(const Open& o) {
  const GumboTag t = dom_.node(o.node).tag;
  if (t == GUMBO_TAG_A && link_depth_ > 0) --link_depth_;
  if (opt_.markdown) {
    if (t == GUMBO_TAG_B || t == GUMBO_TAG_STRONG) MdClose("**");
    else if (t == GUMBO_TAG_I || t == GUMBO_TAG_EM) MdClose("*");
    else if (t == GUMBO_TAG_CODE && pre_depth_ == 0) MdClose("`");
    else if (t == GUMBO_TAG_A && opt_.links && !dom_.node(o.node).href.empty()) {
      std::string close = "](" + std::string(dom_.node(o.node).href) + ")";
      MdClose(close.c_str());
    }
  }
  if (t == GUMBO_TAG_PRE || t == GUMBO_TAG_LISTING || t == GUMBO_TAG_XMP || t == GUMBO_TAG_PLAINTEXT) {
    if (--pre_depth_ == 0) Flush();
    return;
  }
  if (t == GUMBO_TAG_BLOCKQUOTE && quote_depth_ > 0) --quote_depth_;
  if (o.data_table) {
    Flush();
    table_node_ = saved_tables_.back();
    saved_tables_.pop_back();
    return;
  }
  if (table_node_ >= 0 && t == GUMBO_TAG_TR) {
    Flush();
    return;
  }
  if (IsListTag(t) && list_depth_ > 0) {
    if (--list_depth_ == 0) {
      Flush();
      list_node_ = -1;
    }
  }
  if (o.block && pre_depth_ == 0 && table_node_ < 0) Flush();
  else if (o.block && pre_depth_ == 0 && table_node_ >= 0) pending_space_ = true;
}

std::vector<Block> Builder::Run() {
  const int body = dom_.body();
  const int end = dom_.node(body).end;
  for (int i = body; i < end; ++i) {
    while (!stack_.empty() && dom_.node(stack_.back().node).end <= i) {
      Open o = stack_.back();
      stack_.pop_back();
      Close(o);
    }
    const Node& n = dom_.node(i);
    if (pruned_.removed[i] == i) {
      EmitPruned(i);
      i = n.end - 1;
      continue;
    }
    if (n.is_text) AddText(i);
    else Enter(i);
  }
  while (!stack_.empty()) {
    Open o = stack_.back();
    stack_.pop_back();
    Close(o);
  }
  Flush();
  return std::move(out_);
}

}  // namespace

const char* StageName(Stage s) {
  switch (s) {
    case Stage::kPrune: return "prune";
    case Stage::kLocate: return "locate";
    case Stage::kFilter: return "filter";
    case Stage::kNone: break;
  }
  return "";
}

std::string DescribeNode(const Dom& dom, int i) {
  std::string s = dom.TagName(i);
  const Node& n = dom.node(i);
  if (!n.cls.empty()) {
    std::string c = CollapseSpace(n.cls);
    std::replace(c.begin(), c.end(), ' ', '.');
    s += "." + c.substr(0, 60);
  }
  if (!n.id.empty()) s += "#" + std::string(n.id.substr(0, 40));
  return s;
}

std::vector<Block> BuildBlocks(const Dom& dom, const PruneResult& pruned, const std::vector<int>& roots,
                               const BlockOptions& options, Arena* texts) {
  std::vector<int> sorted(roots);
  std::sort(sorted.begin(), sorted.end());
  return Builder(dom, pruned, sorted, options, texts).Run();
}

}  // namespace winnow
