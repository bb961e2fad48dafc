// Language of the extracted text, by CLD2 (Debian's libcld2): a compact
// n-gram detector for 160+ languages that runs at hundreds of MB/s, which
// no detector of ours would match. Only the text winnow keeps is looked at,
// so navigation in another language does not sway it.

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
