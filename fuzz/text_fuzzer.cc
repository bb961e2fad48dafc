// libFuzzer target: text mode.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "winnow/winnow.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static std::unique_ptr<winnow::Extractor> ex = [] {
    std::string err;
    return winnow::Extractor::Create(winnow::Config{}, &err);
  }();
  winnow::Result r = ex->ExtractText(std::string_view(reinterpret_cast<const char*>(data), size));
  (void)r;
  return 0;
}
