#include "render.h"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

namespace winnow {

std::string NormalizeNfc(const std::string& utf8) {
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(err);
  if (U_FAILURE(err)) return utf8;
  if (nfc->isNormalizedUTF8(utf8, err) && U_SUCCESS(err)) return utf8;
  err = U_ZERO_ERROR;
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(utf8);
  icu::UnicodeString n = nfc->normalize(u, err);
  if (U_FAILURE(err)) return utf8;
  std::string out;
  n.toUTF8String(out);
  return out;
}

std::string RenderText(const std::vector<Block>& blocks) {
  std::string out;
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
  return NormalizeNfc(out);
}

}  // namespace winnow
