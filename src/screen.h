// A literal screen in front of RE2. RE2's DFA reads a text at about four
// nanoseconds a byte for each set of patterns, however small the set, and
// text mode read every block with two unanchored sets (boilerplate_phrase,
// open_lines): two thirds of its time, although most blocks match neither.
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
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace winnow {

// Appends `utf8` case-folded to *out: ASCII letters lowered, other code
// points by simple case folding, U+0130 (I with dot) as "i", and bytes that
// are not valid UTF-8 as 0xFF (which no atom holds).
void FoldCase(std::string_view utf8, std::string* out);

// What the screen found in one text.
struct ScreenHits {
  std::vector<int> atoms;  // ids of the registered atoms it holds, increasing
  std::string folded;      // the text, case-folded (FoldCase)
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

  void Scan(std::string_view text, ScreenHits* out) const;

 private:
  // The scan reads the folded text at every second position. An atom that
  // starts at s has a window at an even position whatever s is when it is
  // keyed by two windows next to each other (offsets o and o + 1): each
  // atom is, by the two that ordinary text holds least often. Atoms of
  // nine bytes and more are keyed by eight bytes, which prose seldom
  // repeats ("ewslette"); shorter ones by four.
  template <typename Key>
  struct Tier {
    // A bit per hash of a key: 8 KB, in L1 cache. Most positions stop here.
    static constexpr int kBits = 16;
    // Then the keys by the hash's top bits: bucket b holds
    // entries[start[b] .. start[b + 1]).
    static constexpr int kBucketBits = 11;
    struct Entry {
      Key key;
      uint32_t atom;    // index in begin_ / length_ / ids_
      uint32_t offset;  // where the key starts in the atom
    };
    static uint64_t Hash(Key key) { return uint64_t(key) * 0x9E3779B97F4A7C15ull; }
    bool MayHold(uint64_t h) const {
      const uint64_t bit = h >> (64 - kBits);
      return (bits[bit >> 6] >> (bit & 63)) & 1;
    }
    std::vector<uint64_t> bits;
    std::vector<uint32_t> start;
    std::vector<Entry> entries;
  };
  template <typename Key>
  void Build(Tier<Key>* tier, size_t min_length, size_t max_length);
  // Appends to *hits the ids of the atoms keyed by `key` (hash h) that
  // occur at position i - offset of the folded text f (n bytes).
  template <typename Key>
  void Verify(const Tier<Key>& tier, Key key, uint64_t h, const char* f, size_t n, size_t i,
              std::vector<int>* hits) const;

  std::string pool_;                     // the folded atoms, each once, end to end
  std::vector<uint32_t> begin_;          // where each starts in pool_
  std::vector<uint32_t> length_;
  std::vector<std::vector<int>> ids_;    // the ids registered for each
  std::unordered_map<std::string, uint32_t> index_;  // folded atom -> its index, while adding
  int next_id_ = 0;
  Tier<uint32_t> short_;  // atoms of five to eight bytes
  Tier<uint64_t> long_;   // atoms of nine and more
};

}  // namespace winnow

#endif  // WINNOW_SCREEN_H_
