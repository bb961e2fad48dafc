// A minimal JSON object writer for output records: fields in the order
// written, strings escaped (control characters, quotes, backslashes; UTF-8
// passed through), raw JSON values carried through as they are.

#ifndef WINNOW_JSON_WRITER_H_
#define WINNOW_JSON_WRITER_H_

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

namespace winnow {

inline void AppendJsonString(std::string* out, std::string_view s) {
  out->push_back('"');
  for (unsigned char c : s) {
    switch (c) {
      case '"': *out += "\\\""; break;
      case '\\': *out += "\\\\"; break;
      case '\n': *out += "\\n"; break;
      case '\r': *out += "\\r"; break;
      case '\t': *out += "\\t"; break;
      default:
        if (c < 0x20 || c == 0x7f) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          *out += buf;
        } else {
          out->push_back(static_cast<char>(c));
        }
    }
  }
  out->push_back('"');
}

class JsonWriter {
 public:
  JsonWriter() : out_("{") {}
  void Field(std::string_view key, std::string_view value) {
    Key(key);
    AppendJsonString(&out_, value);
  }
  void Field(std::string_view key, const char* value) { Field(key, std::string_view(value)); }
  void Field(std::string_view key, const std::string& value) { Field(key, std::string_view(value)); }
  void Field(std::string_view key, int64_t value) {
    Key(key);
    out_ += std::to_string(value);
  }
  void Field(std::string_view key, double value) {
    Key(key);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3f", value);
    out_ += buf;
  }
  void Field(std::string_view key, bool value) {
    Key(key);
    out_ += value ? "true" : "false";
  }
  void RawField(std::string_view key, std::string_view json) {
    Key(key);
    out_ += json;
  }
  void BeginArray(std::string_view key) {
    Key(key);
    out_ += "[";
    array_first_ = true;
  }
  void ArrayRaw(std::string_view json) {
    if (!array_first_) out_ += ",";
    array_first_ = false;
    out_ += json;
  }
  void ArrayString(std::string_view s) {
    if (!array_first_) out_ += ",";
    array_first_ = false;
    AppendJsonString(&out_, s);
  }
  void EndArray() { out_ += "]"; }
  std::string Finish() { return out_ + "}"; }

 private:
  void Key(std::string_view key) {
    if (!first_) out_ += ",";
    first_ = false;
    AppendJsonString(&out_, key);
    out_ += ":";
  }
  std::string out_;
  bool first_ = true;
  bool array_first_ = true;
};

}  // namespace winnow

#endif  // WINNOW_JSON_WRITER_H_
