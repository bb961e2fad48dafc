// libFuzzer target: the whole HTML extraction, from raw bytes.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "winnow/winnow.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static std::unique_ptr<winnow::Extractor> ex = [] {
    std::string err;
    winnow::Config c;
    c.limits.max_millis = 5000;
    return winnow::Extractor::Create(c, &err);
  }();
  winnow::Input in;
  in.bytes = std::string_view(reinterpret_cast<const char*>(data), size);
  in.mode = winnow::Mode::kHtml;
  // One byte of the input picks the Markdown path too.
  in.markdown = size > 0 && (data[0] & 1);
  in.links = size > 0 && (data[0] & 2);
  winnow::Result r = ex->Extract(in);
  (void)r;
  return 0;
}
