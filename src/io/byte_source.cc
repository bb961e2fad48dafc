#include "io/byte_source.h"

#include <libdeflate.h>
#include <zlib.h>
#include <zstd.h>

#include <cerrno>
#include <cstring>
#include <vector>

namespace winnow::io {
namespace {

constexpr size_t kChunk = 256 * 1024;

// Raw bytes: a FILE* or a string.
class Raw {
 public:
  explicit Raw(FILE* f, bool own) : f_(f), own_(own) {}
  explicit Raw(std::string s) : mem_(std::move(s)) {}
  ~Raw() {
    if (f_ && own_) std::fclose(f_);
  }
  size_t Read(char* buf, size_t n) {
    if (f_) return std::fread(buf, 1, n, f_);
    size_t k = std::min(n, mem_.size() - mem_pos_);
    std::memcpy(buf, mem_.data() + mem_pos_, k);
    mem_pos_ += k;
    return k;
  }

 private:
  FILE* f_ = nullptr;
  bool own_ = false;
  std::string mem_;
  size_t mem_pos_ = 0;
};

// Common buffering of the compressed input.
class Base : public ByteSource {
 public:
  explicit Base(std::unique_ptr<Raw> raw) : raw_(std::move(raw)), in_(kChunk) {}

  // Makes sure at least one input byte is buffered; false at the end.
  bool Fill() {
    if (in_pos_ < in_len_) return true;
    in_len_ = raw_->Read(in_.data(), in_.size());
    in_pos_ = 0;
    return in_len_ > 0;
  }
  void Consume(size_t n) {
    in_pos_ += n;
    raw_offset_ += n;
  }
  // Preloads the first bytes so the format can be sniffed.
  void Prime() { Fill(); }
  void set_raw_size(uint64_t size) { raw_size_ = size; }
  std::unique_ptr<Raw> raw_;
  std::vector<char> in_;
  size_t in_pos_ = 0, in_len_ = 0;
};

class Plain : public Base {
 public:
  using Base::Base;
  size_t Read(char* buf, size_t n) override {
    if (!Fill()) return 0;
    size_t k = std::min(n, in_len_ - in_pos_);
    std::memcpy(buf, in_.data() + in_pos_, k);
    Consume(k);
    out_offset_ += k;
    return k;
  }
  const char* compression() const override { return "none"; }
};

// A member whose compressed bytes fit kWholeIn and whose text fits
// kWholeOut is decompressed whole by libdeflate, at 2.5 times zlib's speed
// on WARC.gz records of web pages; any other member (a larger one, a
// corrupt or truncated one) goes through zlib's stream, which reports
// damage where it is and finds the next member.
constexpr size_t kWholeIn = 1 << 20;
constexpr size_t kWholeOut = 8 << 20;

class Gzip : public Base {
 public:
  explicit Gzip(std::unique_ptr<Raw> raw) : Base(std::move(raw)), whole_(libdeflate_alloc_decompressor()) {
    std::memset(&z_, 0, sizeof z_);
    inflateInit2(&z_, 15 + 16);  // gzip wrapper only
  }
  ~Gzip() override {
    inflateEnd(&z_);
    libdeflate_free_decompressor(whole_);
  }
  const char* compression() const override { return "gzip"; }

  size_t Read(char* buf, size_t n) override {
    while (true) {
      if (out_pos_ < out_len_) {
        const size_t k = std::min(n, out_len_ - out_pos_);
        std::memcpy(buf, out_.get() + out_pos_, k);
        out_pos_ += k;
        out_offset_ += k;
        return k;
      }
      if (in_member_ || !WholeMember()) break;
    }
    while (true) {
      if (!Fill()) {
        if (in_member_) {
          AddGap("gzip data ends inside a member (truncated file) at byte " + std::to_string(raw_offset_));
          in_member_ = false;
        }
        return 0;
      }
      z_.next_in = reinterpret_cast<Bytef*>(in_.data() + in_pos_);
      z_.avail_in = static_cast<uInt>(in_len_ - in_pos_);
      z_.next_out = reinterpret_cast<Bytef*>(buf);
      z_.avail_out = static_cast<uInt>(n);
      in_member_ = true;
      int rc = inflate(&z_, Z_NO_FLUSH);
      size_t used = (in_len_ - in_pos_) - z_.avail_in;
      size_t produced = n - z_.avail_out;
      Consume(used);
      if (rc == Z_STREAM_END) {
        in_member_ = false;
        inflateReset(&z_);  // the next member, if any
      } else if (rc == Z_DATA_ERROR || rc == Z_NEED_DICT || rc == Z_STREAM_ERROR) {
        AddGap("corrupt gzip data at byte " + std::to_string(raw_offset_));
        in_member_ = false;
        inflateReset(&z_);
        Resync();
      }
      out_offset_ += produced;
      if (produced > 0) return produced;
      if (rc == Z_BUF_ERROR && used == 0 && z_.avail_in > 0) return 0;  // cannot progress
    }
  }

