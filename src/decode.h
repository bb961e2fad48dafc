// Stage 1: decode. Raw page bytes in any charset become UTF-8.
//
// The charset is decided in the order a browser uses: byte-order mark, then
// the transport's declaration (HTTP Content-Type), then <meta charset> or
// http-equiv in the first bytes of the page, then ICU's detector. Labels are
// mapped the way the WHATWG Encoding standard maps them (latin1 is
// windows-1252, gb2312 is GB18030, ...). Invalid bytes become U+FFFD.

#ifndef WINNOW_DECODE_H_
#define WINNOW_DECODE_H_

#include <string>
#include <string_view>

namespace winnow {

struct Decoded {
  // The text as UTF-8: the input itself when it already was valid UTF-8
  // (no copy of a large page), else the converted or repaired copy.
  std::string_view utf8() const { return borrowed ? input : owned; }
  bool borrowed = false;
  std::string_view input;  // when borrowed: a view of the caller's bytes
  std::string owned;
  std::string encoding;  // canonical name of the charset used
  std::string source;    // "bom", "transport", "meta", "detected", "default"
};

// Never fails: unknown labels fall through to detection, undecodable bytes
// become U+FFFD.
Decoded DecodeToUtf8(std::string_view bytes, std::string_view transport_charset);

// The charset named by <meta charset=...> or <meta http-equiv content=...>
// within the first `limit` bytes, or empty. Exposed for tests.
std::string SniffMetaCharset(std::string_view bytes, size_t limit = 8192);

// True when every byte sequence is valid UTF-8.
bool IsValidUtf8(std::string_view bytes);

}  // namespace winnow

#endif  // WINNOW_DECODE_H_
