// libFuzzer target: charset decoding. The first byte picks a declared
// charset so that transport declarations are fuzzed too.
#include <cstddef>
#include <cstdint>
#include <string>

#include "decode.h"
#include "text_util.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const char* const kCharsets[] = {"", "utf-8", "windows-1252", "shift_jis", "euc-kr",
                                          "gb2312", "utf-16", "koi8-r", "x-bogus"};
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const char* declared = size ? kCharsets[data[0] % 9] : "";
  winnow::Decoded d = winnow::DecodeToUtf8(bytes, declared);
  // Whatever came in, what comes out is valid UTF-8.
  if (!winnow::IsValidUtf8(d.utf8())) __builtin_trap();
  return 0;
}
