// libFuzzer target: the WARC reader over plain, gzip or zstd bytes.
#include <cstddef>
#include <cstdint>
#include <string>

#include "io/byte_source.h"
#include "io/warc.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto src = winnow::io::ByteSource::FromString(std::string(reinterpret_cast<const char*>(data), size));
  winnow::io::WarcReader reader(src.get());
  winnow::io::WarcRecord rec;
  for (int i = 0; i < 100000 && reader.Next(&rec); ++i) {
  }
  return 0;
}
