#include "language.h"

#include <cld2/public/compact_lang_det.h>

namespace winnow {

std::string DetectLanguage(std::string_view text) {
  if (text.empty()) return "";
  // A prefix of 8 KB is plenty for a reliable answer, and keeps the cost
  // flat on long texts.
  const int n = static_cast<int>(text.size() < (1u << 13) ? text.size() : (1u << 13));
  // The text is valid UTF-8 (decoding replaced bad bytes), but a cut at
  // n may split a character: back up to a character boundary.
  int end = n;
  while (end > 0 && end < static_cast<int>(text.size()) && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80)
    --end;
  bool reliable = false;
  CLD2::Language lang = CLD2::DetectLanguage(text.data(), end, /*is_plain_text=*/true, &reliable);
  if (lang == CLD2::UNKNOWN_LANGUAGE || !reliable) return "";
  const char* code = CLD2::LanguageCode(lang);
  return code ? code : "";
}

}  // namespace winnow
