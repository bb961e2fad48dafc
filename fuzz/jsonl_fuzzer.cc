// libFuzzer target: the JSONL reader.
#include <cstddef>
#include <cstdint>
#include <string>

#include "io/byte_source.h"
#include "io/jsonl.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto src = winnow::io::ByteSource::FromString(std::string(reinterpret_cast<const char*>(data), size));
  winnow::io::JsonlReader reader(src.get(), winnow::io::JsonlFields{});
  winnow::io::JsonlRecord rec;
  for (int i = 0; i < 100000 && reader.Next(&rec); ++i) {
  }
  return 0;
}
