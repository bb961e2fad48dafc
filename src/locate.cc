#include "locate.h"

#include <algorithm>
#include <cmath>
#include <string_view>
#include <unordered_map>

#include "text_util.h"

namespace winnow {
namespace {

// Below this much prose a page is not an article (a landing, product or
// listing page).
constexpr int kLowProsePage = 5000;
constexpr int kVeryLowProsePage = 1500;
// A listing: the page has this much prose, and the best article candidate
// holds less than this and under a fifth of it.
constexpr int kListingMinProse = 1500;
constexpr int kListingMaxRootProse = 800;

double LinkDensity(const NodeFeatures& f) {
  if (f.chars == 0) return 0;
  // In-page links ("#", javascript:) weigh less: they are often footnotes or
  // table-of-contents anchors inside real text.
  double links = f.link_chars - 0.7 * f.hash_link_chars;
  return std::clamp(links / f.chars, 0.0, 1.0);
}

bool IsParagraphLike(const Dom& dom, const std::vector<NodeFeatures>& f, int i) {
  const Node& n = dom.node(i);
  switch (n.tag) {
    case GUMBO_TAG_P: case GUMBO_TAG_PRE: case GUMBO_TAG_TD:
      return true;
    case GUMBO_TAG_DIV: case GUMBO_TAG_SECTION: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_DD:
    case GUMBO_TAG_LI:
      return f[i].block_children == 0;
    default:
      return false;
  }
}

int TagBaseScore(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_DIV: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_MAIN: return 5;
    case GUMBO_TAG_PRE: case GUMBO_TAG_TD: case GUMBO_TAG_BLOCKQUOTE: return 3;
    case GUMBO_TAG_ADDRESS: case GUMBO_TAG_OL: case GUMBO_TAG_UL: case GUMBO_TAG_DL:
    case GUMBO_TAG_DD: case GUMBO_TAG_DT: case GUMBO_TAG_LI: case GUMBO_TAG_FORM: return -3;
    case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4:
    case GUMBO_TAG_H5: case GUMBO_TAG_H6: case GUMBO_TAG_TH: return -5;
    default: return 0;
  }
}

double ClassWeight(const Dom& dom, int i, const RuleSet& rules) {
  if (dom.node(i).sig_len == 0) return 0;
  std::string_view sig = dom.signature(i);
  double w = 0;
  if (rules.positive_class.Matches(sig)) w += 25;
  if (rules.negative_class.Matches(sig)) w -= 25;
  return w;
}

int CommonAncestor(const Dom& dom, int a, int b) {
  while (a != b) {
    if (dom.node(a).depth > dom.node(b).depth) a = dom.node(a).parent;
    else if (dom.node(b).depth > dom.node(a).depth) b = dom.node(b).parent;
    else { a = dom.node(a).parent; b = dom.node(b).parent; }
    if (a < 0 || b < 0) return 0;
  }
  return a;
}

bool Alive(const std::vector<int32_t>& removed, int i) { return removed.empty() || removed[i] < 0; }

// 1. itemprop="articleBody".
int FromItemprop(const Dom& dom, const std::vector<NodeFeatures>& f,
                 const std::vector<int32_t>& removed) {
  int best = -1;
  for (int i = 0; i < dom.size(); ++i) {
    if ((dom.node(i).flags & kArticleBodyProp) && Alive(removed, i) && f[i].chars >= 200 &&
        (best < 0 || f[i].chars > f[best].chars))
      best = i;
  }
  return best;
}

// 2. JSON-LD articleBody: the common ancestor of the paragraphs it quotes.
int FromJsonLd(const Dom& dom, const std::vector<NodeFeatures>& f,
               const std::vector<int32_t>& removed, const std::string& ld_body) {
  std::string ld = CollapseSpace(ld_body);
  if (CountChars(ld) < 200) return -1;
  int lca = -1, matched = 0;
  size_t covered = 0;
  for (int i = 0; i < dom.size(); ++i) {
    const Node& n = dom.node(i);
    if (n.is_text || !Alive(removed, i) || f[i].chars < 30) continue;
    if (!IsParagraphLike(dom, f, i) && n.tag != GUMBO_TAG_LI && !IsHeadingTag(n.tag)) continue;
    std::string t = SubtreeText(dom, i, removed);
    if (ld.find(t) == std::string::npos) continue;
    lca = lca < 0 ? i : CommonAncestor(dom, lca, i);
    covered += t.size();
    ++matched;
    i = n.end - 1;  // do not count nested paragraphs twice
  }
  if (matched < 2 || covered * 2 < ld.size()) return -1;
  return lca;
}

Located LocateArticle(const Dom& dom, const std::vector<NodeFeatures>& f,
                      const std::vector<int32_t>& removed, const RuleSet& rules,
                      const std::string& json_ld_body) {
  Located out;
  if (int i = FromItemprop(dom, f, removed); i >= 0) {
    out.roots.push_back(i);
    out.method = "itemprop";
    return out;
  }
  if (int i = FromJsonLd(dom, f, removed, json_ld_body); i >= 0) {
    out.roots.push_back(i);
    out.method = "json-ld";
    return out;
  }

  // 3. Paragraph scoring.
  std::unordered_map<int, double> score;
  auto touch = [&](int i) -> double& {
    auto it = score.find(i);
    if (it == score.end())
      it = score.emplace(i, TagBaseScore(dom.node(i).tag) + ClassWeight(dom, i, rules)).first;
    return it->second;
  };
  const int body = dom.body();
  for (int i = body; i < dom.node(body).end; ++i) {
    const Node& n = dom.node(i);
    if (n.is_text) continue;
    if (!Alive(removed, i)) { i = n.end - 1; continue; }
    int chars = f[i].chars;
    if (!IsParagraphLike(dom, f, i)) {
      // A container with text of its own beside its blocks scores for that
      // text (Readability wraps such runs in paragraphs).
      const GumboTag t = n.tag;
      if (!(t == GUMBO_TAG_DIV || t == GUMBO_TAG_SECTION || t == GUMBO_TAG_ARTICLE || t == GUMBO_TAG_TD) ||
          f[i].own_chars < 25)
        continue;
      chars = f[i].own_chars;
    }
    if (chars < 25) continue;
    // A list item counts its commas only up to a few: a list of references
    // ("Smith J, Jones K, Lee M, et al.") is all commas and would outscore
    // the article it cites.
    const int commas = n.tag == GUMBO_TAG_LI ? std::min(f[i].commas, 2) : f[i].commas;
    double s = 1 + commas + std::min(chars / 100, 3);
    int a = n.parent;
    for (int level = 0; level < 5 && a >= 0 && a >= body; ++level, a = dom.node(a).parent) {
      double div = level == 0 ? 1 : level == 1 ? 2 : level * 3;
      touch(a) += s / div;
    }
  }
  int top = -1;
  double top_score = 0;
  for (auto& [i, s] : score) {
    s *= 1 - LinkDensity(f[i]);
    if (top < 0 || s > top_score || (s == top_score && i < top)) {
      top = i;
      top_score = s;
    }
  }
  if (top < 0) {
    out.roots.push_back(body);
    out.method = "body";
    return out;
  }
  // A wrapper that adds no text of its own says the same as its child: climb
  // through such wrappers so the sibling step sees the real siblings.
  while (top != body && dom.node(top).parent >= body &&
         f[dom.node(top).parent].chars == f[top].chars) {
    top = dom.node(top).parent;
  }
  // Articles cut into sections (page builders nest every section in its own
  // wrappers) leave the best candidate holding one section. Climb while the
  // parent adds real prose and the addition is mostly prose, not a frame of
  // links.
  while (top != body) {
    const int p = dom.node(top).parent;
    if (p < body) break;
    const int added_chars = f[p].chars - f[top].chars;
    const int added_prose = f[p].prose_chars - f[top].prose_chars;
    if (added_prose >= 100 && added_prose * 2 >= added_chars && LinkDensity(f[p]) < 0.4) {
      top = p;
      continue;
    }
    break;
  }
  out.method = "scoring";
  if (top == body) {
    out.roots.push_back(top);
    return out;
  }
  // Siblings that score well, or plain paragraphs of prose, join the top
  // candidate.
  const int parent = dom.node(top).parent;
  const double threshold = std::max(10.0, top_score * 0.2);
  for (int c = parent + 1; c < dom.node(parent).end; c = dom.node(c).end) {
    const Node& n = dom.node(c);
    if (n.is_text || !Alive(removed, c)) continue;
    if (c == top) { out.roots.push_back(c); continue; }
    double s = 0;
    if (auto it = score.find(c); it != score.end()) s = it->second;
    if (n.sig_len && n.sig_len == dom.node(top).sig_len && dom.signature(c) == dom.signature(top))
      s += top_score * 0.2;
    bool join = s >= threshold;
    // A paragraph of prose joins only after the candidate: one before it is
    // most often the standfirst, which is not body text.
    if (!join && n.tag == GUMBO_TAG_P && c > top) {
      double ld = LinkDensity(f[c]);
      if (f[c].chars > 80 && ld < 0.25) join = true;
      else if (f[c].chars > 0 && ld == 0) {
        std::string t = SubtreeText(dom, c, removed);
        join = !t.empty() && (t.back() == '.' || t.find(". ") != std::string::npos);
      }
    }
    if (join) out.roots.push_back(c);
  }
  return out;
}

// The main landmark: <main> or role=main, when it holds text.
int MainLandmark(const Dom& dom, const std::vector<NodeFeatures>& f,
                 const std::vector<int32_t>& removed) {
  for (int i = dom.body(); i < dom.size(); ++i) {
    const Node& n = dom.node(i);
    if (n.is_text || !Alive(removed, i)) continue;
    if ((n.tag == GUMBO_TAG_MAIN || n.role == "main") && f[i].chars > 0) return i;
  }
  return -1;
}

}  // namespace

