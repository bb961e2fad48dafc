// A stream of bytes from a file or stdin, decompressed on the fly when the
// bytes say so: gzip (every member, as WARC.gz holds one record per member)
// or zstd (every frame). Detection looks at the magic number, never at the
// file name.
//
// A corrupt gzip member does not end the stream: the source skips to the
// next member header and counts a gap, so that a container reader can
// report the records it lost and go on.

#ifndef WINNOW_IO_BYTE_SOURCE_H_
#define WINNOW_IO_BYTE_SOURCE_H_

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

namespace winnow::io {

class ByteSource {
 public:
  // path "-" is stdin. Returns null and sets *error when the file cannot be
  // opened.
  static std::unique_ptr<ByteSource> Open(const std::string& path, std::string* error);
  // For tests: a source over bytes held in memory.
  static std::unique_ptr<ByteSource> FromString(std::string bytes);
  virtual ~ByteSource() = default;

  // Reads up to n decompressed bytes; 0 at the end.
  virtual size_t Read(char* buf, size_t n) = 0;

  // Bytes of the underlying (compressed) input consumed so far, and its
  // total size when known (0 otherwise): for progress and error offsets.
  uint64_t raw_offset() const { return raw_offset_; }
  uint64_t raw_size() const { return raw_size_; }
  // Data lost to corruption (corrupt or truncated compressed data): where
  // in the decompressed stream, and why. Readers attribute each gap to the
  // record it falls in, or report it as lost records of its own.
  struct Gap {
    uint64_t offset;  // decompressed bytes delivered before the loss
    std::string message;
  };
  const std::vector<Gap>& gaps() const { return gap_list_; }
  // "gzip", "zstd" or "none".
  virtual const char* compression() const = 0;

 protected:
  void AddGap(std::string message) { gap_list_.push_back({out_offset_, std::move(message)}); }
  uint64_t raw_offset_ = 0;
  uint64_t raw_size_ = 0;
  uint64_t out_offset_ = 0;  // decompressed bytes delivered
  std::vector<Gap> gap_list_;
};

}  // namespace winnow::io

#endif  // WINNOW_IO_BYTE_SOURCE_H_
