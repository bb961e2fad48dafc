#include "prune.h"

#include <algorithm>
#include <string_view>
#include <unordered_map>

#include "text_util.h"

namespace winnow {
namespace {

// What the class rules say of one signature. Pages repeat the same class
// strings hundreds of times (menu items, cards), so each distinct string is
// matched once per page.
struct ClassHits {
  int drop = -1, discussion = -1, layout = -1;
  bool keep = false;
};

// The signature without modifier classes: "has-rail-right", "with-sidebar"
// and "no-sidebar" are worn by the main wrapper beside a sidebar, not by the
// sidebar, so layout names must not be read in them. (Boilerplate names may:
// a figure "has-caption".)
std::string WithoutModifiers(std::string_view sig) {
  std::string out;
  size_t i = 0;
  while (i < sig.size()) {
    size_t j = sig.find(' ', i);
    if (j == std::string_view::npos) j = sig.size();
    const std::string_view token = sig.substr(i, j - i);
    if (!token.starts_with("has-") && !token.starts_with("with-") && !token.starts_with("no-")) {
      if (!out.empty()) out.push_back(' ');
      out.append(token);
    }
    i = j + 1;
  }
  return out;
}

class ClassMemo {
 public:
  explicit ClassMemo(const RuleSet& rules) : rules_(rules) {}
  const ClassHits& Get(std::string_view sig) {
    auto it = memo_.find(sig);
    if (it != memo_.end()) return it->second;
    // Most signatures match no rule: ask RE2 "any?" first, which is cheaper
    // than "which?" (no match list to fill), and ask which only on a hit,
    // for the reason.
    auto which = [](const PatternSet& set, std::string_view s) { return set.Matches(s) ? set.Match(s) : -1; };
    ClassHits h;
    h.drop = which(rules_.drop_class, sig);
    h.discussion = which(rules_.discussion_class, sig);
    h.layout = which(rules_.layout_class, WithoutModifiers(sig));
    if (h.drop >= 0 || h.discussion >= 0 || h.layout >= 0) h.keep = rules_.keep_class.Matches(sig);
    return memo_.emplace(sig, h).first->second;
  }