Located Locate(const Dom& dom, const std::vector<NodeFeatures>& f,
               const std::vector<int32_t>& removed, const RuleSet& rules,
               const std::string& json_ld_body) {
  Located out = LocateArticle(dom, f, removed, rules, json_ld_body);
  // A page with little prose (a landing, product or listing page) has no
  // article to find: its content is the main landmark, or the whole page,
  // less what pruning took.
  const int page_prose = f[dom.body()].prose_chars;
  int root_prose = 0;
  for (int r : out.roots) root_prose += f[r].prose_chars;
  if (out.method == "scoring" && page_prose < kLowProsePage && root_prose * 10 < page_prose * 6) {
    int main = MainLandmark(dom, f, removed);
    if (main >= 0) {
      out.roots.assign(1, main);
      out.method = "main landmark of a page with little prose";
    } else if (page_prose < kVeryLowProsePage) {
      out.roots.assign(1, dom.body());
      out.method = "whole page with little prose";
    }
  }
  if (out.method != "scoring") return out;
  if (page_prose >= kListingMinProse &&
             root_prose < kListingMaxRootProse && root_prose * 5 < page_prose) {
    // The best candidate is a sliver of a page with much prose elsewhere,
    // spread over many cards: an index (a category page, search results,
    // a front page). Its cards are the content: the main landmark, else the
    // element holding most of the page's prose.
    int root = MainLandmark(dom, f, removed);
    if (root < 0) {
      root = dom.body();
      for (bool deeper = true; deeper;) {
        deeper = false;
        for (int c = root + 1; c < dom.node(root).end; c = dom.node(c).end) {
          if (!dom.node(c).is_text && Alive(removed, c) && f[c].prose_chars * 10 >= page_prose * 6) {
            root = c;
            deeper = true;
            break;
          }
        }
      }
    }
    out.roots.assign(1, root);
    out.method = "listing (no article; the cards are the content)";
    out.listing = true;
  } else if (root_prose < kListingMaxRootProse) {
    // A short introduction above a grid of product or link cards (a shop's
    // category page): the main landmark holds five times its text.
    int main = MainLandmark(dom, f, removed);
    int root_chars = 0;
    for (int r : out.roots) root_chars += f[r].chars;
    if (main >= 0 && root_chars * 5 < f[main].chars && f[main].link_chars * 2 > f[main].chars) {
      out.roots.assign(1, main);
      out.method = "listing in the main landmark (a short introduction over cards)";
      out.listing = true;
    }
  }
  return out;
}

}  // namespace winnow
