#include "render.h"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cstdint>
#include <string_view>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace winnow {

namespace {

// The first byte at or after `from` that is 0xCC or above: the lead byte of
// a code point from U+0300 on (or a stray continuation byte, which ICU
// sorts out). Sixteen bytes at a time on x86: rendering read every byte of
// the output here one by one (5% of text mode).
size_t FindHighByte(std::string_view s, size_t from) {
  size_t i = from;
#ifdef __SSE2__
  const __m128i high = _mm_set1_epi8(char(0xCC));
  for (; i + 16 <= s.size(); i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i));
    // v >= 0xCC, unsigned: the larger of the two is v itself.
    const int m = _mm_movemask_epi8(_mm_cmpeq_epi8(_mm_max_epu8(v, high), v));
    if (m != 0) return i + unsigned(__builtin_ctz(unsigned(m)));
  }
#endif
  for (; i < s.size(); ++i)
    if (uint8_t(s[i]) >= 0xCC) return i;
  return std::string_view::npos;
}

}  // namespace

std::string NormalizeNfc(std::string utf8) {
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(err);
  if (U_FAILURE(err)) return utf8;
  // Code points below U+0300 (lead bytes up to 0xCB) are all NFC and never
  // combine, and a line break is a boundary no composition crosses: ICU
  // checks only the lines that hold something else, and rewrites only the
  // lines that are not NFC (one such line in a 30 MB text used to send all
  // of it through UTF-16 twice).
  std::string out;
  size_t copied = 0;  // utf8[0, copied) is in out, when out is in use
  const std::string_view all(utf8);
  for (size_t high = FindHighByte(all, 0); high != std::string_view::npos;) {
    const size_t nl = all.rfind('\n', high);
    const size_t start = nl == std::string_view::npos ? 0 : nl + 1;
    size_t end = all.find('\n', high);
    if (end == std::string_view::npos) end = all.size();
    const std::string_view line = all.substr(start, end - start);
    err = U_ZERO_ERROR;
    if (!nfc->isNormalizedUTF8(line, err) && U_SUCCESS(err)) {
      icu::UnicodeString n = nfc->normalize(icu::UnicodeString::fromUTF8(line), err);
      if (U_SUCCESS(err)) {
        if (copied == 0 && out.empty()) out.reserve(utf8.size() + 16);
        out.append(utf8, copied, start - copied);
        n.toUTF8String(out);
        copied = end;
      }
    }
    high = end < all.size() ? FindHighByte(all, end + 1) : std::string_view::npos;
  }
  if (copied == 0 && out.empty()) return utf8;
  out.append(utf8, copied, std::string::npos);
  return out;
}

std::string RenderText(const std::vector<Block>& blocks) {
  std::string out;
  size_t size = 0;
  for (const Block& b : blocks)
    if (b.kept) size += (b.raw.empty() ? b.text.size() : b.raw.size()) + 2;
  out.reserve(size + 1);
  int prev_group = -1;
  bool first = true;
  for (const Block& b : blocks) {
    if (!b.kept) continue;
    if (!first) out += (b.group >= 0 && b.group == prev_group) ? "\n" : "\n\n";
    out += b.raw.empty() ? std::string_view(b.text) : std::string_view(b.raw);
    prev_group = b.group;
    first = false;
  }
  if (!out.empty()) out.push_back('\n');
  return NormalizeNfc(std::move(out));
}

std::string RenderMarkdown(const std::vector<Block>& blocks) {
  std::string out;
  int prev_group = -1;
  bool first = true;
  bool header_row_done = false;
  for (const Block& b : blocks) {
    if (!b.kept) continue;
    const bool same_group = b.group >= 0 && b.group == prev_group;
    if (!first) out += same_group ? "\n" : "\n\n";
    if (!same_group) header_row_done = false;
    const std::string_view inline_text =
        b.md.empty() ? (b.raw.empty() ? std::string_view(b.text) : std::string_view(b.raw)) : std::string_view(b.md);
    switch (b.kind) {
      case BlockKind::kHeading:
        out.append(size_t(std::clamp(int(b.heading_level), 1, 6)), '#').append(" ").append(inline_text);
        break;
      case BlockKind::kListItem:
        out.append("- ").append(inline_text);
        break;
      case BlockKind::kTableRow: {
        std::string row = "| ";
        int cells = 1;
        for (char c : inline_text) {
          if (c == '\t') {
            row += " | ";
            ++cells;
          } else if (c == '|') {
            row += "\\|";
          } else {
            row.push_back(c);
          }
        }
        out += row + " |";
        if (!header_row_done) {
          out += "\n|";
          for (int k = 0; k < cells; ++k) out += " --- |";
          header_row_done = true;
        }
        break;
      }
      case BlockKind::kPre:
        out.append("```\n").append(b.text).append("\n```");
        break;
      case BlockKind::kQuote:
        out.append("> ").append(inline_text);
        break;
      default:
        out += inline_text;
    }
    prev_group = b.group;
    first = false;
  }
  if (!out.empty()) out.push_back('\n');
  return NormalizeNfc(std::move(out));
}

}  // namespace winnow
