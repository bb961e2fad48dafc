// winnow: keep the article, drop the boilerplate.
//
// The public interface a pipeline embeds. Build one Extractor (it compiles the
// rules once), then call Extract() from as many threads as you like: an
// Extractor is immutable after construction and every call works on its own
// state.
//
//   std::string error;
//   auto ex = winnow::Extractor::Create(winnow::Config{}, &error);
//   if (!ex) { ... error names the rule file and line ... }
//   winnow::Result r = ex->Extract(page_bytes);
//   if (r.status == winnow::Status::kOk) use(r.title, r.text);
//
// With Input::explain, Result::blocks is the decision record of the run:
// every block of the page in document order, kept or dropped, with the stage
// and rule that decided.

#ifndef WINNOW_WINNOW_H_
#define WINNOW_WINNOW_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace winnow {

struct Limits {
  size_t max_input_bytes = 64u << 20;
  int max_depth = 512;         // deeper elements are flattened, see README
  // Elements and text nodes read per document (the parse tree costs about
  // 250 bytes a node); the rest of the document is cut and reported.
  size_t max_nodes = 512u << 10;
  // Text mode: paragraphs and lines read per document. Each costs about
  // 200 bytes while the document is cleaned, so 60 MB of one-letter lines
  // would otherwise take gigabytes.
  size_t max_blocks = 1u << 20;
  // Time budget per document, checked between stages (a stage already
  // running finishes first; none is worse than linear).
  int max_millis = 20000;
};

struct Config {
  Limits limits;
  // Extra rule directories, loaded on top of the built-in rules (files ending
  // in ".rules", read recursively, in sorted order).
  std::vector<std::string> rule_dirs;
  // When false, the built-in rules are not loaded: only rule_dirs count.
  bool builtin_rules = true;
};

// What the input is. kAuto tells HTML from plain text by the bytes.
enum class Mode { kAuto, kHtml, kText };

struct Input {
  // Raw bytes of the page (any charset), or plain text (UTF-8) in text mode.
  std::string_view bytes;
  // Charset from outside the document (an HTTP header), used when the
  // document has no byte-order mark. Empty when unknown.
  std::string_view declared_charset;
  // The page's URL, when known (used by site-scoped rules). Without it, a
  // page's canonical link or og:url is used.
  std::string_view url;
  Mode mode = Mode::kAuto;
  // Also render Result::markdown (headings, lists, tables, emphasis), with
  // links when `links` is set.
  bool markdown = false;
  bool links = false;
  // Also fill Result::blocks with the run's decision record. Off by default:
  // copying every block costs a corpus run time it does not need.
  bool explain = false;
};

enum class Status {
  kOk = 0,
  kEmpty,          // the input held no text at all
  kTooLarge,       // over Limits::max_input_bytes
  kTimeout,        // over Limits::max_millis
  kBinary,         // not text: an image, archive or other binary file
};
const char* StatusName(Status s);


// What the kind of a block is in the output.
enum class BlockKind : uint8_t { kParagraph, kHeading, kListItem, kTableRow, kPre, kQuote };
const char* BlockKindName(BlockKind k);

struct BlockRecord {
  BlockKind kind = BlockKind::kParagraph;
  // Text mode: the block's lines as they were. Empty in HTML mode.
  std::string raw;
  std::string text;        // collapsed text of the block
  bool kept = false;
  std::string stage;       // "prune", "locate", "filter", ...
  std::string reason;      // the rule or score that decided
  std::string path;        // tag.class path of the element, for humans
  int chars = 0;           // text length in code points
  int link_chars = 0;      // of which inside links
  double link_density() const { return chars ? double(link_chars) / chars : 0.0; }
};

// Page metadata, from JSON-LD, Open Graph and <meta> tags, and <time>.
struct Metadata {
  std::string author;
  std::string date;           // as the page gives it (usually ISO 8601)
  std::string site_name;
  std::string canonical_url;
};

struct Result {
  Status status = Status::kOk;
  std::string text;        // the article body, NFC, blank line between blocks
  std::string title;
  std::string encoding;    // the charset the input was decoded from
  Mode mode = Mode::kHtml; // how the input was read (never kAuto)
  std::string url;         // the URL that chose site rules (given or found)
  std::string language;    // of the text: ISO 639 code, "" when unsure
  Metadata metadata;       // HTML mode only
  bool truncated = false;  // the node (text mode: block) limit cut the rest
  bool flattened = false;  // nesting past the depth limit was flattened
  std::string markdown;    // when Input::markdown: the text as Markdown
  std::vector<BlockRecord> blocks;  // when Input::explain
};

class Extractor {
 public:
  // Returns null and sets *error when a rule file cannot be read or a
  // pattern does not compile.
  static std::unique_ptr<Extractor> Create(const Config& config, std::string* error);
  ~Extractor();

  // Cleans one input. Never throws; bad input gives a Result whose status
  // says why.
  Result Extract(const Input& input) const;
  size_t max_input_bytes() const;
  Result Extract(std::string_view html) const { return Extract(Input{html, {}, {}, Mode::kAuto}); }
  // Plain text (a scraped page's text): the same as Extract with Mode::kText.
  Result ExtractText(std::string_view text) const {
    return Extract(Input{text, {}, {}, Mode::kText});
  }

  struct Impl;

 private:
  explicit Extractor(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace winnow

#endif  // WINNOW_WINNOW_H_
