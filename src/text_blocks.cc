#include "text_blocks.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "text_util.h"

namespace winnow {
namespace {

// A line shorter than this ends where a line of wrapped prose would not.
constexpr int kShortLineChars = 40;

bool IsBlankLine(std::string_view line) {
  for (size_t i = 0; i < line.size();) {
    size_t len;
    if (!IsSpaceAt(line, i, &len)) return false;
    i += len;
  }
  return true;
}

// True when collapsing white space would leave `s` as it is: no control
// bytes, no leading, trailing or double spaces, and no Unicode space (NBSP,
// U+2000.., U+3000, the BOM). Most lines of scraped text are like this and
// skip CollapseSpace's copy. Also counts the non-space code points into
// *chars. Text mode reads every byte here, so x86 does sixteen at a time
// (winnow_bench --text: 30% fewer instructions in the whole run); a lead
// byte that may start a Unicode space (0xC2, 0xE2, 0xE3, 0xEF: also that
// of every curly quote, dash and Chinese character) is looked at closely.
bool AlreadyCollapsed(std::string_view s, int* chars) {
  if (s.empty() || s.front() == ' ' || s.back() == ' ') return false;
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const size_t n = s.size();
  size_t i = 0;
  int count = 0;
  auto unicode_space = [&](size_t at) {
    size_t len;
    return IsSpaceAt(s, at, &len);
  };
#ifdef __SSE2__
  const __m128i space = _mm_set1_epi8(' ');
  for (; i + 17 <= n; i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    const __m128i next = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i + 1));
    // c < 0x20 as signed bytes is also every byte >= 0x80: those are
    // sorted out below by the explicit lead-byte tests.
    const __m128i ascii_control = _mm_andnot_si128(_mm_cmplt_epi8(v, _mm_setzero_si128()),
                                                   _mm_cmplt_epi8(v, space));
    __m128i bad = _mm_or_si128(ascii_control, _mm_cmpeq_epi8(v, _mm_set1_epi8(0x7F)));
    bad = _mm_or_si128(bad, _mm_and_si128(_mm_cmpeq_epi8(v, space), _mm_cmpeq_epi8(next, space)));
    if (_mm_movemask_epi8(bad) != 0) return false;
    __m128i lead = _mm_cmpeq_epi8(v, _mm_set1_epi8(char(0xC2)));
    lead = _mm_or_si128(lead, _mm_cmpeq_epi8(v, _mm_set1_epi8(char(0xE2))));
    lead = _mm_or_si128(lead, _mm_cmpeq_epi8(v, _mm_set1_epi8(char(0xE3))));
    lead = _mm_or_si128(lead, _mm_cmpeq_epi8(v, _mm_set1_epi8(char(0xEF))));
    for (unsigned m = unsigned(_mm_movemask_epi8(lead)); m != 0; m &= m - 1)
      if (unicode_space(i + unsigned(__builtin_ctz(m)))) return false;
    const __m128i cont = _mm_cmpeq_epi8(_mm_and_si128(v, _mm_set1_epi8(char(0xC0))), _mm_set1_epi8(char(0x80)));
    const int skip = _mm_movemask_epi8(_mm_or_si128(cont, _mm_cmpeq_epi8(v, space)));
    count += 16 - Popcount16(unsigned(skip));
  }
#endif
  for (; i < n; ++i) {
    const uint8_t c = p[i];
    if (c < 0x20 || c == 0x7F || (c == ' ' && i + 1 < n && p[i + 1] == ' ')) return false;
    if ((c == 0xC2 || c == 0xE2 || c == 0xE3 || c == 0xEF) && unicode_space(i)) return false;
    count += (c & 0xC0) != 0x80 && c != ' ';
  }
  *chars = count;
  return true;
}

// memchr reads many bytes at a time; std::count went byte by byte (7% of
// text mode's instructions).
size_t CountNewlines(std::string_view text) {
  size_t n = 0;
  for (const char* p = text.data(); const char* nl = static_cast<const char*>(
                                        std::memchr(p, '\n', size_t(text.data() + text.size() - p)));
       p = nl + 1)
    ++n;
  return n;
}

