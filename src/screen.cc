#include "screen.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>
#include <unordered_map>

namespace winnow {

namespace {

// Folds of U+0080..U+07FF, looked up rather than asked of ICU each time.
const uint16_t* TwoByteFold() {
  static const std::array<uint16_t, 0x800 - 0x80> table = [] {
    std::array<uint16_t, 0x800 - 0x80> t;
    for (UChar32 c = 0x80; c < 0x800; ++c) t[c - 0x80] = uint16_t(c == 0x130 ? 'i' : u_foldCase(c, U_FOLD_CASE_DEFAULT));
    return t;
  }();
  return table.data();
}

}  // namespace

void FoldCase(std::string_view utf8, std::string* out) {
  const size_t base = out->size();
  out->resize(base + FoldedBound(utf8.size()));
  out->resize(base + FoldCase(utf8, out->data() + base));
}

// Folding never makes a code point more than half as long again (Ⱥ, two
// bytes, folds to ⱥ, three).
size_t FoldCase(std::string_view utf8, char* out) {
  const auto* s = reinterpret_cast<const uint8_t*>(utf8.data());
  const int32_t n = int32_t(utf8.size());
  auto* o = reinterpret_cast<uint8_t*>(out);
  int32_t w = 0;
  int32_t i = 0;
  while (i < n) {
    // Eight ASCII bytes at a time: add 0x20 to those in 'A'..'Z'.
    if (i + 8 <= n) {
      uint64_t x;
      std::memcpy(&x, s + i, 8);
      if ((x & 0x8080808080808080ull) == 0) {
        constexpr uint64_t kOnes = 0x0101010101010101ull;
        const uint64_t at_least_a = x + (0x80 - 'A') * kOnes;
        const uint64_t above_z = x + (0x7F - 'Z') * kOnes;
        x |= ((at_least_a & ~above_z) & 0x8080808080808080ull) >> 2;
        std::memcpy(o + w, &x, 8);
        i += 8;
        w += 8;
        continue;
      }
    }
    const uint8_t c = s[i];
    if (c < 0x80) {
      o[w++] = c >= 'A' && c <= 'Z' ? c + 32 : c;
      ++i;
      continue;
    }
    // Chinese, Japanese and most symbols (U+3000..U+9FFF) have no case.
    if (c >= 0xE3 && c <= 0xE9 && i + 2 < n && (s[i + 1] & 0xC0) == 0x80 && (s[i + 2] & 0xC0) == 0x80) {
      o[w] = c;
      o[w + 1] = s[i + 1];
      o[w + 2] = s[i + 2];
      w += 3;
      i += 3;
      continue;
    }
    const int32_t start = i;
    UChar32 cp;
    U8_NEXT(s, i, n, cp);
    if (cp >= 0x80 && cp < 0x800) {  // two bytes: Latin, Greek, Cyrillic, ...
      cp = TwoByteFold()[cp - 0x80];
      U8_APPEND_UNSAFE(o, w, cp);
      continue;
    }
    if (cp < 0) {
      for (int32_t k = start; k < i; ++k) o[w++] = 0xFF;
      continue;
    }
    // İ lower-cases to "i" (RE2 lowers atoms so) but folds to itself.
    cp = cp == 0x130 ? 'i' : u_foldCase(cp, U_FOLD_CASE_DEFAULT);
    U8_APPEND_UNSAFE(o, w, cp);
  }
  return size_t(w);
}

namespace {

template <typename Key>
Key Load(const char* p) {
  Key v;
  std::memcpy(&v, p, sizeof v);
  return v;
}


// How often a window turns up in ordinary text, roughly: by its spaces, its
// common letters and its common letter pairs. The screen keys each atom by
// its rarest windows, so that common words ("the ", "our ") seldom send the
// scan to the table.
int Commonness(const char* w, int width) {
  // Scores of single bytes and of byte pairs, looked up: the screen asks
  // for every window of every atom when it is built.
  struct Tables {
    uint8_t byte[256] = {};
    uint8_t pair[256 * 256] = {};
  };
  static const Tables* const kTables = [] {
    auto* t = new Tables;
    for (int c = 0x80; c < 0x100; ++c) t->byte[c] = (c & 0xC0) == 0x80 ? 1 : 3;
    for (const char* c = "etaoinsrhldcu"; *c; ++c) t->byte[uint8_t(*c)] = 2;
    t->byte[uint8_t(' ')] = 20;
    for (const char* p : {"th", "he", "in", "er", "an", "re", "on", "at", "en", "nd", "ti", "es", "or", "te", "ed",
                          "is", "it", "al", "ar", "st", "to", "nt", "ng", "se", "ha", "ou", "le", "ve", "de", "ch",
                          "ie", "ei", "la", "qu", "co", "ra"})
      t->pair[uint8_t(p[0]) * 256 + uint8_t(p[1])] = 3;
    return t;
  }();
  int score = 0;
  for (int k = 0; k < width; ++k) score += kTables->byte[uint8_t(w[k])];
  for (int k = 0; k + 1 < width; ++k) score += kTables->pair[uint8_t(w[k]) * 256 + uint8_t(w[k + 1])];
  return score;
}

}  // namespace

int LiteralScreen::Add(const std::vector<std::string>& atoms) {
  std::vector<std::string> folded;
  for (const std::string& a : atoms) {
    std::string f;
    FoldCase(a, &f);
    if (f.size() < 5 || f.find('\0') != std::string::npos) return -1;
    folded.push_back(std::move(f));
  }
  const int first = next_id_;
  for (const std::string& f : folded) {
    auto [it, added] = index_.emplace(f, uint32_t(length_.size()));
    if (added) {
      begin_.push_back(uint32_t(pool_.size()));
      length_.push_back(uint32_t(f.size()));
      pool_ += f;
      ids_.emplace_back();
    }
    ids_[it->second].push_back(next_id_++);
  }
  return first;
}

constexpr int kAmongWeight = 4;

// How often story text holds a window (tools/gen_ngrams.py), as a cost:
// eight times its count's number of bits (0 for windows text seldom holds).
int TextFrequency(uint32_t key) {
  struct Window {
    uint32_t key;
    int count;
  };
  static const Window kCommon[] = {
#include "common_ngrams.inc"
  };
  const auto* end = std::end(kCommon);
  const auto* it = std::lower_bound(std::begin(kCommon), end, key,
                                    [](const Window& w, uint32_t k) { return w.key < k; });
  return it != end && it->key == key ? 8 * std::bit_width(unsigned(it->count)) : 0;
}

void LiteralScreen::Build() {
  index_.clear();
  bits_.assign((size_t(1) << kBits) / 64, 0);
  entries_.clear();
  ids_flat_.clear();
  // How often each window of four bytes turns up in all the atoms: the
  // atoms are phrases of the languages the rules are for, and a window
  // common among them ("tion", " new") is common in text too.
  std::unordered_map<uint32_t, int> among;
  for (size_t a = 0; a < length_.size(); ++a)
    for (size_t o = 0; o + 4 <= length_[a]; ++o) ++among[Load<uint32_t>(pool_.data() + begin_[a] + o)];
  std::unordered_map<uint32_t, int> used;  // a key that many atoms share is checked for each
  auto cost = [&](const char* w) {
    const uint32_t key = Load<uint32_t>(w);
    auto it = used.find(key);
    return Commonness(w, 4) + TextFrequency(key) + kAmongWeight * among[key] + (it == used.end() ? 0 : 4 * it->second);
  };
  for (size_t a = 0; a < length_.size(); ++a) {
    const char* s = pool_.data() + begin_[a];
    size_t best_offset = 0;
    int best = 1 << 30;
    // Offsets fit in 16 bits: far into a long atom, any window will do.
    for (size_t o = 0; o + 5 <= length_[a] && o < 4096; ++o) {
      const int c = cost(s + o) + cost(s + o + 1);
      if (c < best) {
        best = c;
        best_offset = o;
      }
    }
    const uint32_t ids = uint32_t(ids_flat_.size());
    ids_flat_.insert(ids_flat_.end(), ids_[a].begin(), ids_[a].end());
    for (size_t o = best_offset; o < best_offset + 2; ++o) {
      const uint32_t key = Load<uint32_t>(s + o);
      const uint32_t bit = Hash(key) >> (32 - kBits);
      bits_[bit >> 6] |= uint64_t(1) << (bit & 63);
      entries_.push_back({key, begin_[a], uint16_t(std::min<uint32_t>(length_[a], 65535)), uint16_t(o), ids,
                          uint32_t(ids_[a].size())});
      ++used[key];
    }
  }
  auto bucket = [](uint32_t key) { return size_t(Hash(key) >> (32 - kBucketBits)); };
  std::sort(entries_.begin(), entries_.end(), [&](const Entry& x, const Entry& y) { return bucket(x.key) < bucket(y.key); });
  start_.assign((size_t(1) << kBucketBits) + 1, 0);
  for (const Entry& e : entries_) ++start_[bucket(e.key) + 1];
  for (size_t b = 1; b < start_.size(); ++b) start_[b] += start_[b - 1];
}

void LiteralScreen::Verify(uint32_t key, uint32_t h, const char* f, size_t n, size_t i, std::vector<int>* hits) const {
  const size_t b = h >> (32 - kBucketBits);
  for (uint32_t k = start_[b], e = start_[b + 1]; k < e; ++k) {
    const Entry& entry = entries_[k];
    if (entry.key != key || i < entry.offset) continue;
    const size_t at = i - entry.offset;
    if (at + entry.length > n) continue;
    // Eight bytes at a time: most candidates differ in the first eight.
    const char* t = f + at;
    const char* a = pool_.data() + entry.begin;
    size_t m = 0;
    for (; m + 8 <= entry.length; m += 8)
      if (Load<uint64_t>(t + m) != Load<uint64_t>(a + m)) break;
    if (m + 8 <= entry.length) continue;
    if (std::memcmp(t + m, a + m, entry.length - m) != 0) continue;
    hits->insert(hits->end(), ids_flat_.begin() + entry.ids, ids_flat_.begin() + entry.ids + entry.id_count);
  }
}

void LiteralScreen::Scan(std::string_view text, ScreenHits* out) const {
  out->atoms.clear();
  const size_t need = FoldedBound(text.size()) + 4;
  if (out->capacity < need) {
    out->capacity = std::max(need, 2 * out->capacity);
    out->buffer = std::make_unique<char[]>(out->capacity);
  }
  char* f = out->buffer.get();
  const size_t n = FoldCase(text, f);
  out->folded = std::string_view(f, n);
  if (length_.empty()) return;
  std::memset(f + n, 0, 4);  // every position has four bytes to load
  for (size_t i = 0; i < n; i += 2) {
    const uint32_t key = Load<uint32_t>(f + i);
    const uint32_t h = Hash(key);
    const uint32_t bit = h >> (32 - kBits);
    if ((bits_[bit >> 6] >> (bit & 63)) & 1) Verify(key, h, f, n, i, &out->atoms);
  }
  if (out->atoms.size() > 1) {
    std::sort(out->atoms.begin(), out->atoms.end());
    out->atoms.erase(std::unique(out->atoms.begin(), out->atoms.end()), out->atoms.end());
  }
}

}  // namespace winnow
