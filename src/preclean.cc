#include "preclean.h"

#include <cstring>

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

const char* const kCutTags[] = {"script", "style", "svg", "noscript", "template", "iframe"};

}  // namespace

Precleaned Preclean(std::string_view s) {
  Precleaned out;
  out.html.reserve(s.size() / 2);
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
      out.html.append(s.data() + copied, i - copied);
      copied = i = (end == std::string_view::npos) ? s.size() : end + 3;
      continue;
    }
    const char* tag = nullptr;
    for (const char* t : kCutTags) {
      if (StartsWithCI(s, i + 1, t) && IsNameEnd(s, i + 1 + std::strlen(t))) {
        tag = t;
        break;
      }
    }
    if (!tag) {
      ++i;
      continue;
    }
    size_t open_end = s.find('>', i);
    if (open_end == std::string_view::npos) break;
    if (s[open_end - 1] == '/' && std::strcmp(tag, "svg") == 0) {  // <svg/> self-closed
      i = open_end + 1;
      continue;
    }
    size_t close = FindClose(s, open_end + 1, tag);
    if (close == std::string_view::npos) close = s.size();
    std::string_view open_tag = s.substr(i, open_end + 1 - i);
    if (std::strcmp(tag, "script") == 0) {
      std::string lower(open_tag);
      for (char& c : lower) c = Lower(c);
      if (lower.find("ld+json") != std::string::npos)
        out.json_ld.emplace_back(s.substr(open_end + 1, close - open_end - 1));
    }
    // Keep the open tag (so the element still exists, empty) and resume at
    // the close tag.
    out.html.append(s.data() + copied, open_end + 1 - copied);
    copied = i = close;
    if (close == s.size()) break;
    ++i;
  }
  out.html.append(s.data() + copied, s.size() - copied);
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