 private:
  const RuleSet& rules_;
  std::unordered_map<std::string_view, ClassHits> memo_;
};

bool TagListed(const std::vector<GumboTag>& tags, GumboTag t) {
  return std::find(tags.begin(), tags.end(), t) != tags.end();
}

}  // namespace

PruneResult Prune(const Dom& dom, const std::vector<NodeFeatures>& f, const RuleSet& rules) {
  const int n = dom.size();
  PruneResult out;
  out.removed.assign(n, -1);
  out.reason_of.resize(n);

  std::vector<GumboTag> drop_tags, layout_tags;
  // A name Gumbo does not know maps to GUMBO_TAG_UNKNOWN, which every
  // custom element shares: such names are left out, or they would drop
  // every <my-widget> on the page.
  for (const std::string& t : rules.drop_tags)
    if (GumboTag g = gumbo_tag_enum(t.c_str()); g != GUMBO_TAG_UNKNOWN) drop_tags.push_back(g);
  for (const std::string& t : rules.layout_tags)
    if (GumboTag g = gumbo_tag_enum(t.c_str()); g != GUMBO_TAG_UNKNOWN) layout_tags.push_back(g);

  const int body = dom.body();
  const int page_prose = f[body].prose_chars;
  // A subtree holding half the page's prose is the article or holds it: a
  // class name ("sidebar-first-only", "category-tools") does not outweigh
  // that.
  // Pages with little prose (shops, listings) are guarded by raw text: a
  // "header" that wraps 60% of all text is the page's frame, not its header.
  const int page_chars = f[body].chars;
  auto holds_page = [&](int i) {
    return (page_prose >= 300 && f[i].prose_chars * 2 >= page_prose) ||
           (page_chars >= 500 && f[i].chars * 10 >= page_chars * 6);
  };

  // Reads as prose: a layout name or tag does not outweigh that.
  auto reads_as_prose = [&](int i) {
    return f[i].prose_chars >= 400 && f[i].prose_chars * 10 >= f[i].chars * 6 &&
           f[i].link_chars * 100 < f[i].chars * 15;
  };

  // Comments are boilerplate on an article and the content of a forum
  // thread. The page is a discussion when its first paragraph of prose
  // stands inside a comment container (a forum's opening post sits in the
  // thread, an article stands outside its comments) and the comment
  // containers hold most of the page's prose.
  ClassMemo memo(rules);
  int discussion_prose = 0;
  int first_prose_in_discussion = -1;  // -1 unknown, 0 no, 1 yes
  int open_discussion_end = -1;
  for (int i = body; i < dom.node(body).end; ++i) {
    const Node& node = dom.node(i);
    if (node.is_text) continue;
    if (i >= open_discussion_end && node.sig_len > 0 && f[i].prose_chars > 0 &&
        memo.Get(dom.signature(i)).discussion >= 0) {
      discussion_prose += f[i].prose_chars;
      open_discussion_end = node.end;
    }
    if (first_prose_in_discussion < 0 && f[i].prose_chars >= 80 && f[i].prose_chars == f[i].chars &&
        !(node.flags & kHidden))
      first_prose_in_discussion = i < open_discussion_end ? 1 : 0;
  }
  const bool is_discussion = first_prose_in_discussion == 1 && discussion_prose * 4 >= page_prose * 3;

  // A listing's items: three or more siblings that share a tag and a class
  // list the boilerplate rules name ("teaserItem", "related-card"; their
  // ids differ) and together hold 60% of the page's text are what the page
  // lists, not teasers beside an article. (A topic page of story cards lost
  // every card.)
  // listing_rule[i]: the drop-class rule of the listing item i is or is in
  // (-1: none). Inside an item, that rule ("div.teaser" in
  // "li.teaserItem") names the item again and is not read either.
  std::vector<int> listing_rule(n, -1);
  if (page_chars >= 500) {
    for (int p = body; p < dom.node(body).end; ++p) {
      // The items are p's children, so p must hold the 60% itself: only
      // the few elements around the page's main block are looked at.
      if (dom.node(p).is_text || f[p].chars * 10 < page_chars * 6) continue;
      // Keyed by tag and class list, in a hash: a parent of many children
      // with distinct classes stays linear.
      std::unordered_map<std::string, std::vector<int>> groups;
      std::string key;
      for (int c = p + 1; c < dom.node(p).end; c = dom.node(c).end) {
        const Node& child = dom.node(c);
        if (child.is_text || child.cls.empty() || f[c].chars == 0) continue;
        const ClassHits& h = memo.Get(dom.signature(c));
        if (h.drop < 0 || h.keep) continue;
        key.assign(std::to_string(int(child.tag))).append("|").append(child.cls);
        groups[key].push_back(c);
      }
      for (const auto& [group_key, members] : groups) {
        int chars = 0;
        for (int c : members) chars += f[c].chars;
        if (members.size() >= 3 && chars * 10 >= page_chars * 6)
          for (int c : members) listing_rule[c] = memo.Get(dom.signature(c)).drop;
      }
    }
    for (int i = body + 1; i < dom.node(body).end; ++i)
      if (listing_rule[i] < 0) listing_rule[i] = listing_rule[dom.node(i).parent];
  }

  // Inside <main> (or role=main) a <header> heads a section of the content,
  // not the site.
  std::vector<bool> in_main(n, false);
  for (int i = 1; i < n; ++i) {
    const Node& node = dom.node(i);
    in_main[i] = in_main[node.parent] || (!node.is_text && (node.tag == GUMBO_TAG_MAIN || node.role == "main"));
  }

  for (int i = 0; i < n; ++i) {
    const Node& node = dom.node(i);
    if (node.is_text) {
      if (node.parent >= 0 && out.removed[node.parent] >= 0) out.removed[i] = out.removed[node.parent];
      continue;
    }
    if (node.parent >= 0 && out.removed[node.parent] >= 0) {
      out.removed[i] = out.removed[node.parent];
      continue;
    }
    if (i == body || node.tag == GUMBO_TAG_HTML || node.tag == GUMBO_TAG_BODY) continue;
    // An element without text changes nothing whether pruned or not (icons,
    // spacers, images): skip the rules, most of the page's elements.
    if (f[i].chars == 0) continue;
    std::string why;
    if (node.tag == GUMBO_TAG_HEAD || node.tag == GUMBO_TAG_TITLE) {
      why = "head";
    } else if ((node.flags & kHidden) && !holds_page(i) &&
               !(node.sig_len > 0 && rules.reveal_class.Matches(dom.signature(i))) &&
               AsciiLower(node.role) != "tabpanel") {
      // Hidden, unless it holds the page's prose: streamed server rendering
      // parks the article in a hidden element that script reveals.
      why = "hidden element";
    } else if (TagListed(drop_tags, node.tag) && !holds_page(i)) {
      why = "tag <" + dom.TagName(i) + ">";
    } else if (TagListed(layout_tags, node.tag) && !holds_page(i) && !reads_as_prose(i) &&
               !in_main[i]) {
      why = "layout tag <" + dom.TagName(i) + ">";
    } else if (!node.role.empty() &&
               std::find(rules.drop_roles.begin(), rules.drop_roles.end(),
                         AsciiLower(node.role)) != rules.drop_roles.end() &&
               !holds_page(i)) {
      why = "role=" + std::string(node.role);
    } else if (node.tag == GUMBO_TAG_FORM && f[i].controls > 0 && f[i].chars < 2000 && !holds_page(i)) {
      why = "form with controls";
    } else if (node.sig_len > 0 && !(node.flags & kArticleBodyProp)) {
      std::string_view sig = dom.signature(i);
      const ClassHits& h = memo.Get(sig);
      if (h.drop >= 0 && !h.keep && !holds_page(i) && h.drop != listing_rule[i]) {
        why = "class/id \"" + rules.drop_class.pattern(h.drop) + "\" (" + rules.drop_class.origin(h.drop) + ")";
      } else if (h.drop < 0 && !is_discussion && h.discussion >= 0) {
        if (!h.keep && !holds_page(i))
          why = "comments \"" + rules.discussion_class.pattern(h.discussion) + "\" (" +
                rules.discussion_class.origin(h.discussion) + ")";
      } else if (h.drop < 0 && h.layout >= 0) {
        if (!h.keep && !holds_page(i) && !reads_as_prose(i))
          why = "layout class/id \"" + rules.layout_class.pattern(h.layout) + "\" (" +
                rules.layout_class.origin(h.layout) + ")";
      }
    }
    if (!why.empty()) {
      out.removed[i] = i;
      out.reason_of[i] = std::move(why);
    }
  }
  return out;
}

}  // namespace winnow
