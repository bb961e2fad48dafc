// WARC reader (ISO 28500, versions 1.0 and 1.1), streaming: one record at a
// time, never the whole file. `response` and `resource` records holding
// HTML are documents; every other record is reported with its type so that
// the caller can count what it skipped.
//
// Damage is reported, never fatal: a record that ends early (truncated
// file) or does not end where its Content-Length says becomes an error
// naming its offset, and reading resumes at the next "WARC/" line.

#ifndef WINNOW_IO_WARC_H_
#define WINNOW_IO_WARC_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "io/byte_source.h"

namespace winnow::io {

struct WarcRecord {
  enum class Kind { kDocument, kSkipped, kError };
  Kind kind = Kind::kSkipped;
  std::string type;        // WARC-Type ("response", "request", ...)
  std::string record_id;   // WARC-Record-ID
  std::string target_uri;  // WARC-Target-URI
  std::string charset;     // from the HTTP Content-Type, when given
  std::string body;        // the HTTP payload (de-chunked, decoded)
  std::string error;       // kError: what went wrong
  uint64_t offset = 0;     // of the record in the decompressed stream
};

class WarcReader {
 public:
  explicit WarcReader(ByteSource* source) : src_(source) {}
  // False at the end of the input.
  bool Next(WarcRecord* record);

 private:
  bool ReadLine(std::string* line);  // without the line ending; false at end
  bool ReadExact(size_t n, std::string* out);
  bool Resync();  // to the next line starting "WARC/1."
  void Unread(std::string_view bytes);  // put bytes back before the buffer
  // Marks the source's gaps before `end` as reported, appending their
  // messages to *why; true when there were any.
  bool TakeGapsBefore(uint64_t end, std::string* why);
  int Peek();
  bool FillBuf();

  ByteSource* src_;
  std::string buf_;
  size_t pos_ = 0;
  uint64_t offset_ = 0;  // decompressed bytes consumed
  bool eof_ = false;
  size_t next_gap_ = 0;  // gaps of the source already reported
};

// Decodes an HTTP response (status line, headers, body) from a WARC payload:
// sets *body to the entity (chunked transfer and gzip/deflate content
// encodings undone), *content_type and *charset. False when it is not HTTP.
bool ParseHttpResponse(const std::string& payload, std::string* content_type,
                       std::string* charset, std::string* body, std::string* error);

}  // namespace winnow::io

#endif  // WINNOW_IO_WARC_H_