// Appends the block of one line or paragraph to *out, built in place.
void AddBlock(std::string_view raw, int group, int first_node, Arena* arena, std::vector<Block>* out) {
  Block& b = out->emplace_back();
  b.kind = BlockKind::kParagraph;
  while (!raw.empty() && (raw.back() == '\r' || raw.back() == ' ' || raw.back() == '\t')) raw.remove_suffix(1);
  // The output keeps a block's lines as they were (raw); when that equals
  // the collapsed text, only the text is stored.
  if (AlreadyCollapsed(raw, &b.chars)) {
    b.text = raw;
  } else {
    thread_local std::string collapsed;
    collapsed.clear();
    bool pending = false;
    AppendCollapsed(raw, &collapsed, &pending);
    b.text = arena->Store(collapsed);
    if (b.text != raw) b.raw = raw;
    b.chars = 0;
    for (char ch : b.text) {
      const uint8_t c = uint8_t(ch);
      b.chars += (c & 0xC0) != 0x80 && c != ' ';
    }
  }
  b.group = group;
  b.owner = b.first_node = first_node;
  b.in_article = true;
  b.kept = true;
}

}  // namespace

bool LooksLikeHtml(std::string_view bytes) {
  std::string head = AsciiLower(bytes.substr(0, 4096));
  size_t i = 0;
  while (i < head.size()) {
    size_t len;
    if (!IsSpaceAt(head, i, &len)) break;
    i += len;
  }
  if (head.compare(i, 9, "<!doctype") == 0 || head.compare(i, 5, "<html") == 0 ||
      head.compare(i, 4, "<?xm") == 0 || head.compare(i, 4, "<!--") == 0)
    return true;
  // Starting with a tag (<div ...>, <p>) is markup too.
  if (i + 1 < head.size() && head[i] == '<' && head[i + 1] >= 'a' && head[i + 1] <= 'z') {
    size_t j = i + 1;
    while (j < head.size() && ((head[j] >= 'a' && head[j] <= 'z') || (head[j] >= '0' && head[j] <= '9'))) ++j;
    if (j < head.size() && (head[j] == '>' || head[j] == ' ' || head[j] == '/' || head[j] == '\n')) return true;
  }
  for (const char* t : {"<html", "<head", "<body", "<meta "})
    if (head.find(t) != std::string::npos) return true;
  int tags = 0;
  for (const char* t : {"<p>", "<p ", "<div", "<br", "<span", "<a href", "<table", "<li>", "<h1", "<h2"}) {
    for (size_t p = head.find(t); p != std::string::npos; p = head.find(t, p + 1)) ++tags;
  }
  return tags >= 3;
}

std::vector<Block> SplitTextBlocks(std::string_view text, const RuleSet& rules, size_t max_blocks,
                                   bool* truncated, Arena* arena) {
  std::vector<Block> out;
  // A block is at least one line: reserving one per line never moves the
  // blocks (a guess from the size did, 40 MB at a time on a 30 MB text);
  // pages reserved and never written cost nothing.
  // Capped at 1 Mi blocks (160 MB), whatever --max-blocks says: past that
  // the vector grows as it fills.
  out.reserve(std::min({max_blocks, CountNewlines(text) + 1, size_t(1) << 20}));
  if (truncated) *truncated = false;
  std::vector<std::string_view> lines;
  int group = 0;
  int line_no = 0;
  int para_first_line = 0;
  auto flush = [&]() {
    if (lines.empty()) return;
    // Split into lines when the paragraph reads as a list of units: a line
    // before the last is short, or a line is a boilerplate line by itself.
    bool split = false;
    for (size_t k = 0; k < lines.size() && !split && lines.size() > 1; ++k) {
      const int chars = CountChars(lines[k]);
      if (k + 1 < lines.size() && chars < kShortLineChars) split = true;
      else if (chars <= 200 && rules.IsBoilerplateLine(CollapseSpace(lines[k]))) split = true;
    }
    if (split) {
      for (size_t k = 0; k < lines.size(); ++k) {
        if (!IsBlankLine(lines[k])) AddBlock(lines[k], group, para_first_line + int(k), arena, &out);
      }
    } else {
      const char* begin = lines.front().data();
      const char* end = lines.back().data() + lines.back().size();
      AddBlock(std::string_view(begin, end - begin), group, para_first_line, arena, &out);
    }
    ++group;
    lines.clear();
  };
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(pos, nl - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (IsBlankLine(line)) {
      flush();
    } else {
      if (lines.empty()) para_first_line = line_no;
      lines.push_back(line);
      if (lines.size() >= max_blocks) flush();  // one endless paragraph
    }
    if (out.size() >= max_blocks) {
      // The limit: what is read is cleaned, the rest is reported unread.
      out.resize(max_blocks);
      if (truncated) *truncated = text.find_first_not_of(" \t\r\n", nl) != std::string_view::npos;
      return out;
    }
    ++line_no;
    if (nl == text.size()) break;
    pos = nl + 1;
  }
  flush();
  if (out.size() > max_blocks) {
    out.resize(max_blocks);
    if (truncated) *truncated = true;
  }
  return out;
}

}  // namespace winnow
