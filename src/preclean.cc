#include "preclean.h"

#include <algorithm>
#include <cstdint>
#include <cstring>

#include <gumbo.h>

#include "text_util.h"

namespace winnow {
namespace {

inline char Lower(char c) { return (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c; }

// True when s[i..] starts with `word` (lower-case ASCII), case-insensitively.
bool StartsWithCI(std::string_view s, size_t i, const char* word) {
  size_t n = std::strlen(word);
  if (i + n > s.size()) return false;
  for (size_t k = 0; k < n; ++k)
    if (Lower(s[i + k]) != word[k]) return false;
  return true;
}

bool IsNameEnd(std::string_view s, size_t i) {
  if (i >= s.size()) return true;
  char c = s[i];
  return c == '>' || c == '/' || c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

// Finds "</name" case-insensitively from `from`; returns npos when absent.
size_t FindClose(std::string_view s, size_t from, const char* name) {
  size_t n = std::strlen(name);
  while (true) {
    const void* p = std::memchr(s.data() + from, '<', s.size() - from);
    if (!p) return std::string_view::npos;
    size_t i = static_cast<const char*>(p) - s.data();
    if (i + 1 < s.size() && s[i + 1] == '/' && StartsWithCI(s, i + 2, name) && IsNameEnd(s, i + 2 + n))
      return i;
    from = i + 1;
  }
}

// Bytes of <noscript> content above which it is taken for page content.
constexpr size_t kNoscriptContentBytes = 2048;

const char* const kCutTags[] = {"script", "style", "svg", "noscript", "template", "iframe"};

bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsTagSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// Attributes the later stages read. Everything else (data-*, srcset, inline
// JSON, long URLs) is parse work for nothing: attributes are about two
// thirds of a news page's bytes once scripts and styles are gone.
enum class Keep { kNo, kYes, kHref, kStyle };
Keep KeepAttribute(std::string_view name) {
  static const char* const kNames[] = {"class", "id", "role", "itemprop", "hidden", "aria-hidden",
                                       "type", "name", "property", "content", "rel", "datetime",
                                       "lang", "itemtype", "open", "colspan", "disabled"};
  if (name.size() > 12) return Keep::kNo;
  char lower[16];
  for (size_t k = 0; k < name.size(); ++k) lower[k] = Lower(name[k]);
  std::string_view l(lower, name.size());
  if (l == "href") return Keep::kHref;
  if (l == "style") return Keep::kStyle;
  for (const char* n : kNames)
    if (l == n) return Keep::kYes;
  return Keep::kNo;
}


// Elements that never hold children, and elements whose start closes an
// open one of their kind (so a run of them does not nest): neither deepens
// the tree. Looked up through Gumbo's perfect hash of tag names.
bool IsFlatElement(std::string_view name) {
  switch (gumbo_tagn_enum(name.data(), static_cast<unsigned>(name.size()))) {
    case GUMBO_TAG_AREA: case GUMBO_TAG_BASE: case GUMBO_TAG_BR: case GUMBO_TAG_COL:
    case GUMBO_TAG_EMBED: case GUMBO_TAG_HR: case GUMBO_TAG_IMG: case GUMBO_TAG_INPUT:
    case GUMBO_TAG_LINK: case GUMBO_TAG_META: case GUMBO_TAG_PARAM: case GUMBO_TAG_SOURCE:
    case GUMBO_TAG_TRACK: case GUMBO_TAG_WBR: case GUMBO_TAG_KEYGEN: case GUMBO_TAG_BASEFONT:
    case GUMBO_TAG_BGSOUND: case GUMBO_TAG_FRAME: case GUMBO_TAG_P: case GUMBO_TAG_LI:
    case GUMBO_TAG_DT: case GUMBO_TAG_DD: case GUMBO_TAG_TR: case GUMBO_TAG_TD: case GUMBO_TAG_TH:
    case GUMBO_TAG_OPTION: case GUMBO_TAG_OPTGROUP: case GUMBO_TAG_RB: case GUMBO_TAG_RT:
    case GUMBO_TAG_RP: case GUMBO_TAG_TBODY: case GUMBO_TAG_THEAD: case GUMBO_TAG_TFOOT:
    case GUMBO_TAG_COLGROUP: case GUMBO_TAG_IMAGE:
      return true;
    default:
      return false;
  }
}

// Past the depth limit only these still open elements, up to kDepthSlack
// levels more.
constexpr int kDepthSlack = 32;
bool CarriesMeaning(std::string_view name) {
  switch (gumbo_tagn_enum(name.data(), static_cast<unsigned>(name.size()))) {
    case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5:
    case GUMBO_TAG_H6: case GUMBO_TAG_UL: case GUMBO_TAG_OL: case GUMBO_TAG_DL:
    case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_PRE: case GUMBO_TAG_CODE: case GUMBO_TAG_A:
    case GUMBO_TAG_B: case GUMBO_TAG_I: case GUMBO_TAG_EM: case GUMBO_TAG_STRONG: case GUMBO_TAG_Q:
    case GUMBO_TAG_FIGURE: case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_TABLE:
      return true;
    default:
      return false;
  }
}

// Elements whose text is kept verbatim (white space matters there).
bool IsVerbatimElement(std::string_view name) {
  switch (gumbo_tagn_enum(name.data(), static_cast<unsigned>(name.size()))) {
    case GUMBO_TAG_PRE: case GUMBO_TAG_TEXTAREA: case GUMBO_TAG_LISTING: case GUMBO_TAG_XMP:
    case GUMBO_TAG_PLAINTEXT:
      return true;
    default:
      return false;
  }
}

// Appends text (and the end tags in it) to out. Outside verbatim elements
// a run of white space becomes one character, a newline if it held one:
// the later stages collapse white space anyway, and indentation is an
// eighth of a page's bytes once scripts and attributes are gone.
void AppendSegment(std::string_view seg, bool verbatim, std::string* out) {
  if (verbatim) {
    out->append(seg);
    return;
  }
  size_t i = 0;
  while (i < seg.size()) {
    size_t j = i;
    while (j < seg.size() && seg[j] != ' ' && seg[j] != '\n' && seg[j] != '\t' && seg[j] != '\r') ++j;
    out->append(seg.data() + i, j - i);
    if (j >= seg.size()) break;
    size_t k = j;
    bool newline = false;
    while (k < seg.size() && (seg[k] == ' ' || seg[k] == '\n' || seg[k] == '\t' || seg[k] == '\r')) {
      newline |= seg[k] == '\n';
      ++k;
    }
    out->push_back(k - j == 1 ? seg[j] : newline ? '\n' : ' ');
    i = k;
  }
}

// A start tag as the tokenizer reads it. Returns false when the input ends
// inside the tag (the caller then copies the rest unchanged).
struct StartTag {
  std::string_view name;
  size_t end = 0;  // one past '>'
  bool self_closing = false;
  bool ld_json = false;
};

bool ReadStartTag(std::string_view s, size_t i, bool keep_links, std::string* out, StartTag* tag) {
  size_t j = i + 1;
  while (j < s.size() && !IsTagSpace(s[j]) && s[j] != '/' && s[j] != '>') ++j;
  tag->name = s.substr(i + 1, j - i - 1);
  size_t mark = out->size();
  out->push_back('<');
  out->append(tag->name);
  int seen[4] = {0, 0, 0, 0};
  std::vector<std::string> kept_names;
  while (true) {
    while (j < s.size() && (IsTagSpace(s[j]) || s[j] == '/')) {
      tag->self_closing = s[j] == '/';
      ++j;
    }
    if (j >= s.size()) { out->resize(mark); return false; }
    if (s[j] == '>') { tag->end = j + 1; break; }
    tag->self_closing = false;
    size_t name_start = j;
    ++j;  // the first character belongs to the name, even '='
    while (j < s.size() && !IsTagSpace(s[j]) && s[j] != '/' && s[j] != '>' && s[j] != '=') ++j;
    std::string_view name = s.substr(name_start, j - name_start);
    while (j < s.size() && IsTagSpace(s[j])) ++j;
    std::string_view value;
    bool has_value = false;
    if (j < s.size() && s[j] == '=') {
      ++j;
      while (j < s.size() && IsTagSpace(s[j])) ++j;
      if (j >= s.size()) { out->resize(mark); return false; }
      has_value = true;
      if (s[j] == '"' || s[j] == '\'') {
        size_t close = s.find(s[j], j + 1);
        if (close == std::string_view::npos) { out->resize(mark); return false; }
        value = s.substr(j + 1, close - j - 1);
        j = close + 1;
      } else {
        size_t v = j;
        while (j < s.size() && !IsTagSpace(s[j]) && s[j] != '>') ++j;
        value = s.substr(v, j - v);
      }
    }
    Keep keep = KeepAttribute(name);
    if (keep == Keep::kNo) continue;
    // The first of a repeated attribute wins (as in HTML); later copies are
    // dropped here, or Gumbo's duplicate check turns quadratic on a tag
    // with 100,000 of them.
    if (++seen[static_cast<int>(keep)] > 1 && keep != Keep::kYes) continue;
    if (keep == Keep::kYes) {
      std::string lname = AsciiLower(name);
      if (std::find(kept_names.begin(), kept_names.end(), lname) != kept_names.end()) continue;
      kept_names.push_back(std::move(lname));
    }
    // Only links need their target cut down; <link rel=canonical> keeps it.
    const bool is_link = (tag->name.size() == 1 && Lower(tag->name[0]) == 'a') ||
                         (tag->name.size() == 4 && StartsWithCI(tag->name, 0, "area"));
    if (keep == Keep::kHref && is_link && !(keep_links && value.find('"') == std::string_view::npos)) {
      // Only whether the link stays in the page matters downstream.
      bool in_page = !value.empty() && (value[0] == '#' || StartsWithCI(value, 0, "javascript:"));
      out->append(in_page ? " href=\"#\"" : " href=\"x\"");
      continue;
    }
    if (keep == Keep::kStyle) {
      std::string lower(value);
      for (char& c : lower) c = Lower(c);
      if (lower.find("none") == std::string::npos && lower.find("hidden") == std::string::npos) continue;
    }
    if (value.find('"') != std::string_view::npos) continue;  // cannot requote simply; not needed
    out->push_back(' ');
    out->append(name);
    if (has_value) {
      out->append("=\"");
      out->append(value);
      out->push_back('"');
    }
    if (StartsWithCI(name, 0, "type") && name.size() == 4) {
      std::string lower(value);
      for (char& c : lower) c = Lower(c);
      if (lower.find("ld+json") != std::string::npos) tag->ld_json = true;
    }
  }
  if (tag->self_closing) out->append("/>");
  else out->push_back('>');
  return true;
}

}  // namespace

Precleaned Preclean(std::string_view s, bool keep_links, int max_depth, size_t max_elements) {
  Precleaned out;
  size_t elements = 0;
  int depth = 0;
  int verbatim_depth = 0;  // open <pre>, <textarea>, ...
  uint64_t dropped_opens = 0;
  bool& out_flattened = out.flattened;
  out.html.reserve(s.size() / 3);
  size_t copied = 0;  // s[copied..] not yet copied
  size_t i = 0;
  while (i < s.size()) {
    const void* p = std::memchr(s.data() + i, '<', s.size() - i);
    if (!p) break;
    i = static_cast<const char*>(p) - s.data();
    if (i + 3 < s.size() && s[i + 1] == '!' && s[i + 2] == '-' && s[i + 3] == '-') {
      // Comment: drop it whole. An unterminated comment runs to the end, as
      // the HTML tokenizer would have it.
      size_t end = s.find("-->", i + 4);
      AppendSegment(s.substr(copied, i - copied), verbatim_depth > 0, &out.html);
      copied = i = (end == std::string_view::npos) ? s.size() : end + 3;
      continue;
    }
    if (i + 2 < s.size() && s[i + 1] == '/' && IsAsciiAlpha(s[i + 2])) {
      // An end tag. Past the depth limit its start tag was dropped, so it
      // is dropped too (else it would close an ancestor).
      size_t j = i + 2;
      while (j < s.size() && !IsTagSpace(s[j]) && s[j] != '/' && s[j] != '>') ++j;
      size_t end = s.find('>', j);
      if (end == std::string_view::npos) break;
      std::string_view name = s.substr(i + 2, j - i - 2);
      if (verbatim_depth > 0 && IsVerbatimElement(name)) {
        // The verbatim text ends here: flush it as it is.
        AppendSegment(s.substr(copied, end + 1 - copied), true, &out.html);
        copied = end + 1;
        --verbatim_depth;
      }
      if (!IsFlatElement(name)) {
        if (dropped_opens > 0) {
          --dropped_opens;
          AppendSegment(s.substr(copied, i - copied), verbatim_depth > 0, &out.html);
          copied = end + 1;
        } else if (depth > 0) {
          --depth;
        }
      }
      i = end + 1;
      continue;
    }
    if (i + 1 >= s.size() || !IsAsciiAlpha(s[i + 1])) {
      ++i;
      continue;
    }
    AppendSegment(s.substr(copied, i - copied), verbatim_depth > 0, &out.html);
    copied = i;
    if (++elements > max_elements) {
      out.cut = true;
      return out;
    }
    StartTag tag;
    const size_t tag_start_out = out.html.size();
    if (!ReadStartTag(s, i, keep_links, &out.html, &tag)) break;  // copy the rest as it is
    copied = i = tag.end;
    if (!tag.self_closing && IsVerbatimElement(tag.name)) ++verbatim_depth;
    if (!tag.self_closing && !IsFlatElement(tag.name)) {
      // Nesting past the limit: the element is left out and its content
      // joins its parent's. Gumbo's scope checks walk the open-element
      // stack, so a bounded stack keeps a parse of 100,000 nested <div>s
      // linear.
      // Elements that carry meaning (headings, lists, quotes, code,
      // emphasis, links) still pass for a little while: a deeply wrapped
      // article keeps its headline as a heading.
      if (depth >= max_depth + kDepthSlack || (depth >= max_depth && !CarriesMeaning(tag.name))) {
        out.html.resize(tag_start_out);
        ++dropped_opens;
        out_flattened = true;
        continue;
      }
      ++depth;
    }
    const char* cut = nullptr;
    for (const char* t : kCutTags)
      if (tag.name.size() == std::strlen(t) && StartsWithCI(tag.name, 0, t)) cut = t;
    if (!cut || (tag.self_closing && std::strcmp(cut, "svg") == 0)) continue;
    // Keep the open tag (so the element still exists, empty) and resume at
    // the close tag.
    size_t close = FindClose(s, i, cut);
    if (close == std::string_view::npos) close = s.size();
    if (std::strcmp(cut, "noscript") == 0 && close - i > kNoscriptContentBytes) {
      // A large <noscript> is the page served to readers without script
      // (forums serve their posts so): unwrap it and parse what it holds.
      out.html.resize(tag_start_out);
      continue;
    }
    if (tag.ld_json) out.json_ld.emplace_back(s.substr(i, close - i));
    copied = i = close;
  }
  AppendSegment(s.substr(copied), verbatim_depth > 0, &out.html);
  return out;
}

std::string FindJsonLdArticleBody(const std::vector<std::string>& json_ld) {
  for (const std::string& blob : json_ld) {
    size_t pos = 0;
    while ((pos = blob.find("\"articleBody\"", pos)) != std::string::npos) {
      size_t i = pos + 13;
      while (i < blob.size() && (blob[i] == ' ' || blob[i] == '\n' || blob[i] == '\r' || blob[i] == '\t')) ++i;
      if (i >= blob.size() || blob[i] != ':') { pos = i; continue; }
      ++i;
      while (i < blob.size() && (blob[i] == ' ' || blob[i] == '\n' || blob[i] == '\r' || blob[i] == '\t')) ++i;
      if (i >= blob.size() || blob[i] != '"') { pos = i; continue; }
      ++i;
      std::string v;
      while (i < blob.size() && blob[i] != '"') {
        char c = blob[i++];
        if (c != '\\' || i >= blob.size()) { v.push_back(c); continue; }
        char e = blob[i++];
        switch (e) {
          case 'n': case 'r': case 't': v.push_back(' '); break;
          case 'u': {
            if (i + 4 > blob.size()) break;
            unsigned cp = std::strtoul(blob.substr(i, 4).c_str(), nullptr, 16);
            i += 4;
            // Surrogate pair.
            if (cp >= 0xD800 && cp <= 0xDBFF && i + 6 <= blob.size() && blob[i] == '\\' && blob[i + 1] == 'u') {
              unsigned lo = std::strtoul(blob.substr(i + 2, 4).c_str(), nullptr, 16);
              if (lo >= 0xDC00 && lo <= 0xDFFF) {
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                i += 6;
              }
            }
            if (cp >= 0xD800 && cp <= 0xDFFF) cp = 0xFFFD;
            if (cp < 0x80) v.push_back(char(cp));
            else if (cp < 0x800) { v.push_back(char(0xC0 | (cp >> 6))); v.push_back(char(0x80 | (cp & 0x3F))); }
            else if (cp < 0x10000) { v.push_back(char(0xE0 | (cp >> 12))); v.push_back(char(0x80 | ((cp >> 6) & 0x3F))); v.push_back(char(0x80 | (cp & 0x3F))); }
            else { v.push_back(char(0xF0 | (cp >> 18))); v.push_back(char(0x80 | ((cp >> 12) & 0x3F))); v.push_back(char(0x80 | ((cp >> 6) & 0x3F))); v.push_back(char(0x80 | (cp & 0x3F))); }
            break;
          }
          default: v.push_back(e);
        }
      }
      if (v.size() > 200) return v;
      pos = i;
    }
  }
  return "";
}

}  // namespace winnow
