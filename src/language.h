// Language of the extracted text, by CLD2 (Debian's libcld2): a compact
// n-gram detector for 160+ languages, tested on far more text than a
// detector of ours would be. Only the text winnow keeps is looked at, so
// navigation in another language does not sway it, and only its first
// 2 KB (see language.cc).

#ifndef WINNOW_LANGUAGE_H_
#define WINNOW_LANGUAGE_H_

#include <string>
#include <string_view>

namespace winnow {

// ISO 639 code ("en", "de", "zh", "zh-Hant") or "" when unknown or
// unreliable.
std::string DetectLanguage(std::string_view utf8_text);

}  // namespace winnow

#endif  // WINNOW_LANGUAGE_H_
