// A literal screen in front of RE2. RE2's DFA reads a text at about four
// nanoseconds a byte for each set of patterns, however small the set, and
// text mode read every block with two unanchored sets (boilerplate_phrase,
// open_lines; widget_pitch reads many too): two thirds of its time,
// although most blocks match none of them.
// Almost every pattern needs some literal words ("newsletter", "all rights
// reserved"): RE2's FilteredRE2 names them ("atoms") and says which
// patterns a text could match given the atoms it holds. The screen finds
// the atoms of several sets in one cheap pass over a block, and a set is
// read by RE2 only where one of its patterns could match.
//
// Atoms are lower-cased by RE2; the screen compares them with the text after
// both are case-folded (ICU's simple folding, which puts every letter that a
// case-insensitive RE2 match accepts for another into one class), so that
// a text the screen turns away is one RE2 would have found no match in.

#ifndef WINNOW_SCREEN_H_
#define WINNOW_SCREEN_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace winnow {

// Appends `utf8` case-folded to *out: ASCII letters lowered, other code
// points by simple case folding, U+0130 (I with dot) as "i", and bytes that
// are not valid UTF-8 as 0xFF (which no atom holds).
void FoldCase(std::string_view utf8, std::string* out);
// The same into out, which has room for FoldedBound(utf8.size()) bytes;
// returns the length written.
inline size_t FoldedBound(size_t n) { return n + n / 2 + 8; }
size_t FoldCase(std::string_view utf8, char* out);

// What the screen found in one text.
struct ScreenHits {
  std::vector<int> atoms;   // ids of the registered atoms it holds, increasing
  std::string_view folded;  // the text, case-folded (FoldCase), in buffer

  std::unique_ptr<char[]> buffer;  // reused from text to text
  size_t capacity = 0;
};

class LiteralScreen {
 public:
  // Registers atoms (as FilteredRE2 gives them, five bytes or more) and
  // returns the id of the first; they get consecutive ids. Returns -1 when
  // an atom cannot be screened for (shorter than five bytes once folded, or
  // holding a NUL): the caller then matches without the screen.
  int Add(const std::vector<std::string>& atoms);
  // Call once, after the last Add.
  void Build();

  // Folds `text` into out->folded and lists in out->atoms the registered
  // atoms it holds.
  void Scan(std::string_view text, ScreenHits* out) const;

 private:
  // The scan reads four bytes (a key) at every second position of the
  // folded text. An atom that starts at s has a key at an even position
  // whatever s is when it is keyed by two windows next to each other
  // (offsets o and o + 1): each atom is, by the two that ordinary text
  // holds least often.
  //
  // A bit per hash of a key: 16 KB, in L1 cache. Most positions stop here.
  static constexpr int kBits = 17;
  // Then the keys by the hash's top bits: bucket b holds
  // entries_[start_[b] .. start_[b + 1]).
  static constexpr int kBucketBits = 12;
  static uint32_t Hash(uint32_t key) { return key * 0x9E3779B1u; }
  struct Entry {
    uint32_t key;
    uint32_t begin;    // the atom in pool_
    uint16_t length;
    uint16_t offset;   // where the key starts in the atom
    uint32_t ids;      // its ids: ids_flat_[ids .. ids + id_count)
    uint32_t id_count;
  };
  // Appends to *hits the ids of the atoms keyed by `key` (hash h) that
  // occur at position i - offset of the folded text f (n bytes).
  void Verify(uint32_t key, uint32_t h, const char* f, size_t n, size_t i, std::vector<int>* hits) const;

  std::string pool_;                     // the folded atoms, each once, end to end
  std::vector<uint32_t> begin_;          // where each starts in pool_
  std::vector<uint32_t> length_;
  std::vector<std::vector<int>> ids_;    // the ids registered for each
  std::unordered_map<std::string, uint32_t> index_;  // folded atom -> its index, while adding
  int next_id_ = 0;
  std::vector<uint64_t> bits_;
  std::vector<uint32_t> start_;
  std::vector<Entry> entries_;
  std::vector<int> ids_flat_;
};

}  // namespace winnow

#endif  // WINNOW_SCREEN_H_
