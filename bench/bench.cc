// Speed benchmark: one thread, every page of a directory held in memory,
// extraction timed end to end (decode, parse and all stages). Prints ms per
// page and MB/s; not a test, nothing here fails on a slow machine.
//
//   winnow_bench DIR [--rounds N]
//   winnow_bench --text DIR [--mb N] [--rounds N]
//                                      text mode: the *.txt cases of DIR
//                                      concatenated to N MB (default 48)

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "winnow/winnow.h"

namespace fs = std::filesystem;

// Text mode over one large concatenation of text cases, measured as the
// page benchmark below is: a first pass, which pays for building RE2's DFA
// states as the text asks for them (a corpus run pays that once, on its
// first documents), then the median of `rounds` passes.
int TextBench(const char* dir, size_t mb, int rounds) {
  std::vector<fs::path> files;
  for (auto& e : fs::directory_iterator(dir)) {
    std::string n = e.path().filename().string();
    if (e.is_regular_file() && n.ends_with(".txt") && n.find(".expected.") == std::string::npos)
      files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  std::string one;
  for (auto& f : files) {
    std::ifstream in(f, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    one += ss.str() + "\n\n";
  }
  if (one.empty()) {
    std::fprintf(stderr, "winnow_bench: no .txt files under %s\n", dir);
    return 2;
  }
  std::string text;
  while (text.size() < mb << 20) text += one;
  std::string error;
  auto ex = winnow::Extractor::Create(winnow::Config{}, &error);
  if (!ex) return 2;
  auto pass = [&](winnow::Result* r) {
    auto t0 = std::chrono::steady_clock::now();
    *r = ex->ExtractText(text);
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  };
  winnow::Result r;
  const double cold = pass(&r);
  std::vector<double> secs;
  for (int k = 0; k < rounds; ++k) secs.push_back(pass(&r));
  std::sort(secs.begin(), secs.end());
  const double s = secs[secs.size() / 2];
  std::printf("text mode: %zu cases concatenated to %.1f MB, kept %.1f MB; rounds: %d (median)\n", files.size(),
              text.size() / 1e6, r.text.size() / 1e6, rounds);
  std::printf("MB/s, first pass: %.1f\n", text.size() / 1e6 / cold);
  std::printf("MB/s: %.1f\n", text.size() / 1e6 / s);
  return r.status == winnow::Status::kOk ? 0 : 1;
}

int main(int argc, char** argv) {
  if (argc >= 3 && std::strcmp(argv[1], "--text") == 0) {
    size_t mb = 48;
    int rounds = 3;
    for (int i = 3; i + 1 < argc; ++i) {
      if (std::strcmp(argv[i], "--mb") == 0) mb = std::max(1, std::atoi(argv[i + 1]));
      if (std::strcmp(argv[i], "--rounds") == 0) rounds = std::max(1, std::atoi(argv[i + 1]));
    }
    return TextBench(argv[2], mb, rounds);
  }
  if (argc < 2) {
    std::fprintf(stderr, "usage: winnow_bench DIR [--rounds N]\n");
    return 2;
  }
  int rounds = 3;
  for (int i = 2; i + 1 < argc; ++i)
    if (std::strcmp(argv[i], "--rounds") == 0) rounds = std::max(1, std::atoi(argv[i + 1]));
  std::vector<std::string> pages;
  size_t bytes = 0;
  std::vector<fs::path> files;
  for (auto& e : fs::recursive_directory_iterator(argv[1]))
    if (e.is_regular_file()) files.push_back(e.path());
  std::sort(files.begin(), files.end());
  for (auto& f : files) {
    std::ifstream in(f, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    pages.push_back(ss.str());
    bytes += pages.back().size();
  }
  if (pages.empty()) {
    std::fprintf(stderr, "winnow_bench: no files under %s\n", argv[1]);
    return 2;
  }
  std::string error;
  auto ex = winnow::Extractor::Create(winnow::Config{}, &error);
  if (!ex) {
    std::fprintf(stderr, "winnow_bench: %s\n", error.c_str());
    return 2;
  }
  // One warm-up pass, then the median of `rounds` timed passes. The first
  // pass is reported too: it pays for filling RE2's DFA caches, as a corpus
  // run's first pages do.
  size_t sink = 0;
  auto c0 = std::chrono::steady_clock::now();
  for (auto& p : pages) sink += ex->Extract(p).text.size();
  const double cold = std::chrono::duration<double>(std::chrono::steady_clock::now() - c0).count();
  std::vector<double> secs;
  for (int r = 0; r < rounds; ++r) {
    auto t0 = std::chrono::steady_clock::now();
    for (auto& p : pages) sink += ex->Extract(p).text.size();
    secs.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  }
  std::sort(secs.begin(), secs.end());
  double s = secs[secs.size() / 2];
  std::printf("pages: %zu  bytes: %.1f MB  rounds: %d (median)\n", pages.size(), bytes / 1e6, rounds);
  std::printf("ms per page: %.2f\n", s * 1000 / pages.size());
  std::printf("ms per page, first pass: %.2f\n", cold * 1000 / pages.size());
  std::printf("MB/s: %.1f\n", bytes / 1e6 / s);
  std::printf("pages/s: %.0f\n", pages.size() / s);
  return sink == 0 ? 1 : 0;
}
