// Corpus runs over containers the test builds itself: WARC.gz (several
// records per gzip member, truncated members, wrong Content-Length), JSONL
// (bad lines, missing fields), zstd, unknown charsets. Every case checks the
// records written and that the counts reconcile.

#include <gtest/gtest.h>
#include <zlib.h>
#include <zstd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "batch.h"
#include "io/byte_source.h"
#include "io/warc.h"
#include "test_util.h"
#include "winnow/winnow.h"

namespace fs = std::filesystem;

namespace winnow {
namespace {

const Extractor& Ex() { return testing::SharedExtractor(); }

std::string Page(int i) {
  std::string p = "<html><head><title>Story " + std::to_string(i) + "</title></head><body><nav><a href=/>Home</a></nav><article><h1>Story " +
                  std::to_string(i) + "</h1>";
  for (int k = 0; k < 3; ++k)
    p += "<p>Paragraph " + std::to_string(k) + " of story " + std::to_string(i) +
         " reports, with enough words to read as prose, what the council decided and why it matters.</p>";
  return p + "</article></body></html>";
}

std::string Gzip(const std::string& data) {
  z_stream z{};
  deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&z, data.size()) + 64, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

std::string Zstd(const std::string& data) {
  std::string out(ZSTD_compressBound(data.size()), '\0');
  out.resize(ZSTD_compress(out.data(), out.size(), data.data(), data.size(), 3));
  return out;
}

std::string WarcRecord(const std::string& type, const std::string& uri, const std::string& payload,
                       const std::string& content_type, long length_delta = 0) {
  std::string h = "WARC/1.0\r\nWARC-Type: " + type + "\r\nWARC-Record-ID: <urn:uuid:" + uri +
                  ">\r\nWARC-Target-URI: " + uri + "\r\nContent-Type: " + content_type +
                  "\r\nContent-Length: " + std::to_string(long(payload.size()) + length_delta) + "\r\n\r\n";
  return h + payload + "\r\n\r\n";
}

std::string Response(const std::string& uri, const std::string& html, const std::string& charset = "utf-8",
                     long length_delta = 0) {
  std::string http = "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=" + charset + "\r\n\r\n" + html;
  return WarcRecord("response", uri, http, "application/http; msgtype=response", length_delta);
}

struct RunResult {
  BatchCounts counts;
  std::string out;
  std::string err;
  std::vector<std::string> lines;
};

RunResult RunOn(const std::string& name, const std::string& bytes, int threads = 1) {
  fs::path dir = fs::temp_directory_path() / ("winnow_container_test_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  fs::path file = dir / name;
  std::ofstream(file, std::ios::binary) << bytes;
  BatchOptions opt;
  opt.threads = threads;
  opt.quiet = false;
  std::ostringstream out, err;
  RunResult r;
  r.counts = RunBatch(Ex(), {file.string()}, opt, out, err);
  r.out = out.str();
  r.err = err.str();
  std::istringstream in(r.out);
  for (std::string line; std::getline(in, line);) r.lines.push_back(line);
  fs::remove_all(dir);
  return r;
}

void ExpectReconciled(const BatchCounts& c) {
  EXPECT_EQ(c.read, c.written + c.skipped + c.failed);
  uint64_t by_type = 0;
  for (auto& [t, n] : c.skipped_by_type) by_type += n;
  EXPECT_EQ(by_type, c.skipped);
}

TEST(Containers, WarcGzWithSeveralRecordsPerMember) {
  // Member 1: warcinfo + request + response; member 2: two responses;
  // member 3: a response and a non-HTML response.
  std::string m1 = WarcRecord("warcinfo", "info", "software: test\r\n", "application/warc-fields") +
                   WarcRecord("request", "r0", "GET / HTTP/1.1\r\n\r\n", "application/http; msgtype=request") +
                   Response("https://a.example/0", Page(0));
  std::string m2 = Response("https://a.example/1", Page(1)) + Response("https://a.example/2", Page(2));
  std::string m3 = Response("https://a.example/3", Page(3)) +
                   WarcRecord("response", "img", "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG",
                              "application/http; msgtype=response");
  RunResult r = RunOn("crawl.warc.gz", Gzip(m1) + Gzip(m2) + Gzip(m3));
  ExpectReconciled(r.counts);
  EXPECT_EQ(r.counts.written, 4u);
  EXPECT_EQ(r.counts.skipped, 3u);
  EXPECT_EQ(r.counts.failed, 0u);
  ASSERT_EQ(r.lines.size(), 4u);
  for (int i = 0; i < 4; ++i) {
    EXPECT_NE(r.lines[i].find("\"url\":\"https://a.example/" + std::to_string(i) + "\""), std::string::npos);
    EXPECT_NE(r.lines[i].find("Paragraph 2 of story " + std::to_string(i)), std::string::npos);
    EXPECT_EQ(r.lines[i].find("Home"), std::string::npos);
  }
}

TEST(Containers, TruncatedMemberGivesAnErrorRecord) {
  std::string good = Gzip(Response("https://a.example/0", Page(0)));
  std::string cut = Gzip(Response("https://a.example/1", Page(1)));
  cut.resize(cut.size() / 2);
  RunResult r = RunOn("cut.warc.gz", good + cut);
  ExpectReconciled(r.counts);
  EXPECT_EQ(r.counts.written, 1u);
  EXPECT_EQ(r.counts.failed, 1u);
  ASSERT_EQ(r.lines.size(), 2u);
  EXPECT_NE(r.lines[1].find("\"error\""), std::string::npos);
  EXPECT_NE(r.lines[1].find("cut.warc.gz@"), std::string::npos) << r.lines[1];
  EXPECT_NE(r.err.find("truncated"), std::string::npos) << r.err;
}

TEST(Containers, CorruptMemberIsSkippedAndReadingGoesOn) {
  std::string bad = Gzip(Response("https://a.example/1", Page(1)));
  for (size_t i = 20; i < bad.size() - 20; i += 7) bad[i] = static_cast<char>(bad[i] ^ 0x5a);
  RunResult r = RunOn("bad.warc.gz", Gzip(Response("https://a.example/0", Page(0))) + bad +
                                   Gzip(Response("https://a.example/2", Page(2))));
  ExpectReconciled(r.counts);
  EXPECT_EQ(r.counts.written, 2u);
  EXPECT_GE(r.counts.failed, 1u);
  EXPECT_NE(r.out.find("https://a.example/2"), std::string::npos);
}

TEST(Containers, WrongContentLengthIsReportedAndNextRecordRead) {
  // Too long: it swallows the start of the next record; too short: the
  // record does not end where it says. Both are errors; the neighbours are
  // read.
  std::string warc = Response("https://a.example/0", Page(0)) +
                     Response("https://a.example/1", Page(1), "utf-8", +40) +
                     Response("https://a.example/2", Page(2)) +
                     Response("https://a.example/3", Page(3), "utf-8", -30) +
                     Response("https://a.example/4", Page(4));
  RunResult r = RunOn("len.warc", warc);
  ExpectReconciled(r.counts);
  EXPECT_EQ(r.counts.failed, 2u) << r.err;
  EXPECT_EQ(r.counts.written, 3u) << r.err;
  for (int i : {0, 2, 4})
    EXPECT_NE(r.out.find("Paragraph 0 of story " + std::to_string(i)), std::string::npos) << i;
  EXPECT_NE(r.err.find("Content-Length"), std::string::npos);
}

TEST(Containers, UnknownCharsetStillCleaned) {
  RunResult r = RunOn("cs.warc", Response("https://a.example/0", Page(0), "x-no-such-charset"));
  ExpectReconciled(r.counts);
  EXPECT_EQ(r.counts.written, 1u);
  EXPECT_NE(r.out.find("Paragraph 1 of story 0"), std::string::npos);
}

TEST(Containers, JsonlBadLinesBecomeErrorRecordsInOrder) {
  std::string jsonl = "{\"id\":\"a\",\"url\":\"https://b.example/a\",\"html\":\"" + std::string() +
                      "<p>Short.</p>\",\"lang_hint\":\"en\",\"meta\":{\"k\":[1,2]}}\n"
                      "this line is not json\n"
                      "\n"
                      "{\"id\":\"c\",\"other\":1}\n"
                      "{\"id\":\"d\",\"text\":\"A line of text that is the story itself.\\n\\nAdvertisement\\n\\nAnother line of the story.\"}\n";
  RunResult r = RunOn("pages.jsonl", jsonl);
  ExpectReconciled(r.counts);
  EXPECT_EQ(r.counts.read, 4u);
  EXPECT_EQ(r.counts.written, 2u);
  EXPECT_EQ(r.counts.failed, 2u);
  ASSERT_EQ(r.lines.size(), 4u);
  EXPECT_NE(r.lines[0].find("\"lang_hint\":\"en\""), std::string::npos) << r.lines[0];
  EXPECT_NE(r.lines[0].find("\"meta\":{\"k\":[1,2]}"), std::string::npos) << r.lines[0];
  EXPECT_NE(r.lines[1].find("pages.jsonl:2"), std::string::npos) << r.lines[1];
  EXPECT_NE(r.lines[1].find("not JSON"), std::string::npos);
  EXPECT_NE(r.lines[2].find("\"id\":\"c\""), std::string::npos);
  EXPECT_NE(r.lines[2].find("\"error\""), std::string::npos);
  EXPECT_NE(r.lines[3].find("Another line of the story."), std::string::npos);
  EXPECT_EQ(r.lines[3].find("Advertisement"), std::string::npos);
}

TEST(Containers, ZstdJsonlAndThreadCountsGiveIdenticalOutput) {
  std::string jsonl;
  for (int i = 0; i < 40; ++i) {
    std::string page = Page(i);
    std::string escaped;
    for (char c : page) {
      if (c == '"') escaped += "\\\"";
      else escaped.push_back(c);
    }
    jsonl += "{\"id\":" + std::to_string(i) + ",\"html\":\"" + escaped + "\"}\n";
  }
  RunResult one = RunOn("many.jsonl.zst", Zstd(jsonl), 1);
  RunResult four = RunOn("many.jsonl.zst", Zstd(jsonl), 4);
  EXPECT_EQ(one.counts.written, 40u);
  EXPECT_EQ(one.out, four.out);
  ASSERT_EQ(one.lines.size(), 40u);
  for (int i = 0; i < 40; ++i)
    EXPECT_EQ(one.lines[i].rfind("{\"id\":\"" + std::to_string(i) + "\"", 0), 0u) << one.lines[i];
}

TEST(Containers, ByteSourceDetectsCompressionByBytes) {
  auto plain = io::ByteSource::FromString("hello");
  EXPECT_STREQ(plain->compression(), "none");
  auto gz = io::ByteSource::FromString(Gzip("hello") + Gzip(" world"));
  EXPECT_STREQ(gz->compression(), "gzip");
  char buf[64];
  std::string all;
  for (size_t n; (n = gz->Read(buf, sizeof buf)) > 0;) all.append(buf, n);
  EXPECT_EQ(all, "hello world");
  auto zs = io::ByteSource::FromString(Zstd("zstd bytes"));
  EXPECT_STREQ(zs->compression(), "zstd");
}

// Members small enough are decompressed whole, others streamed: every size
// reads back the same, and so does an empty member between them.
TEST(Containers, GzipMembersOfEverySizeReadBack) {
  std::string big_text;  // 9 MB of text: more than a member decompressed whole
  while (big_text.size() < (9u << 20)) big_text += "The harbour reopened on Monday after the storm. ";
  std::string noise(1500000, '\0');  // compresses to more than 1 MB
  uint32_t x = 12345;
  for (char& c : noise) {
    x = x * 1664525u + 1013904223u;
    c = char(x >> 24);
  }
  const std::vector<std::string> parts = {"first ", big_text, "", noise, " last"};
  std::string gz, expected;
  for (const auto& p : parts) {
    gz += Gzip(p);
    expected += p;
  }
  for (size_t chunk : {size_t(7), size_t(65536)}) {
    auto src = io::ByteSource::FromString(gz);
    std::vector<char> buf(chunk);
    std::string all;
    for (size_t n; (n = src->Read(buf.data(), buf.size())) > 0;) all.append(buf.data(), n);
    EXPECT_EQ(all.size(), expected.size());
    EXPECT_TRUE(all == expected) << "chunk " << chunk;
    EXPECT_TRUE(src->gaps().empty());
    EXPECT_EQ(src->raw_offset(), gz.size());
  }
}

TEST(Containers, ChunkedAndGzipHttpBodiesAreDecoded) {
  std::string html = Page(7);
  std::string chunked;
  for (size_t i = 0; i < html.size(); i += 100) {
    std::string part = html.substr(i, 100);
    char len[16];
    std::snprintf(len, sizeof len, "%zx", part.size());
    chunked += std::string(len) + "\r\n" + part + "\r\n";
  }
  chunked += "0\r\n\r\n";
  std::string ct, cs, body, err;
  ASSERT_TRUE(io::ParseHttpResponse("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: text/html\r\n\r\n" + chunked,
                                    &ct, &cs, &body, &err));
  EXPECT_EQ(body, html);
  ASSERT_TRUE(io::ParseHttpResponse("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Type: text/html; charset=\"ISO-8859-1\"\r\n\r\n" + Gzip(html),
                                    &ct, &cs, &body, &err));
  EXPECT_EQ(body, html);
  EXPECT_EQ(cs, "ISO-8859-1");
}

}  // namespace
}  // namespace winnow
