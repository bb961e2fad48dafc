// The pipeline, stage by stage. Data flows one way: each stage reads what
// the earlier ones produced and hands its own result on.
//
//   decode -> preclean -> parse (dom) -> prune -> locate -> blocks -> filter -> render

#include <algorithm>
#include <chrono>

#include "blocks.h"
#include "decode.h"
#include "dom.h"
#include "node_features.h"
#include "filter.h"
#include "language.h"
#include "locate.h"
#include "metadata.h"
#include "preclean.h"
#include "prune.h"
#include "render.h"
#include "rules.h"
#include "text_blocks.h"
#include "text_util.h"
#include "winnow/winnow.h"

namespace winnow {

const char* StatusName(Status s) {
  switch (s) {
    case Status::kOk: return "ok";
    case Status::kEmpty: return "empty";
    case Status::kTooLarge: return "too-large";
    case Status::kTimeout: return "timeout";
    case Status::kBinary: return "binary";
  }
  return "unknown";
}

const char* BlockKindName(BlockKind k) {
  switch (k) {
    case BlockKind::kParagraph: return "paragraph";
    case BlockKind::kHeading: return "heading";
    case BlockKind::kListItem: return "list-item";
    case BlockKind::kTableRow: return "table-row";
    case BlockKind::kPre: return "pre";
    case BlockKind::kQuote: return "quote";
  }
  return "unknown";
}

struct Extractor::Impl {
  Config config;
  std::unique_ptr<Rules> rules;
};

Extractor::Extractor(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Extractor::~Extractor() = default;

std::unique_ptr<Extractor> Extractor::Create(const Config& config, std::string* error) {
  auto impl = std::make_unique<Impl>();
  impl->config = config;
  std::string err;
  impl->rules = LoadRules(config.builtin_rules, config.rule_dirs, &err);
  if (!impl->rules) {
    if (error) *error = err;
    return nullptr;
  }
  return std::unique_ptr<Extractor>(new Extractor(std::move(impl)));
}

namespace {

// The headline: the h1 nearest the article (inside it, else the last before
// it), else Open Graph's title, else <title>.
std::string FindTitle(const Dom& dom, const std::vector<int>& roots) {
  int first_root = roots.empty() ? dom.body() : roots.front();
  int best = -1;
  for (int i = dom.body(); i < dom.size(); ++i) {
    const Node& n = dom.node(i);
    if (n.is_text || n.tag != GUMBO_TAG_H1) continue;
    if (i < first_root) { best = i; continue; }
    if (i < dom.node(first_root).end) { best = i; break; }
    break;
  }
  if (best >= 0) {
    std::string t = SubtreeText(dom, best, {});
    if (!t.empty()) return t;
  }
  std::string og = CollapseSpace(dom.meta("og:title"));
  if (!og.empty()) return og;
  return std::string(dom.title());
}

}  // namespace

namespace {

// Moves the blocks' texts into the decision record (the text is rendered
// already).
void RecordBlocks(std::vector<Block>& blocks, const Dom* dom, const std::string& method, Result* r) {
  r->blocks.reserve(blocks.size());
  for (Block& b : blocks) {
    BlockRecord rec;
    rec.kind = b.kind;
    rec.kept = b.kept;
    rec.stage = b.kept ? "filter" : StageName(b.stage);
    rec.reason = b.kept && b.reason.empty() ? "kept (" + method + ")" : b.reason.take();
    rec.path = dom ? DescribeNode(*dom, b.owner) : "line " + std::to_string(b.first_node + 1);
    rec.chars = b.chars;
    rec.link_chars = b.link_chars;
    // Text mode keeps raw only where it differs from the collapsed text.
    if (dom || !b.raw.empty()) rec.raw = b.raw.take();
    else rec.raw.assign(b.text);
    rec.text.assign(b.text);
    r->blocks.push_back(std::move(rec));
  }
}

// Binary files served as HTML (an image, an archive, an executable): known
// magic numbers, or control bytes in the first kilobytes. Control bytes at
// alternate positions are UTF-16 text, not binary.
bool LooksBinary(std::string_view b) {
  static const std::string_view kMagic[] = {
      std::string_view("\x89PNG", 4), std::string_view("\xFF\xD8\xFF", 3), "GIF87a", "GIF89a",
      "%PDF-", std::string_view("PK\x03\x04", 4), std::string_view("\x1F\x8B", 2),
      std::string_view("\x7F" "ELF", 4), std::string_view("\0asm", 4), "OggS", "wOFF", "wOF2",
      std::string_view("\x28\xB5\x2F\xFD", 4), "BZh", std::string_view("7z\xBC\xAF", 4)};
  for (std::string_view m : kMagic)
    if (b.substr(0, m.size()) == m) return true;
  if (b.size() > 12 && b.substr(4, 4) == "ftyp") return true;  // MP4, HEIC
  const size_t n = std::min<size_t>(b.size(), 4096);
  if (n == 0) return false;
  size_t control = 0, nul_even = 0, nul_odd = 0;
  for (size_t i = 0; i < n; ++i) {
    const unsigned char c = b[i];
    if (c == 0) (i % 2 ? nul_odd : nul_even)++;
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1B) ++control;
  }
  const size_t nuls = nul_even + nul_odd;
  if (nuls > n / 8 && (nul_even < nuls / 20 || nul_odd < nuls / 20)) return false;  // UTF-16
  return control * 10 > n;
}

// The time budget, checked between stages.
class Deadline {
 public:
  explicit Deadline(int millis)
      : end_(std::chrono::steady_clock::now() + std::chrono::milliseconds(millis)) {}
  bool passed() const { return std::chrono::steady_clock::now() > end_; }

 private:
  std::chrono::steady_clock::time_point end_;
};

}  // namespace

size_t Extractor::max_input_bytes() const { return impl_->config.limits.max_input_bytes; }

Result Extractor::Extract(const Input& input) const {
  Result r;
  const Limits& limits = impl_->config.limits;
  if (input.bytes.size() > limits.max_input_bytes) {
    r.status = Status::kTooLarge;
    return r;
  }
  if (LooksBinary(input.bytes)) {
    r.status = Status::kBinary;
    return r;
  }
  const Deadline deadline(limits.max_millis);
  auto out_of_time = [&]() {
    if (!deadline.passed()) return false;
    r.status = Status::kTimeout;
    r.text.clear();
    r.blocks.clear();
    return true;
  };
  // 1. decode (before telling HTML from text: UTF-16 markup has no ASCII
  // tags in its bytes)
  Decoded decoded = DecodeToUtf8(input.bytes, input.declared_charset);
  r.encoding = decoded.encoding;
  if (out_of_time()) return r;
  Mode mode = input.mode;
  if (mode == Mode::kAuto) mode = LooksLikeHtml(decoded.utf8()) ? Mode::kHtml : Mode::kText;
  r.mode = mode;

  if (mode == Mode::kText) {
    // Text mode: split -> filter -> render, with the same phrase rules.
    r.url = std::string(input.url);
    const RuleSet& rules = impl_->rules->ForUrl(r.url);
    Arena texts;  // collapsed copies of lines: declared first, it outlives the blocks
    std::vector<Block> blocks = SplitTextBlocks(decoded.utf8(), rules, limits.max_blocks, &r.truncated, &texts);
    if (out_of_time()) return r;
    FilterTextBlocks(rules, input.explain, &blocks);
    if (out_of_time()) return r;
    r.text = RenderText(blocks);
    if (input.markdown) r.markdown = RenderMarkdown(blocks);
    r.language = DetectLanguage(r.text);
    if (blocks.empty()) r.status = Status::kEmpty;
    if (input.explain) RecordBlocks(blocks, nullptr, "text mode", &r);
    return r;
  }

  // 2. preclean
  Precleaned pre = Preclean(decoded.utf8(), input.markdown && input.links, limits.max_depth, limits.max_nodes / 2);
  decoded.owned.clear();
  decoded.owned.shrink_to_fit();
  if (out_of_time()) return r;
  // 3. parse
  ParseLimits pl;
  pl.max_depth = limits.max_depth;
  pl.max_nodes = limits.max_nodes;
  std::unique_ptr<Dom> dom = Dom::Parse(pre.html, pl);
  r.truncated = dom->truncated() || pre.cut;
  r.flattened = dom->too_deep() || pre.flattened;
  if (out_of_time()) return r;
  // Site rules follow the page's URL: given, else its canonical link or og:url.
  r.url = std::string(input.url);
  if (r.url.empty()) r.url = std::string(dom->canonical_url());
  if (r.url.empty()) r.url = std::string(dom->meta("og:url"));
  const RuleSet& rules = impl_->rules->ForUrl(r.url);
  // 4. prune
  std::vector<NodeFeatures> all = ComputeFeatures(*dom, {});
  PruneResult pruned = Prune(*dom, all, rules);
  if (out_of_time()) return r;
  // 5. locate
  std::vector<NodeFeatures> kept = ComputeFeatures(*dom, pruned.removed);
  Located located = Locate(*dom, kept, pruned.removed, rules, FindJsonLdArticleBody(pre.json_ld));
  if (out_of_time()) return r;
  // 6. blocks
  BlockOptions block_options;
  block_options.markdown = input.markdown;
  block_options.links = input.links;
  Arena texts;  // the blocks' texts: declared first, it outlives them
  std::vector<Block> blocks = BuildBlocks(*dom, pruned, located.roots, block_options, &texts);
  r.title = NormalizeNfc(FindTitle(*dom, located.roots));
  // 7. filter
  if (out_of_time()) return r;
  FilterBlocks(*dom, all, kept, pruned.removed, located.listing, located.roots, rules, r.title, input.explain, &blocks);
  if (out_of_time()) return r;
  // 8. render
  r.text = RenderText(blocks);
  if (input.markdown) r.markdown = RenderMarkdown(blocks);
  if (r.text.empty() && all[dom->body()].chars == 0) r.status = Status::kEmpty;
  r.language = DetectLanguage(r.text);
  r.metadata = ExtractMetadata(*dom, pre.json_ld);
  if (input.explain) RecordBlocks(blocks, dom.get(), "article located by " + located.method, &r);
  return r;
}

}  // namespace winnow
