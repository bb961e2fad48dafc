#include "render.h"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cstdint>

namespace winnow {

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
  for (size_t start = 0; start < utf8.size();) {
    size_t end = utf8.find('\n', start);
    if (end == std::string::npos) end = utf8.size();
    const std::string_view line(utf8.data() + start, end - start);
    if (std::any_of(line.begin(), line.end(), [](char c) { return uint8_t(c) >= 0xCC; })) {
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
    }
    start = end + 1;
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
    out += b.raw.empty() ? b.text : b.raw;
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
    const std::string& inline_text = b.md.empty() ? (b.raw.empty() ? b.text : b.raw) : b.md;
    switch (b.kind) {
      case BlockKind::kHeading:
        out += std::string(std::clamp(b.heading_level, 1, 6), '#') + " " + inline_text;
        break;
      case BlockKind::kListItem:
        out += "- " + inline_text;
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
        out += "```\n" + b.text + "\n```";
        break;
      case BlockKind::kQuote:
        out += "> " + inline_text;
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