 private:
  // Skips to the next gzip member header (1f 8b 08), at least one byte on
  // so the member that failed is not found again. A header split across
  // two buffers is missed (one more record is lost, nothing worse).
  void Resync() {
    bool first = true;
    while (Fill()) {
      const char* p = in_.data() + in_pos_;
      const size_t len = in_len_ - in_pos_;
      for (size_t i = first ? 1 : 0; i + 2 < len; ++i) {
        if ((unsigned char)p[i] == 0x1f && (unsigned char)p[i + 1] == 0x8b && p[i + 2] == 0x08) {
          Consume(i);
          return;
        }
      }
      Consume(len);
      first = false;
    }
  }
  // Decompresses the member that starts the buffered input whole into
  // out_. False when it is not whole in kWholeIn bytes, does not fit
  // kWholeOut, is damaged, or no input is left: then nothing was consumed.
  bool WholeMember() {
    if (!whole_) return false;
    if (in_.size() < kWholeIn) in_.resize(kWholeIn);
    if (!out_) out_.reset(new char[kWholeOut]);  // not zeroed: written before read
    // The member is tried where it lies when a quarter of the buffer or
    // more is left; else, or when it did not fit there, it is moved to the
    // front of a buffer filled again. (Moving every member to the front
    // copied most of the 1 MB buffer once per record.)
    for (int attempt = 0; attempt < 2; ++attempt) {
      if (attempt == 1 || in_len_ - in_pos_ < kWholeIn / 4) {
        if (in_pos_ == 0 && in_len_ == in_.size()) return false;  // no more room
        std::memmove(in_.data(), in_.data() + in_pos_, in_len_ - in_pos_);
        in_len_ -= in_pos_;
        in_pos_ = 0;
        const size_t before = in_len_;
        while (in_len_ < in_.size()) {
          const size_t k = raw_->Read(in_.data() + in_len_, in_.size() - in_len_);
          if (k == 0) break;
          in_len_ += k;
        }
        if (attempt == 1 && in_len_ == before) return false;  // nothing more to read
      }
      if (in_len_ == in_pos_) return false;
      size_t used = 0, produced = 0;
      if (libdeflate_gzip_decompress_ex(whole_, in_.data() + in_pos_, in_len_ - in_pos_, out_.get(), kWholeOut,
                                        &used, &produced) == LIBDEFLATE_SUCCESS) {
        out_len_ = produced;
        out_pos_ = 0;
        Consume(used);
        return true;
      }
    }
    return false;
  }

  z_stream z_;
  bool in_member_ = false;
  libdeflate_decompressor* whole_;
  std::unique_ptr<char[]> out_;  // a member decompressed whole: out_len_ bytes,
  size_t out_len_ = 0, out_pos_ = 0;  // read from out_pos_ on
};

class Zstd : public Base {
 public:
  explicit Zstd(std::unique_ptr<Raw> raw) : Base(std::move(raw)), ctx_(ZSTD_createDCtx()) {}
  ~Zstd() override { ZSTD_freeDCtx(ctx_); }
  const char* compression() const override { return "zstd"; }
  size_t Read(char* buf, size_t n) override {
    while (!failed_) {
      if (!Fill()) {
        if (in_frame_) {
          AddGap("zstd data ends inside a frame (truncated file) at byte " + std::to_string(raw_offset_));
          in_frame_ = false;
        }
        return 0;
      }
      ZSTD_inBuffer in{in_.data() + in_pos_, in_len_ - in_pos_, 0};
      ZSTD_outBuffer out{buf, n, 0};
      size_t rc = ZSTD_decompressStream(ctx_, &out, &in);
      Consume(in.pos);
      if (ZSTD_isError(rc)) {
        // zstd frames carry no resync marker worth trusting: stop here.
        out_offset_ += out.pos;
        AddGap(std::string("corrupt zstd data at byte ") + std::to_string(raw_offset_) + ": " +
               ZSTD_getErrorName(rc));
        failed_ = true;
        return out.pos;
      }
      in_frame_ = rc != 0;
      out_offset_ += out.pos;
      if (out.pos > 0) return out.pos;
    }
    return 0;
  }

 private:
  ZSTD_DCtx* ctx_;
  bool in_frame_ = false;
  bool failed_ = false;
};

std::unique_ptr<ByteSource> Wrap(std::unique_ptr<Raw> raw, uint64_t size) {
  // Sniff the magic number from the first buffered bytes.
  auto plain = std::make_unique<Plain>(std::move(raw));
  plain->Prime();
  const unsigned char* p = reinterpret_cast<const unsigned char*>(plain->in_.data());
  const size_t len = plain->in_len_;
  std::unique_ptr<Base> out;
  if (len >= 2 && p[0] == 0x1f && p[1] == 0x8b) {
    out = std::make_unique<Gzip>(std::move(plain->raw_));
  } else if (len >= 4 && p[0] == 0x28 && p[1] == 0xb5 && p[2] == 0x2f && p[3] == 0xfd) {
    out = std::make_unique<Zstd>(std::move(plain->raw_));
  } else {
    plain->set_raw_size(size);
    return plain;
  }
  // Hand the sniffed buffer over.
  out->in_.swap(plain->in_);
  out->in_len_ = plain->in_len_;
  out->set_raw_size(size);
  return out;
}

}  // namespace

std::unique_ptr<ByteSource> ByteSource::Open(const std::string& path, std::string* error) {
  if (path == "-") return Wrap(std::make_unique<Raw>(stdin, false), 0);
  FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) {
    *error = std::strerror(errno);
    return nullptr;
  }
  uint64_t size = 0;
  if (std::fseek(f, 0, SEEK_END) == 0) {
    long s = std::ftell(f);
    if (s > 0) size = static_cast<uint64_t>(s);
    std::fseek(f, 0, SEEK_SET);
  }
  return Wrap(std::make_unique<Raw>(f, true), size);
}

std::unique_ptr<ByteSource> ByteSource::FromString(std::string bytes) {
  uint64_t size = bytes.size();
  return Wrap(std::make_unique<Raw>(std::move(bytes)), size);
}

}  // namespace winnow::io
