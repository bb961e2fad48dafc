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
  const auto* s = reinterpret_cast<const uint8_t*>(utf8.data());
  const int32_t n = int32_t(utf8.size());
  // Folding never makes a code point more than half as long again (Ⱥ, two
  // bytes, folds to ⱥ, three).
  const size_t base = out->size();
  out->resize(base + utf8.size() + utf8.size() / 2 + 4);
  auto* o = reinterpret_cast<uint8_t*>(out->data() + base);
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
  out->resize(base + size_t(w));
}

namespace {

template <typename Key>
Key Load(const char* p) {
  Key v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

// The scan takes a key of four bytes as the low half of one of eight.
static_assert(std::endian::native == std::endian::little);

// How often a window turns up in ordinary text, roughly: by its spaces, its
// common letters and its common letter pairs. The screen keys each atom by
// its rarest windows, so that common words ("the ", "our ") seldom send the
// scan to the table.
int Commonness(const char* w, int width) {
  static const char kLetters[] = "etaoinsrhldcu";
  static const char* const kPairs[] = {"th", "he", "in", "er", "an", "re", "on", "at", "en", "nd", "ti", "es",
                                       "or", "te", "ed", "is", "it", "al", "ar", "st", "to", "nt", "ng", "se",
                                       "ha", "ou", "le", "ve", "de", "ch", "ie", "ei", "la", "qu", "co", "ra"};
  int score = 0;
  for (int k = 0; k < width; ++k) {
    const char c = w[k];
    if (c == ' ') score += 6;
    else if (c != 0 && std::strchr(kLetters, c)) score += 2;
    else if (uint8_t(c) >= 0x80) score += (uint8_t(c) & 0xC0) == 0x80 ? 1 : 3;
  }
  for (int k = 0; k + 1 < width; ++k)
    for (const char* p : kPairs)
      if (w[k] == p[0] && w[k + 1] == p[1]) score += 3;
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

template <typename Key>
void LiteralScreen::Build(Tier<Key>* tier, size_t min_length, size_t max_length) {
  constexpr int kWidth = int(sizeof(Key));
  tier->bits.assign((size_t(1) << Tier<Key>::kBits) / 64, 0);
  tier->entries.clear();
  std::unordered_map<Key, int> used;  // a key that many atoms share is checked for each
  auto cost = [&](const char* w) {
    auto it = used.find(Load<Key>(w));
    return Commonness(w, kWidth) + (it == used.end() ? 0 : 4 * it->second);
  };
  for (size_t a = 0; a < length_.size(); ++a) {
    if (length_[a] < min_length || length_[a] > max_length) continue;
    const char* s = pool_.data() + begin_[a];
    size_t best_offset = 0;
    int best = 1 << 30;
    for (size_t o = 0; o + kWidth + 1 <= length_[a]; ++o) {
      const int c = cost(s + o) + cost(s + o + 1);
      if (c < best) {
        best = c;
        best_offset = o;
      }
    }
    for (size_t o = best_offset; o < best_offset + 2; ++o) {
      const Key key = Load<Key>(s + o);
      const uint64_t bit = Tier<Key>::Hash(key) >> (64 - Tier<Key>::kBits);
      tier->bits[bit >> 6] |= uint64_t(1) << (bit & 63);
      tier->entries.push_back({key, uint32_t(a), uint32_t(o)});
      ++used[key];
    }
  }
  auto bucket = [](Key key) { return size_t(Tier<Key>::Hash(key) >> (64 - Tier<Key>::kBucketBits)); };
  std::sort(tier->entries.begin(), tier->entries.end(),
            [&](const auto& x, const auto& y) { return bucket(x.key) < bucket(y.key); });
  tier->start.assign((size_t(1) << Tier<Key>::kBucketBits) + 1, 0);
  for (const auto& e : tier->entries) ++tier->start[bucket(e.key) + 1];
  for (size_t b = 1; b < tier->start.size(); ++b) tier->start[b] += tier->start[b - 1];
}

void LiteralScreen::Build() {
  index_.clear();
  Build(&short_, 5, 8);
  Build(&long_, 9, size_t(-1));
}

template <typename Key>
void LiteralScreen::Verify(const Tier<Key>& tier, Key key, uint64_t h, const char* f, size_t n, size_t i,
                           std::vector<int>* hits) const {
  const size_t b = size_t(h >> (64 - Tier<Key>::kBucketBits));
  for (uint32_t k = tier.start[b], e = tier.start[b + 1]; k < e; ++k) {
    const auto& entry = tier.entries[k];
    if (entry.key != key || i < entry.offset) continue;
    const size_t at = i - entry.offset;
    const uint32_t len = length_[entry.atom];
    if (at + len <= n && std::memcmp(f + at, pool_.data() + begin_[entry.atom], len) == 0)
      hits->insert(hits->end(), ids_[entry.atom].begin(), ids_[entry.atom].end());
  }
}

void LiteralScreen::Scan(std::string_view text, ScreenHits* out) const {
  out->atoms.clear();
  out->folded.clear();
  FoldCase(text, &out->folded);
  if (length_.empty()) return;
  const size_t n = out->folded.size();
  out->folded.append(8, '\0');  // every position has eight bytes to load
  const char* f = out->folded.data();
  for (size_t i = 0; i < n; i += 2) {
    const uint64_t x = Load<uint64_t>(f + i);
    const uint64_t hl = Tier<uint64_t>::Hash(x);
    if (long_.MayHold(hl)) Verify(long_, x, hl, f, n, i, &out->atoms);
    const uint64_t hs = Tier<uint32_t>::Hash(uint32_t(x));
    if (short_.MayHold(hs)) Verify(short_, uint32_t(x), hs, f, n, i, &out->atoms);
  }
  out->folded.resize(n);
  if (out->atoms.size() > 1) {
    std::sort(out->atoms.begin(), out->atoms.end());
    out->atoms.erase(std::unique(out->atoms.begin(), out->atoms.end()), out->atoms.end());
  }
}

}  // namespace winnow
