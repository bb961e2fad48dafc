// Small text helpers shared by the stages: UTF-8 walking, white space
// collapsing, ASCII case folding for tag and attribute values.

#ifndef WINNOW_TEXT_UTIL_H_
#define WINNOW_TEXT_UTIL_H_

#include <cstdint>
#include <string>
#include <string_view>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace winnow {

// Number of code points in valid-or-not UTF-8 (continuation bytes skipped).
int CountChars(std::string_view s);

// True for the code points we treat as white space inside a block: ASCII
// space and controls, NBSP, the Unicode space separators, line and paragraph
// separators, zero-width space and the BOM.
// `len` receives the byte length of the sequence at s[i].
bool IsSpaceAt(std::string_view s, size_t i, size_t* len);

// Appends `in` to *out with every run of white space turned into one space.
// `*pending_space` carries a space across calls so that inline pieces of one
// block join correctly; leading space is never written. (A template: block
// texts are strings of their own allocator, see blocks.h.)
template <typename String>
void AppendCollapsed(std::string_view in, String* out, bool* pending_space) {
  // ASCII is decided inline; only bytes from 0x80 need IsSpaceAt's look at
  // the Unicode spaces.
  auto space_at = [&](size_t i, size_t* len) {
    const unsigned char c = in[i];
    if (c < 0x80) {
      *len = 1;
      return c <= 0x20 || c == 0x7F;
    }
    return IsSpaceAt(in, i, len);
  };
  size_t i = 0;
  while (i < in.size()) {
    size_t len;
    if (space_at(i, &len)) {
      *pending_space = true;
      i += len;
      continue;
    }
    size_t j = i;
    while (j < in.size() && !space_at(j, &len)) j += len;
    if (*pending_space && !out->empty() && out->back() != '\n') out->push_back(' ');
    *pending_space = false;
    out->append(in.data() + i, j - i);
    i = j;
  }
}

// Collapses white space runs to one space and trims both ends.
std::string CollapseSpace(std::string_view in);

std::string AsciiLower(std::string_view s);

// Counts commas of Latin and CJK scripts; readability's cheap sign of prose.
int CountCommas(std::string_view s);

// Words and sentences by ICU's break rules (any script: CJK words are
// dictionary-segmented). Used to tell story prose (sentences of eight words
// and more) from widget copy ("Save hours of research. Gain an edge.").
struct TextShape {
  int words = 0;
  int sentences = 0;
};
TextShape MeasureText(std::string_view utf8);

// Bits set in a 16-bit mask (SSE2 movemask results), without POPCNT, which
// baseline x86-64 lacks.
inline int Popcount16(unsigned m) {
  m = m - ((m >> 1) & 0x5555u);
  m = (m & 0x3333u) + ((m >> 2) & 0x3333u);
  m = (m + (m >> 4)) & 0x0F0Fu;
  return int((m + (m >> 8)) & 0x1Fu);
}

// Counts over text with single spaces between words (CollapseSpace's
// output): words are runs between ' ', a sentence ends at '.', '!' or '?'
// before a space or the end. ICU's breaks give the same counts for scripts
// with spaces at a tenth of the cost; x86 reads sixteen bytes at a time.
struct SpacedCounts {
  int words = 0;
  int sentences = 0;
  int spaces = 0;
};
SpacedCounts CountSpaced(std::string_view text);

// A few byte values to look for in a text, sixteen bytes at a time (x86):
// NoneOf's stop bytes, the lead bytes of quotation marks.
class ByteSet {
 public:
  ByteSet() = default;
  explicit ByteSet(std::string_view bytes) {
    for (char c : bytes) {
      if (member_[uint8_t(c)]) continue;
      member_[uint8_t(c)] = true;
      if (count_ < kMaxWide) bytes_[count_] = uint8_t(c);
      ++count_;
    }
  }
  bool Has(uint8_t c) const { return member_[c]; }
  // Calls at(i) at each position of `text` whose byte is in the set, in
  // order, until at returns true; returns whether it did.
  template <typename At>
  bool AnyAt(std::string_view text, At&& at) const {
    const auto* p = reinterpret_cast<const uint8_t*>(text.data());
    size_t i = 0;
#ifdef __SSE2__
    if (count_ > 0 && count_ <= kMaxWide) {
      __m128i needles[kMaxWide];
      for (int k = 0; k < count_; ++k) needles[k] = _mm_set1_epi8(char(bytes_[k]));
      for (; i + 16 <= text.size(); i += 16) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
        __m128i hit = _mm_cmpeq_epi8(v, needles[0]);
        for (int k = 1; k < count_; ++k) hit = _mm_or_si128(hit, _mm_cmpeq_epi8(v, needles[k]));
        for (unsigned m = unsigned(_mm_movemask_epi8(hit)); m != 0; m &= m - 1)
          if (at(i + unsigned(__builtin_ctz(m)))) return true;
      }
    }
#endif
    for (; i < text.size(); ++i)
      if (member_[p[i]] && at(i)) return true;
    return false;
  }

 private:
  static constexpr int kMaxWide = 8;  // more than this: one byte at a time
  bool member_[256] = {};
  uint8_t bytes_[kMaxWide] = {};
  int count_ = 0;
};

// The text with each quotation (“…”, „…“, «…», »…«, 「…」, 『…』, "…") replaced
// by one space; an opening mark without its closing one is left alone. A
// phrase rule that matches only inside quotation marks matched a mention
// ("a green “Accept all cookies” button"), not the page's own words.
std::string WithoutQuotations(std::string_view text);
// Whether the text holds any of those opening marks.
bool HasQuotationMark(std::string_view text);

// Replaces invalid UTF-8 sequences with U+FFFD.
std::string SanitizeUtf8(std::string_view s);

}  // namespace winnow

#endif  // WINNOW_TEXT_UTIL_H_
