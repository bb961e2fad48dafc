// Helpers shared by the tests.

#ifndef WINNOW_TESTS_TEST_UTIL_H_
#define WINNOW_TESTS_TEST_UTIL_H_

#include <gtest/gtest.h>

#include <fstream>
#include <memory>
#include <sstream>
#include <cstdint>
#include <string>
#include <vector>

#include "winnow/winnow.h"

namespace winnow::testing {

// `count` pieces drawn from `pieces` by a fixed linear congruential
// generator (*seed carries it from call to call), so that a failing case
// reproduces. A piece listed several times is drawn that much more often.
inline std::vector<std::string> DrawPieces(const std::vector<std::string>& pieces, int count, uint32_t* seed) {
  std::vector<std::string> drawn;
  for (int k = 0; k < count; ++k) {
    *seed = *seed * 1103515245u + 12345u;
    drawn.push_back(pieces[(*seed >> 16) % pieces.size()]);
  }
  return drawn;
}

// The same pieces end to end.
inline std::string RandomText(const std::vector<std::string>& pieces, int count, uint32_t* seed) {
  std::string t;
  for (const std::string& p : DrawPieces(pieces, count, seed)) t += p;
  return t;
}

// One extractor with the built-in rules, built once for a whole test
// binary (compiling the rules is the slow part).
inline const Extractor& SharedExtractor() {
  // Never destroyed: oneTBB's worker threads outlive main and have read
  // it, and TSan, which cannot see TBB's hand-overs (libtbb is not
  // instrumented), reported freeing it at exit as a race.
  static const Extractor* ex = [] {
    std::string err;
    auto e = Extractor::Create(Config{}, &err);
    if (!e) ADD_FAILURE() << err;
    return e.release();
  }();
  return *ex;
}

// An extractor with the built-in rules and the given limits; the test
// fails (and the pointer is null) when it cannot be built.
inline std::unique_ptr<Extractor> ExtractorWithLimits(const Limits& limits) {
  Config c;
  c.limits = limits;
  std::string err;
  auto ex = Extractor::Create(c, &err);
  if (!ex) ADD_FAILURE() << err;
  return ex;
}

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// White space normalised as the seed's README says: runs of spaces, tabs and
// non-breaking spaces become one space, lines are trimmed, and paragraphs are
// separated by exactly one blank line.
inline std::string NormalizeWs(const std::string& s) {
  std::string out;
  std::string line;
  bool blank_pending = false;
  auto flush_line = [&]() {
    size_t a = line.find_first_not_of(' ');
    if (a == std::string::npos) {
      if (!out.empty()) blank_pending = true;
    } else {
      size_t b = line.find_last_not_of(' ');
      if (!out.empty()) out += blank_pending ? "\n\n" : "\n";
      out += line.substr(a, b - a + 1);
      blank_pending = false;
    }
    line.clear();
  };
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = s[i];
    if (c == '\n') { flush_line(); continue; }
    bool space = c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
    if (c == 0xC2 && i + 1 < s.size() && (unsigned char)s[i + 1] == 0xA0) { space = true; ++i; }
    if (space) {
      if (!line.empty() && line.back() != ' ') line.push_back(' ');
    } else {
      line.push_back(static_cast<char>(c));
    }
  }
  flush_line();
  return out;
}

}  // namespace winnow::testing

#endif  // WINNOW_TESTS_TEST_UTIL_H_
