#include "dom.h"

#include <cstring>

#include "text_util.h"

namespace winnow {
namespace {

void* ArenaAlloc(void* userdata, size_t size) {
  return static_cast<Arena*>(userdata)->Allocate(size);
}
void ArenaFree(void*, void*) {}  // the arena is dropped whole

const GumboAttribute* Attr(const GumboElement& e, const char* name) {
  return gumbo_get_attribute(&e.attributes, name);
}

bool StyleHides(std::string_view style) {
  std::string s;
  s.reserve(style.size());
  for (char c : style)
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') s.push_back(c >= 'A' && c <= 'Z' ? char(c + 32) : c);
  return s.find("display:none") != std::string::npos ||
         s.find("visibility:hidden") != std::string::npos;
}

bool HasToken(std::string_view list, std::string_view token) {
  size_t pos = 0;
  while ((pos = list.find(token, pos)) != std::string_view::npos) {
    bool start = pos == 0 || list[pos - 1] == ' ';
    bool end = pos + token.size() == list.size() || list[pos + token.size()] == ' ';
    if (start && end) return true;
    pos += token.size();
  }
  return false;
}

// Appends the lower-cased class list with white space as single spaces.
// Blog engines tag a post's container with its taxonomy ("category-tools",
// "tag-sidebar"); those name the post's subject, not the element's role,
// and are left out of the signature of post containers.
void AppendSignatureClasses(std::string_view cls, GumboTag tag, std::string* pool) {
  std::string lower = AsciiLower(cls);
  for (char& ch : lower)
    if (ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f') ch = ' ';
  const bool post = tag == GUMBO_TAG_ARTICLE || tag == GUMBO_TAG_BODY ||
                    HasToken(lower, "hentry") || HasToken(lower, "type-post") ||
                    HasToken(lower, "status-publish");
  size_t i = 0;
  bool first = true;
  while (i < lower.size()) {
    while (i < lower.size() && lower[i] == ' ') ++i;
    size_t j = i;
    while (j < lower.size() && lower[j] != ' ') ++j;
    if (j == i) break;
    std::string_view token(lower.data() + i, j - i);
    bool taxonomy = token.starts_with("category-") || token.starts_with("tag-") ||
                    token.starts_with("post_tag-") || token.starts_with("topic-");
    if (!(post && taxonomy)) {
      if (!first) pool->push_back(' ');
      pool->append(token);
      first = false;
    }
    i = j;
  }
}

}  // namespace

std::unique_ptr<Dom> Dom::Parse(std::string_view html, const ParseLimits& limits) {
  std::unique_ptr<Dom> dom(new Dom());
  GumboOptions opts = kGumboDefaultOptions;
  opts.allocator = ArenaAlloc;
  opts.deallocator = ArenaFree;
  opts.userdata = &dom->arena_;
  opts.max_errors = 0;
  dom->output_ = gumbo_parse_with_options(&opts, html.data(), html.size());

  std::vector<Node>& nodes = dom->nodes_;
  nodes.reserve(html.size() / 40 + 16);

  // Iterative pre-order walk. Each stack entry is a Gumbo node and the index
  // of our node that its children attach to (which differs from its own
  // index when a too-deep element is flattened away).
  struct Frame {
    const GumboNode* g;
    unsigned next_child;
    int32_t attach;  // our node index children attach to
  };
  std::vector<Frame> stack;
  std::vector<int32_t> open;  // our nodes whose subtree is still open, for `end`

  auto add = [&](Node n) -> int32_t {
    nodes.push_back(n);
    return static_cast<int32_t>(nodes.size() - 1);
  };

  // Root node standing for the document.
  Node root;
  root.tag = GUMBO_TAG_HTML;
  int32_t root_idx = add(root);
  stack.push_back({dom->output_->document, 0, root_idx});


  while (!stack.empty()) {
    Frame& f = stack.back();
    const GumboVector* children = nullptr;
    if (f.g->type == GUMBO_NODE_DOCUMENT) children = &f.g->v.document.children;
    else if (f.g->type == GUMBO_NODE_ELEMENT) children = &f.g->v.element.children;
    if (!children || f.next_child >= children->length) {
      stack.pop_back();
      continue;
    }
    const GumboNode* c = static_cast<const GumboNode*>(children->data[f.next_child++]);
    int32_t parent = f.attach;
    if (nodes.size() >= limits.max_nodes) {
      dom->truncated_ = true;
      continue;
    }
    switch (c->type) {
      case GUMBO_NODE_TEXT:
      case GUMBO_NODE_WHITESPACE:
      case GUMBO_NODE_CDATA: {
        Node n;
        n.is_text = true;
        n.parent = parent;
        n.depth = nodes[parent].depth + 1;
        n.text = c->v.text.text;
        add(n);
        break;
      }
      case GUMBO_NODE_ELEMENT:
      case GUMBO_NODE_TEMPLATE: {
        const GumboElement& e = c->v.element;
        if (c->type == GUMBO_NODE_TEMPLATE) break;  // inert content
        int depth = nodes[parent].depth + 1;
        if (depth > limits.max_depth) {
          // Too deep: the element becomes a sibling of its parent (both at
          // the deepest allowed level), keeping its tag so paragraphs stay
          // paragraphs. The rest of the parent's children follow it there,
          // so every subtree is still one contiguous index range.
          dom->too_deep_ = true;
          parent = nodes[parent].parent;
          depth = nodes[parent].depth + 1;
          f.attach = parent;
        }
        Node n;
        n.tag = e.tag;
        n.parent = parent;
        n.depth = depth;
        if (const GumboAttribute* a = Attr(e, "class")) n.cls = a->value;
        if (const GumboAttribute* a = Attr(e, "id")) n.id = a->value;
        if (const GumboAttribute* a = Attr(e, "role")) n.role = a->value;
        if (Attr(e, "hidden")) n.flags |= kHidden;
        if (const GumboAttribute* a = Attr(e, "aria-hidden"))
          if (std::strcmp(a->value, "true") == 0) n.flags |= kHidden;
        if (const GumboAttribute* a = Attr(e, "style"))
          if (StyleHides(a->value)) n.flags |= kHidden;
        if (const GumboAttribute* a = Attr(e, "itemprop"))
          if (std::strstr(a->value, "articleBody")) n.flags |= kArticleBodyProp;
        if (e.tag == GUMBO_TAG_A) {
          const GumboAttribute* a = Attr(e, "href");
          if (a && (a->value[0] == '#' || std::strncmp(a->value, "javascript:", 11) == 0))
            n.flags |= kHashLink;
          if (a && a->value[0] != '#' && std::strcmp(a->value, "x") != 0) n.href = a->value;
        }
        if (e.tag == GUMBO_TAG_INPUT) {
          const GumboAttribute* a = Attr(e, "type");
          // Data entry only: buttons ("Copy", "Share") say nothing of a form,
          // nor do disabled boxes (a rendered task list's "[ ]").
          const char* t = a ? a->value : "text";
          if (!Attr(e, "disabled") && strcasecmp(t, "hidden") != 0 && strcasecmp(t, "submit") != 0 &&
              strcasecmp(t, "button") != 0 && strcasecmp(t, "image") != 0 &&
              strcasecmp(t, "reset") != 0)
            n.flags |= kFormControl;
        }
        if (e.tag == GUMBO_TAG_SELECT || e.tag == GUMBO_TAG_TEXTAREA) n.flags |= kFormControl;
        if (!n.cls.empty() || !n.id.empty()) {
          n.sig_off = static_cast<uint32_t>(dom->sig_pool_.size());
          std::string& pool = dom->sig_pool_;
          AppendSignatureClasses(n.cls, e.tag, &pool);
          pool.push_back(' ');
          for (char ch : n.id) pool.push_back(ch >= 'A' && ch <= 'Z' ? char(ch + 32) : ch);
          n.sig_len = static_cast<uint32_t>(pool.size() - n.sig_off);
        }
        // Head metadata we report or use later.
        if (e.tag == GUMBO_TAG_TITLE && dom->title_.empty() && e.children.length > 0) {
          const GumboNode* t = static_cast<const GumboNode*>(e.children.data[0]);
          if (t->type == GUMBO_NODE_TEXT) dom->title_ = CollapseSpace(t->v.text.text);
        } else if (e.tag == GUMBO_TAG_META) {
          const GumboAttribute* key = Attr(e, "property");
          if (!key) key = Attr(e, "name");
          const GumboAttribute* content = Attr(e, "content");
          if (key && content) dom->metas_.emplace_back(AsciiLower(key->value), content->value);
        } else if (e.tag == GUMBO_TAG_TIME && dom->first_time_.empty()) {
          if (const GumboAttribute* dt = Attr(e, "datetime")) dom->first_time_ = dt->value;
        } else if (e.tag == GUMBO_TAG_LINK && dom->canonical_.empty()) {
          const GumboAttribute* rel = Attr(e, "rel");
          const GumboAttribute* href = Attr(e, "href");
          if (rel && href && strcasecmp(rel->value, "canonical") == 0) dom->canonical_ = href->value;
        }
        int32_t idx = add(n);
        if (e.tag == GUMBO_TAG_BODY && dom->body_ == 0) dom->body_ = idx;
        stack.push_back({c, 0, idx});
        break;
      }
      default:
        break;  // comments, document
    }
  }
  // Subtree ends: a node's subtree ends where the next node at its depth or
  // shallower begins. One reverse pass computes it from parent links.
  const int32_t n = static_cast<int32_t>(nodes.size());
  for (int32_t i = 0; i < n; ++i) nodes[i].end = i + 1;
  for (int32_t i = n - 1; i > 0; --i) {
    int32_t p = nodes[i].parent;
    if (nodes[p].end < nodes[i].end) nodes[p].end = nodes[i].end;
  }
  return dom;
}

std::string_view Dom::meta(std::string_view key) const {
  for (const auto& [k, v] : metas_)
    if (k == key) return v;
  return {};
}

std::string Dom::TagName(int i) const {
  const Node& n = nodes_[i];
  if (n.is_text) return "#text";
  if (n.tag == GUMBO_TAG_UNKNOWN) return "unknown";
  return gumbo_normalized_tagname(n.tag);
}

}  // namespace winnow
