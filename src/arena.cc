#include "arena.h"

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

}  // namespace winnow
