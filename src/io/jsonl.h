// JSONL reader: one JSON object a line, streamed. The page comes from the
// HTML field (or, failing that, the text field); id and URL from their
// fields; every other field is carried through as its JSON text.
// A line that is not a JSON object, or has neither content field, becomes
// an error naming the line number.

#ifndef WINNOW_IO_JSONL_H_
#define WINNOW_IO_JSONL_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "io/byte_source.h"

namespace winnow::io {

struct JsonlFields {
  std::string html = "html";
  std::string text = "text";
  std::string id = "id";
  std::string url = "url";
};

struct JsonlRecord {
  // NextLine(): the line's JSON, still to be parsed by ParseJsonlLine().
  std::string json;
  bool ok = false;
  bool is_html = true;     // content came from the HTML field
  std::string content;
  std::string id;          // empty when the line has none
  std::string url;
  std::vector<std::pair<std::string, std::string>> extra;  // name, JSON text
  std::string error;
  uint64_t line = 0;       // 1-based
};

class JsonlReader {
 public:
  JsonlReader(ByteSource* source, JsonlFields fields);
  ~JsonlReader();
  // False at the end of the input; blank lines are skipped.
  bool Next(JsonlRecord* record);
  // The serial half of Next: reads the next line into record->json (or
  // sets record->error for a damaged or overlong one) without parsing it,
  // so that a corpus run parses lines on its worker threads.
  bool NextLine(JsonlRecord* record);
  const JsonlFields& fields() const { return fields_; }

 private:
  bool ReadLine(std::string* line);
  ByteSource* src_;
  JsonlFields fields_;
  std::string buf_;
  size_t pos_ = 0;
  bool eof_ = false;
  bool too_long_ = false;  // the line just read was over the cap
  uint64_t line_no_ = 0;
  uint64_t offset_ = 0;    // decompressed bytes consumed
  size_t next_gap_ = 0;    // source gaps already reported
};

// The parallel half of Next: parses record->json (when it holds a line and
// no error) into content, id, url and extra fields, or sets record->error.
// Safe to call from any number of threads (each has its own parser).
void ParseJsonlLine(const JsonlFields& fields, JsonlRecord* record);

// True when the first non-blank byte of `head` is '{' (a JSONL file).
bool LooksLikeJsonl(std::string_view head);

}  // namespace winnow::io

#endif  // WINNOW_IO_JSONL_H_
