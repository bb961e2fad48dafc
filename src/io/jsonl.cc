#include "io/jsonl.h"

#include <simdjson.h>

#include <memory>

namespace winnow::io {

// Longest JSONL line held in memory (a page of the largest size allowed,
// JSON-escaped, fits).
constexpr size_t kMaxLineBytes = 256u << 20;

JsonlReader::JsonlReader(ByteSource* source, JsonlFields fields)
    : src_(source), fields_(std::move(fields)) {}
JsonlReader::~JsonlReader() = default;

bool LooksLikeJsonl(std::string_view head) {
  for (char c : head) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
    return c == '{';
  }
  return false;
}

bool JsonlReader::ReadLine(std::string* line) {
  line->clear();
  too_long_ = false;
  while (true) {
    if (line->size() > kMaxLineBytes) {
      // Past the cap the line is skipped, not held: a gzip bomb of one
      // endless line must not take the memory with it.
      too_long_ = true;
      line->clear();
      while (true) {
        size_t nl = buf_.find('\n', pos_);
        if (nl != std::string::npos) {
          offset_ += nl + 1 - pos_;
          pos_ = nl + 1;
          return true;
        }
        offset_ += buf_.size() - pos_;
        buf_.clear();
        pos_ = 0;
        if (eof_) return true;
        buf_.resize(256 * 1024);
        size_t n = src_->Read(buf_.data(), buf_.size());
        buf_.resize(n);
        if (n == 0) {
          eof_ = true;
          return true;
        }
      }
    }
    size_t nl = buf_.find('\n', pos_);
    if (nl != std::string::npos) {
      line->append(buf_, pos_, nl - pos_);
      offset_ += nl + 1 - pos_;
      pos_ = nl + 1;
      return true;
    }
    line->append(buf_, pos_, std::string::npos);
    offset_ += buf_.size() - pos_;
    buf_.clear();
    pos_ = 0;
    if (eof_) return !line->empty();
    buf_.resize(256 * 1024);
    size_t n = src_->Read(buf_.data(), buf_.size());
    buf_.resize(n);
    if (n == 0) {
      eof_ = true;
      return !line->empty();
    }
  }
}

bool JsonlReader::Next(JsonlRecord* rec) {
  if (!NextLine(rec)) return false;
  ParseJsonlLine(fields_, rec);
  return true;
}

bool JsonlReader::NextLine(JsonlRecord* rec) {
  std::string line;
  bool have = false;
  while (true) {
    if (!ReadLine(&line)) break;
    ++line_no_;
    if (too_long_ || line.find_first_not_of(" \t\r") != std::string::npos) {
      have = true;
      break;
    }
  }
  *rec = JsonlRecord();
  rec->line = line_no_;
  // Data lost to damaged compression before or inside this line: the line
  // (if any) cannot be trusted, and lost lines are reported once.
  const auto& gaps = src_->gaps();
  if (next_gap_ < gaps.size() && gaps[next_gap_].offset <= (have ? offset_ : offset_ + 1)) {
    rec->error = (have ? "line " + std::to_string(line_no_) + " is damaged: " : std::string("lines lost: ")) +
                 gaps[next_gap_].message;
    ++next_gap_;
    return true;
  }
  if (!have) return false;
  if (too_long_) {
    rec->error = "line " + std::to_string(line_no_) + " is longer than " + std::to_string(kMaxLineBytes) +
                 " bytes; skipped";
    return true;
  }
  rec->json = std::move(line);
  return true;
}

void ParseJsonlLine(const JsonlFields& fields, JsonlRecord* rec) {
  if (!rec->error.empty() || rec->ok) return;
  const uint64_t line_no = rec->line;
  thread_local simdjson::dom::parser parser;
  // A parser keeps the capacity of the largest line it has read: after a
  // huge one, start afresh so that every thread does not hold on to it.
  if (parser.capacity() > (16u << 20)) parser = simdjson::dom::parser();
  simdjson::dom::element root;
  auto err = parser.parse(rec->json).get(root);
  if (err) {
    rec->error = std::string("line ") + std::to_string(line_no) + " is not JSON: " +
                 simdjson::error_message(err);
    return;
  }
  simdjson::dom::object obj;
  if (root.get_object().get(obj)) {
    rec->error = "line " + std::to_string(line_no) + " is JSON but not an object";
    return;
  }
  bool have_html = false, have_text = false;
  std::string text;
  for (auto field : obj) {
    std::string_view key = field.key;
    std::string_view sv;
    const bool is_string = field.value.get_string().get(sv) == simdjson::SUCCESS;
    if (key == fields.html && is_string) {
      rec->content = std::string(sv);
      have_html = true;
    } else if (key == fields.text && is_string) {
      text = std::string(sv);
      have_text = true;
    } else if (key == fields.id) {
      rec->id = is_string ? std::string(sv) : simdjson::minify(field.value);
    } else if (key == fields.url && is_string) {
      rec->url = std::string(sv);
    } else {
      rec->extra.emplace_back(std::string(key), simdjson::minify(field.value));
    }
  }
  if (!have_html && !have_text) {
    rec->error = "line " + std::to_string(line_no) + " has no \"" + fields.html + "\" or \"" +
                 fields.text + "\" string field";
    return;
  }
  // The HTML field wins when a line has both; content fields are not
  // carried through (the output has its own text).
  if (!have_html) {
    rec->content.swap(text);
    rec->is_html = false;
  }
  rec->ok = true;
  std::string().swap(rec->json);
}

}  // namespace winnow::io
