#include "io/warc.h"

#include <zlib.h>

#include <algorithm>
#include <cstring>

#include "text_util.h"

namespace winnow::io {
namespace {

constexpr size_t kReadChunk = 64 * 1024;
// A WARC header block larger than this is not a header.
constexpr size_t kMaxHeaderBytes = 1 << 20;
// Payloads larger than this are reported, not held in memory.
constexpr uint64_t kMaxRecordBytes = 256ull << 20;


std::string Trim(std::string s) {
  size_t a = s.find_first_not_of(" \t\r\n");
  if (a == std::string::npos) return "";
  size_t b = s.find_last_not_of(" \t\r\n");
  return s.substr(a, b - a + 1);
}

// "text/html; charset=UTF-8" -> type "text/html", charset "UTF-8".
void SplitContentType(const std::string& value, std::string* type, std::string* charset) {
  std::string v = value;
  size_t semi = v.find(';');
  *type = AsciiLower(Trim(v.substr(0, semi)));
  std::string lower = AsciiLower(v);
  size_t cs = lower.find("charset=");
  if (cs != std::string::npos) {
    std::string c = v.substr(cs + 8);
    size_t end = c.find_first_of("; \t");
    c = c.substr(0, end);
    c.erase(std::remove(c.begin(), c.end(), '"'), c.end());
    c.erase(std::remove(c.begin(), c.end(), '\''), c.end());
    *charset = c;
  }
}

bool Inflate(const std::string& in, std::string* out, bool gzip_or_zlib) {
  z_stream z;
  std::memset(&z, 0, sizeof z);
  // 15+32: gzip or zlib header, detected; -15: raw deflate.
  if (inflateInit2(&z, gzip_or_zlib ? 15 + 32 : -15) != Z_OK) return false;
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  z.avail_in = static_cast<uInt>(in.size());
  char buf[65536];
  int rc;
  do {
    z.next_out = reinterpret_cast<Bytef*>(buf);
    z.avail_out = sizeof buf;
    rc = inflate(&z, Z_NO_FLUSH);
    out->append(buf, sizeof buf - z.avail_out);
    if (out->size() > kMaxRecordBytes) rc = Z_MEM_ERROR;
  } while (rc == Z_OK);
  inflateEnd(&z);
  return rc == Z_STREAM_END;
}

bool Dechunk(const std::string& in, std::string* out) {
  size_t pos = 0;
  while (pos < in.size()) {
    size_t eol = in.find("\r\n", pos);
    if (eol == std::string::npos) return false;
    unsigned long size = std::strtoul(in.substr(pos, eol - pos).c_str(), nullptr, 16);
    pos = eol + 2;
    if (size == 0) return true;
    if (pos + size > in.size()) {
      out->append(in, pos, std::string::npos);  // keep what there is
      return false;
    }
    out->append(in, pos, size);
    pos += size + 2;
  }
  return true;
}

}  // namespace

bool ParseHttpResponse(const std::string& payload, std::string* content_type, std::string* charset,
                       std::string* body, std::string* error) {
  if (payload.compare(0, 5, "HTTP/") != 0) {
    *error = "payload is not an HTTP response";
    return false;
  }
  size_t head_end = payload.find("\r\n\r\n");
  size_t sep = 4;
  if (head_end == std::string::npos) {
    head_end = payload.find("\n\n");
    sep = 2;
  }
  if (head_end == std::string::npos) {
    *error = "HTTP headers do not end";
    return false;
  }
  std::string transfer, encoding;
  size_t pos = payload.find('\n') + 1;
  while (pos < head_end) {
    size_t eol = payload.find('\n', pos);
    if (eol == std::string::npos || eol > head_end) eol = head_end;
    std::string line = payload.substr(pos, eol - pos);
    pos = eol + 1;
    size_t colon = line.find(':');
    if (colon == std::string::npos) continue;
    std::string name = AsciiLower(Trim(line.substr(0, colon)));
    std::string value = Trim(line.substr(colon + 1));
    if (name == "content-type") SplitContentType(value, content_type, charset);
    else if (name == "transfer-encoding") transfer = AsciiLower(value);
    else if (name == "content-encoding") encoding = AsciiLower(value);
  }
  std::string entity = payload.substr(head_end + sep);
  if (transfer.find("chunked") != std::string::npos) {
    std::string plain;
    // A crawler often stores the payload already de-chunked while keeping
    // the header: only trust the de-chunking when it parses.
    if (Dechunk(entity, &plain)) entity.swap(plain);
  }
  if (encoding == "gzip" || encoding == "x-gzip" || encoding == "deflate") {
    std::string plain;
    if (Inflate(entity, &plain, true) || (encoding == "deflate" && Inflate(entity, &plain, false)))
      entity.swap(plain);
  }
  body->swap(entity);
  return true;
}

bool WarcReader::FillBuf() {
  if (eof_) return false;
  if (pos_ > 0 && pos_ >= buf_.size() / 2) {
    buf_.erase(0, pos_);
    pos_ = 0;
  }
  size_t old = buf_.size();
  buf_.resize(old + kReadChunk);
  size_t n = src_->Read(buf_.data() + old, kReadChunk);
  buf_.resize(old + n);
  if (n == 0) eof_ = true;
  return n > 0;
}

int WarcReader::Peek() {
  if (pos_ >= buf_.size() && !FillBuf()) return -1;
  return static_cast<unsigned char>(buf_[pos_]);
}

bool WarcReader::ReadLine(std::string* line) {
  line->clear();
  while (true) {
    size_t nl = buf_.find('\n', pos_);
    if (nl != std::string::npos) {
      line->append(buf_, pos_, nl - pos_);
      offset_ += nl + 1 - pos_;
      pos_ = nl + 1;
      if (!line->empty() && line->back() == '\r') line->pop_back();
      return true;
    }
    line->append(buf_, pos_, std::string::npos);
    offset_ += buf_.size() - pos_;
    pos_ = buf_.size();
    if (line->size() > kMaxHeaderBytes) return true;  // not a header: caller resyncs
    if (!FillBuf()) return !line->empty();
  }
}

bool WarcReader::ReadExact(size_t n, std::string* out) {
  out->clear();
  while (out->size() < n) {
    if (pos_ >= buf_.size() && !FillBuf()) return false;
    size_t k = std::min(n - out->size(), buf_.size() - pos_);
    out->append(buf_, pos_, k);
    pos_ += k;
    offset_ += k;
  }
  return true;
}

bool WarcReader::TakeGapsBefore(uint64_t end, std::string* why) {
  bool any = false;
  while (next_gap_ < src_->gaps().size() && src_->gaps()[next_gap_].offset < end) {
    *why += " (" + src_->gaps()[next_gap_].message + ")";
    ++next_gap_;
    any = true;
  }
  return any;
}

void WarcReader::Unread(std::string_view bytes) {
  buf_ = std::string(bytes) + buf_.substr(pos_);
  pos_ = 0;
  offset_ -= bytes.size();
}

bool WarcReader::Resync() {
  std::string line;
  while (true) {
    uint64_t start = offset_;
    size_t start_pos = pos_;
    if (!ReadLine(&line)) return false;
    if (line.compare(0, 7, "WARC/1.") == 0) {
      // Step back so Next() reads this line again. The line is still in the
      // buffer unless it spanned a refill; then it is simply taken as read.
      if (start_pos <= buf_.size() && offset_ - start == pos_ - start_pos) {
        pos_ = start_pos;
        offset_ = start;
      }
      return true;
    }
  }
}

bool WarcReader::Next(WarcRecord* rec) {
  *rec = WarcRecord();
  std::string line;
  // Data lost before this point (a whole damaged member between records)
  // is an error record of its own, so that the loss is counted.
  Peek();
  if (next_gap_ < src_->gaps().size() && src_->gaps()[next_gap_].offset <= offset_) {
    rec->kind = WarcRecord::Kind::kError;
    rec->offset = src_->gaps()[next_gap_].offset;
    rec->error = "records lost: " + src_->gaps()[next_gap_].message;
    ++next_gap_;
    return true;
  }
  // Skip blank lines between records.
  do {
    rec->offset = offset_;
    if (!ReadLine(&line)) return false;
  } while (line.empty());
  if (line.compare(0, 7, "WARC/1.") != 0) {
    rec->kind = WarcRecord::Kind::kError;
    rec->error = "expected a WARC record at offset " + std::to_string(rec->offset) +
                 ", found other bytes; skipped to the next record";
    Resync();
    return true;
  }
  uint64_t length = 0;
  bool has_length = false;
  std::string content_type;
  while (true) {
    if (!ReadLine(&line)) {
      rec->kind = WarcRecord::Kind::kError;
      rec->error = "WARC header at offset " + std::to_string(rec->offset) + " ends with the file";
      return true;
    }
    if (line.empty()) break;
    size_t colon = line.find(':');
    if (colon == std::string::npos) continue;
    std::string name = AsciiLower(Trim(line.substr(0, colon)));
    std::string value = Trim(line.substr(colon + 1));
    if (name == "warc-type") rec->type = value;
    else if (name == "warc-record-id") rec->record_id = value;
    else if (name == "warc-target-uri") rec->target_uri = value;
    else if (name == "content-type") content_type = AsciiLower(value);
    else if (name == "content-length") {
      char* end = nullptr;
      length = std::strtoull(value.c_str(), &end, 10);
      has_length = end && *end == '\0' && !value.empty();
    }
  }
  if (!has_length) {
    rec->kind = WarcRecord::Kind::kError;
    rec->error = "WARC record at offset " + std::to_string(rec->offset) + " has no valid Content-Length";
    Resync();
    return true;
  }
  if (length > kMaxRecordBytes) {
    rec->kind = WarcRecord::Kind::kError;
    rec->error = "WARC record at offset " + std::to_string(rec->offset) + " is too large (" +
                 std::to_string(length) + " bytes)";
    Resync();
    return true;
  }
  std::string payload;
  if (!ReadExact(length, &payload)) {
    rec->kind = WarcRecord::Kind::kError;
    rec->error = "WARC record at offset " + std::to_string(rec->offset) + " is truncated: " +
                 std::to_string(payload.size()) + " of " + std::to_string(length) + " bytes";
    if (TakeGapsBefore(offset_ + 1, &rec->error)) {}
    return true;
  }
  // A record ends with two CRLFs; anything else means its Content-Length
  // is wrong (or the data is damaged): its content cannot be trusted.
  std::string tail;
  bool tail_ok = ReadExact(4, &tail) && tail == "\r\n\r\n";
  if (!tail_ok && !(tail.empty() && eof_)) {
    rec->kind = WarcRecord::Kind::kError;
    rec->error = "WARC record at offset " + std::to_string(rec->offset) +
                 " does not end where its Content-Length (" + std::to_string(length) + ") says";
    // A Content-Length too large swallows the next record's start: give
    // back what follows the first record boundary inside what was read.
    std::string read = payload + tail;
    size_t next = read.find("\nWARC/1.");
    if (next != std::string::npos) {
      Unread(std::string_view(read).substr(next + 1));
    } else {
      Resync();
    }
    return true;
  }
  if (std::string why; TakeGapsBefore(offset_, &why)) {
    rec->kind = WarcRecord::Kind::kError;
    rec->error = "WARC record at offset " + std::to_string(rec->offset) + " is damaged" + why;
    return true;
  }
  const std::string type = AsciiLower(rec->type);
  if (type == "response" && content_type.find("application/http") != std::string::npos) {
    std::string http_type, err;
    if (!ParseHttpResponse(payload, &http_type, &rec->charset, &rec->body, &err)) {
      rec->kind = WarcRecord::Kind::kError;
      rec->error = "WARC response at offset " + std::to_string(rec->offset) + ": " + err;
      return true;
    }
    if (http_type.find("html") != std::string::npos || http_type.empty()) {
      rec->kind = WarcRecord::Kind::kDocument;
    } else {
      rec->kind = WarcRecord::Kind::kSkipped;
      rec->type = "response (" + (http_type.empty() ? std::string("no type") : http_type) + ")";
      rec->body.clear();
    }
    return true;
  }
  if (type == "resource" && content_type.find("html") != std::string::npos) {
    std::string type_only;
    SplitContentType(content_type, &type_only, &rec->charset);
    rec->body.swap(payload);
    rec->kind = WarcRecord::Kind::kDocument;
    return true;
  }
  rec->kind = WarcRecord::Kind::kSkipped;
  if (rec->type.empty()) rec->type = "untyped";
  return true;
}

}  // namespace winnow::io
