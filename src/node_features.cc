#include "node_features.h"

#include "text_util.h"

namespace winnow {

bool IsBlockTag(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_ADDRESS: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_BODY: case GUMBO_TAG_CENTER:
    case GUMBO_TAG_DD: case GUMBO_TAG_DETAILS: case GUMBO_TAG_DIR:
    case GUMBO_TAG_DIV: case GUMBO_TAG_DL: case GUMBO_TAG_DT: case GUMBO_TAG_FIELDSET:
    case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_FIGURE: case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_FORM: case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3:
    case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6: case GUMBO_TAG_HEADER:
    case GUMBO_TAG_HGROUP: case GUMBO_TAG_HR: case GUMBO_TAG_LI: case GUMBO_TAG_MAIN:
    case GUMBO_TAG_MENU: case GUMBO_TAG_NAV: case GUMBO_TAG_OL: case GUMBO_TAG_P:
    case GUMBO_TAG_PRE: case GUMBO_TAG_SECTION: case GUMBO_TAG_SUMMARY:
    case GUMBO_TAG_TABLE: case GUMBO_TAG_TBODY: case GUMBO_TAG_TD: case GUMBO_TAG_TFOOT:
    case GUMBO_TAG_TH: case GUMBO_TAG_THEAD: case GUMBO_TAG_TR: case GUMBO_TAG_UL:
    case GUMBO_TAG_CAPTION: case GUMBO_TAG_LEGEND: case GUMBO_TAG_OPTION:
    case GUMBO_TAG_HTML: case GUMBO_TAG_LISTING: case GUMBO_TAG_PLAINTEXT:
    case GUMBO_TAG_XMP: case GUMBO_TAG_NOSCRIPT:
      return true;
    default:
      return false;
  }
}

bool IsHeadingTag(GumboTag t) {
  return t == GUMBO_TAG_H1 || t == GUMBO_TAG_H2 || t == GUMBO_TAG_H3 || t == GUMBO_TAG_H4 ||
         t == GUMBO_TAG_H5 || t == GUMBO_TAG_H6;
}

std::string SubtreeText(const Dom& dom, int root, const std::vector<int32_t>& removed) {
  std::string out;
  bool pending = false;
  const int end = dom.node(root).end;
  for (int i = root; i < end; ++i) {
    if (!removed.empty() && removed[i] >= 0) {
      i = dom.node(i).end - 1;  // skip the removed subtree
      continue;
    }
    const Node& n = dom.node(i);
    if (n.is_text) AppendCollapsed(n.text, &out, &pending);
    else if (IsBlockTag(n.tag) || n.tag == GUMBO_TAG_BR) pending = true;
  }
  return out;
}

std::vector<NodeFeatures> ComputeFeatures(const Dom& dom, const std::vector<int32_t>& removed) {
  const int n = dom.size();
  std::vector<NodeFeatures> f(n);
  const bool has_removed = !removed.empty();
  for (int i = n - 1; i >= 0; --i) {
    const Node& node = dom.node(i);
    if (has_removed && removed[i] >= 0) continue;
    NodeFeatures& mine = f[i];
    if (node.is_text) {
      int c = 0;
      for (size_t k = 0; k < node.text.size();) {
        size_t len;
        if (!IsSpaceAt(node.text, k, &len)) {
          unsigned char b = node.text[k];
          c += (b & 0xC0) != 0x80;
        }
        k += len;
      }
      mine.chars = c;
      mine.commas = CountCommas(node.text);
    } else {
      if (node.tag == GUMBO_TAG_A) {
        mine.link_chars = mine.chars;
        if (node.flags & kHashLink) mine.hash_link_chars = mine.chars;
      }
      if (node.flags & kFormControl) mine.controls += 1;
      const bool paragraph = node.tag == GUMBO_TAG_P || node.tag == GUMBO_TAG_PRE ||
                             node.tag == GUMBO_TAG_BLOCKQUOTE || node.tag == GUMBO_TAG_LI ||
                             ((node.tag == GUMBO_TAG_DIV || node.tag == GUMBO_TAG_TD) &&
                              mine.block_children == 0);
      if (paragraph && mine.chars >= 80 && mine.link_chars * 10 < mine.chars * 3)
        mine.prose_chars = mine.chars;
      else if ((node.tag == GUMBO_TAG_DIV || node.tag == GUMBO_TAG_TD || node.tag == GUMBO_TAG_SECTION ||
                node.tag == GUMBO_TAG_ARTICLE) &&
               mine.own_chars >= 80 && mine.link_chars * 10 < mine.chars * 3)
        // Text straight inside a container that also holds blocks (a forum
        // post with a quote box in it) is prose too.
        mine.prose_chars += mine.own_chars;
    }
    if (node.parent >= 0) {
      NodeFeatures& p = f[node.parent];
      p.chars += mine.chars;
      p.link_chars += mine.link_chars;
      p.hash_link_chars += mine.hash_link_chars;
      p.commas += mine.commas;
      p.controls += mine.controls;
      p.prose_chars += mine.prose_chars;
      if (node.is_text) p.own_chars += mine.chars;
      else if (IsBlockTag(node.tag)) p.block_children += 1;
    }
  }
  return f;
}

}  // namespace winnow
