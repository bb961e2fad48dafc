#include "arena.h"

#include <cstring>

namespace winnow {

void* Arena::Allocate(size_t size) {
  size = (size + 15) & ~size_t{15};  // keep every block 16-byte aligned
  if (size > left_) {
    // Large requests get a chunk of their own so the current chunk's tail
    // is not wasted.
    size_t n = size > kChunk / 4 ? size : kChunk;
    chunks_.emplace_back(new char[n]);
    total_ += n;
    if (n != kChunk) return chunks_.back().get();
    ptr_ = chunks_.back().get();
    left_ = n;
  }
  void* p = ptr_;
  ptr_ += size;
  left_ -= size;
  return p;
}

std::string_view Arena::Store(std::string_view s) {
  if (s.empty()) return {};
  char* p;
  if (s.size() <= left_) {
    p = ptr_;
    ptr_ += s.size();
    left_ -= s.size();
  } else {
    p = static_cast<char*>(Allocate(s.size()));
  }
  std::memcpy(p, s.data(), s.size());
  return std::string_view(p, s.size());
}

}  // namespace winnow
