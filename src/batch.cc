#include "batch.h"

#include <tbb/global_control.h>
#include <tbb/parallel_pipeline.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>

#include "io/byte_source.h"
#include "io/jsonl.h"
#include "io/warc.h"
#include "json_writer.h"

namespace fs = std::filesystem;

namespace winnow {
namespace {

// How much of an input is read to tell a container from a page.
constexpr size_t kSniffBytes = 64 * 1024;

// A source that first returns bytes already read (to sniff the format),
// then the rest of the underlying source.
class PrefixSource : public io::ByteSource {
 public:
  PrefixSource(std::string head, std::unique_ptr<io::ByteSource> inner)
      : head_(std::move(head)), inner_(std::move(inner)) {
    Sync();
  }
  size_t Read(char* buf, size_t n) override {
    size_t k = 0;
    if (head_pos_ < head_.size()) {
      k = std::min(n, head_.size() - head_pos_);
      std::memcpy(buf, head_.data() + head_pos_, k);
      head_pos_ += k;
    } else {
      k = inner_->Read(buf, n);
    }
    Sync();
    return k;
  }
  const char* compression() const override { return inner_->compression(); }

 private:
  // Offsets of the inner stream are this stream's too: the head is its
  // first bytes.
  void Sync() {
    raw_offset_ = inner_->raw_offset();
    raw_size_ = inner_->raw_size();
    gap_list_ = inner_->gaps();
  }
  std::string head_;
  size_t head_pos_ = 0;
  std::unique_ptr<io::ByteSource> inner_;
};

enum class Kind { kPage, kJsonl, kWarc };

// One document (or error, or skipped record) travelling the pipeline.
struct Item {
  // Set by the reader.
  std::string input;     // the input file ("-" for stdin)
  std::string out_name;  // --output-dir: relative name without extension
  bool container = false;
  std::string source;    // where it came from, for messages: path, path:line, path@offset
  std::string id, url, charset;
  Mode mode = Mode::kAuto;
  std::string content;
  std::vector<std::pair<std::string, std::string>> extra;
  std::string error;     // set: an error record
  std::string skipped;   // set: a record that is not a document, by type
  // A JSONL line read but not yet parsed: parsed by the worker that
  // cleans it, so that the reader, which runs alone, only splits lines.
  std::unique_ptr<io::JsonlRecord> jsonl;
  // Set by extraction.
  std::string rendered;
  bool failed = false;
  uint64_t bytes_in = 0, bytes_out = 0;
};

bool WantFile(const fs::path& p, Mode mode) {
  std::string name = p.filename().string();
  for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const char* z : {".gz", ".zst", ".zstd"})
    if (name.size() > std::strlen(z) && name.ends_with(z)) name.resize(name.size() - std::strlen(z));
  if (name.ends_with(".warc") || name.ends_with(".jsonl") || name.ends_with(".ndjson")) return true;
  if (mode == Mode::kText) return name.ends_with(".txt");
  return name.ends_with(".html") || name.ends_with(".htm") || name.ends_with(".xhtml");
}

// "crawl/a.warc.gz" -> "a" (the name its records are written under).
std::string ContainerStem(const std::string& path) {
  if (path == "-") return "stdin";
  std::string name = fs::path(path).filename().string();
  for (const char* ext : {".gz", ".zst", ".zstd", ".warc", ".jsonl", ".ndjson", ".json"}) {
    size_t n = std::strlen(ext);
    if (name.size() > n && name.compare(name.size() - n, n, ext) == 0) name.resize(name.size() - n);
  }
  return name;
}

// The reader: expands inputs and yields one Item at a time.
class Reader {
 public:
  Reader(const std::vector<std::string>& inputs, const BatchOptions& opt, size_t max_bytes)
      : opt_(opt), max_bytes_(max_bytes) {
    for (const std::string& in : inputs) Expand(in);
  }

  // Next item, or null at the end.
  std::unique_ptr<Item> Next() {
    while (true) {
      if (warc_) {
        io::WarcRecord rec;
        if (warc_->Next(&rec)) return FromWarc(rec);
        Close();
        continue;
      }
      if (jsonl_) {
        io::JsonlRecord rec;
        if (jsonl_->NextLine(&rec)) return FromJsonl(rec);
        Close();
        continue;
      }
      if (next_file_ >= files_.size()) return nullptr;
      const File& f = files_[next_file_++];
      if (auto item = Open(f)) return item;
    }
  }

  uint64_t raw_done() const { return raw_done_ + (source_ ? source_->raw_offset() : 0); }
  uint64_t raw_total() const { return raw_total_; }
  size_t page_count() const { return files_.size(); }

 private:
  struct File {
    std::string path;
    std::string out_name;
    std::string error;  // from expansion (unreadable directory)
  };

  void Expand(const std::string& in) {
    std::error_code ec;
    if (in != "-" && fs::is_directory(in, ec)) {
      std::vector<fs::path> paths;
      for (auto it = fs::recursive_directory_iterator(in, fs::directory_options::skip_permission_denied, ec);
           !ec && it != fs::end(it); it.increment(ec)) {
        std::error_code ec2;
        if (it->is_regular_file(ec2) && WantFile(it->path(), opt_.mode)) paths.push_back(it->path());
      }
      if (ec) files_.push_back({in, "", ec.message()});
      std::sort(paths.begin(), paths.end());
      for (const fs::path& p : paths) {
        fs::path rel = fs::relative(p, in, ec);
        if (ec) rel = p.filename();
        AddFile(p.string(), rel.replace_extension().string());
      }
    } else {
      AddFile(in, in == "-" ? "stdin" : fs::path(in).filename().replace_extension().string());
    }
  }
  void AddFile(const std::string& path, const std::string& out_name) {
    files_.push_back({path, out_name, ""});
    std::error_code ec;
    if (path != "-") raw_total_ += fs::file_size(path, ec);
  }

  std::unique_ptr<Item> ErrorItem(const std::string& input, const std::string& source,
                                  const std::string& error) {
    auto item = std::make_unique<Item>();
    item->input = input;
    item->source = source;
    item->id = source;
    item->error = error;
    return item;
  }

  std::unique_ptr<Item> Open(const File& f) {
    if (!f.error.empty()) return ErrorItem(f.path, f.path, f.error);
    std::string error;
    auto src = io::ByteSource::Open(f.path, &error);
    if (!src) return ErrorItem(f.path, f.path, error);
    std::string head(kSniffBytes, '\0');
    size_t n = 0;
    while (n < head.size()) {
      size_t k = src->Read(head.data() + n, head.size() - n);
      if (k == 0) break;
      n += k;
    }
    head.resize(n);
    current_ = f;
    Kind kind = Kind::kPage;
    std::string lower = fs::path(f.path).extension().string();
    const bool page_ext = lower == ".html" || lower == ".htm" || lower == ".xhtml";
    if (head.compare(0, 7, "WARC/1.") == 0) kind = Kind::kWarc;
    else if (!page_ext && io::LooksLikeJsonl(head)) kind = Kind::kJsonl;
    if (kind == Kind::kPage) {
      // A page: read it whole (up to the limit).
      std::string content = std::move(head);
      char buf[65536];
      size_t k;
      bool too_large = false;
      while ((k = src->Read(buf, sizeof buf)) > 0) {
        if (content.size() + k > max_bytes_) {
          too_large = true;
          break;
        }
        content.append(buf, k);
      }
      raw_done_ += src->raw_offset();
      if (too_large) {
        return ErrorItem(f.path, f.path,
                         "too large: over the limit of " + std::to_string(max_bytes_) + " bytes");
      }
      auto item = std::make_unique<Item>();
      item->input = f.path;
      item->out_name = f.out_name;
      item->source = f.path;
      item->id = f.path;
      item->url = opt_.url;
      item->charset = opt_.charset;
      item->mode = opt_.mode;
      if (!src->gaps().empty()) {
        item->error = src->gaps().front().message;
        return item;
      }
      item->content = std::move(content);
      return item;
    }
    source_ = std::make_unique<PrefixSource>(std::move(head), std::move(src));
    if (kind == Kind::kWarc) warc_ = std::make_unique<io::WarcReader>(source_.get());
    else jsonl_ = std::make_unique<io::JsonlReader>(source_.get(), opt_.fields);
    any_container_ = true;
    return nullptr;  // the loop reads the first record
  }

  void Close() {
    raw_done_ += source_ ? source_->raw_offset() : 0;
    warc_.reset();
    jsonl_.reset();
    source_.reset();
  }

  std::unique_ptr<Item> FromWarc(const io::WarcRecord& rec) {
    auto item = std::make_unique<Item>();
    item->input = current_.path;
    item->out_name = ContainerStem(current_.path);
    item->container = true;
    item->source = current_.path + "@" + std::to_string(rec.offset);
    item->id = rec.record_id.empty() ? item->source : rec.record_id;
    item->url = rec.target_uri;
    switch (rec.kind) {
      case io::WarcRecord::Kind::kError:
        item->error = rec.error;
        break;
      case io::WarcRecord::Kind::kSkipped:
        item->skipped = "warc " + (rec.type.empty() ? std::string("untyped") : rec.type);
        break;
      case io::WarcRecord::Kind::kDocument:
        item->charset = rec.charset;
        item->mode = Mode::kHtml;
        if (rec.body.size() > max_bytes_)
          item->error = "too large: over the limit of " + std::to_string(max_bytes_) + " bytes";
        else
          item->content = rec.body;
        break;
    }
    return item;
  }

  std::unique_ptr<Item> FromJsonl(io::JsonlRecord& rec) {
    auto item = std::make_unique<Item>();
    item->input = current_.path;
    item->out_name = ContainerStem(current_.path);
    item->container = true;
    item->source = current_.path + ":" + std::to_string(rec.line);
    item->id = item->source;
    if (!rec.error.empty()) {
      item->error = rec.error;
      return item;
    }
    item->jsonl = std::make_unique<io::JsonlRecord>(std::move(rec));
    return item;
  }

  const BatchOptions& opt_;
  size_t max_bytes_;
  std::vector<File> files_;
  size_t next_file_ = 0;
  File current_;
  std::unique_ptr<io::ByteSource> source_;
  std::unique_ptr<io::WarcReader> warc_;
  std::unique_ptr<io::JsonlReader> jsonl_;
  uint64_t raw_done_ = 0;
  uint64_t raw_total_ = 0;

 public:
  bool any_container_ = false;
};

const char* const kReservedKeys[] = {"id", "url", "title", "language", "text", "bytes_in",
                                     "bytes_out", "author", "date", "site_name",
                                     "canonical_url", "status", "error", "source",
                                     "encoding", "mode", "warnings", "blocks"};

void AppendExtras(JsonWriter* j, const std::vector<std::pair<std::string, std::string>>& extra) {
  for (const auto& field : extra) {
    const std::string& key = field.first;
    const std::string& raw = field.second;
    bool reserved = std::any_of(std::begin(kReservedKeys), std::end(kReservedKeys),
                                [&key](const char* k) { return key == k; });
    j->RawField(reserved ? "input_" + key : key, raw);
  }
}

std::string ErrorRecord(const Item& item) {
  JsonWriter j;
  j.Field("id", item.id);
  if (!item.url.empty()) j.Field("url", item.url);
  j.Field("source", item.source);
  j.Field("error", item.error);
  AppendExtras(&j, item.extra);
  return j.Finish() + "\n";
}

std::string ExplainText(const Result& r) {
  std::string out;
  char buf[160];
  for (const BlockRecord& b : r.blocks) {
    std::snprintf(buf, sizeof buf, "%s %-9s %5d chars  links %.2f  ", b.kept ? "KEEP" : "drop",
                  BlockKindName(b.kind), b.chars, b.link_density());
    out += buf;
    out += b.path + "\n     " + b.stage + ": " + b.reason + "\n     | ";
    std::string t = b.text.substr(0, 160);
    for (char& c : t)
      if (c == '\n' || c == '\t') c = ' ';
    out += t;
    if (b.text.size() > 160) out += "...";
    out += "\n";
  }
  return out;
}

void AppendBlocksJson(JsonWriter* j, const Result& r) {
  j->BeginArray("blocks");
  for (const BlockRecord& b : r.blocks) {
    JsonWriter o;
    o.Field("kept", b.kept);
    o.Field("kind", BlockKindName(b.kind));
    o.Field("stage", b.stage);
    o.Field("reason", b.reason);
    o.Field("element", b.path);
    o.Field("chars", static_cast<int64_t>(b.chars));
    o.Field("link_chars", static_cast<int64_t>(b.link_chars));
    o.Field("link_density", b.link_density());
    o.Field("text", b.text);
    j->ArrayRaw(o.Finish());
  }
  j->EndArray();
}

// A JSONL item's line parsed: its content, id, URL and carried fields.
void ParseJsonlItem(const Extractor& ex, const BatchOptions& opt, Item* item) {
  io::JsonlRecord& rec = *item->jsonl;
  io::ParseJsonlLine(opt.fields, &rec);
  if (!rec.id.empty()) item->id = rec.id;
  item->url = rec.url;
  item->extra = std::move(rec.extra);
  if (!rec.ok) {
    item->error = rec.error;
  } else {
    item->mode = rec.is_html ? (opt.mode == Mode::kText ? Mode::kText : Mode::kHtml) : Mode::kText;
    if (rec.content.size() > ex.max_input_bytes())
      item->error = "too large: over the limit of " + std::to_string(ex.max_input_bytes()) + " bytes";
    else
      item->content = std::move(rec.content);
  }
  item->jsonl.reset();
}

// Extraction and rendering of one item (runs on any thread).
void Process(const Extractor& ex, const BatchOptions& opt, OutputFormat format, Item* item) {
  if (item->jsonl) ParseJsonlItem(ex, opt, item);
  if (!item->error.empty() || !item->skipped.empty()) {
    item->failed = !item->error.empty();
    if (item->failed && format == OutputFormat::kJson) item->rendered = ErrorRecord(*item);
    return;
  }
  Input in;
  in.bytes = item->content;
  in.declared_charset = item->charset;
  in.url = item->url;
  in.mode = item->mode;
  in.markdown = format == OutputFormat::kMarkdown;
  in.links = opt.links;
  in.explain = opt.explain;
  Result r = ex.Extract(in);
  item->bytes_in = item->content.size();
  std::string().swap(item->content);
  if (r.status == Status::kTooLarge || r.status == Status::kTimeout ||
      r.status == Status::kBinary) {
    item->error = r.status == Status::kBinary    ? "binary input (not a page or text)"
                  : r.status == Status::kTimeout ? "over the time budget (--max-seconds)"
                  : r.status == Status::kTooLarge
                      ? "too large: over the limit of " + std::to_string(ex.max_input_bytes()) + " bytes (--max-bytes)"
                      : StatusName(r.status);
    item->failed = true;
    if (format == OutputFormat::kJson) item->rendered = ErrorRecord(*item);
    return;
  }
  const std::string& body = format == OutputFormat::kMarkdown ? r.markdown : r.text;
  item->bytes_out = body.size();
  if (opt.explain && format != OutputFormat::kJson) {
    item->rendered = ExplainText(r);
    return;
  }
  if (format != OutputFormat::kJson) {
    item->rendered = body;
    return;
  }
  JsonWriter j;
  j.Field("id", item->id);
  j.Field("url", item->url.empty() ? r.metadata.canonical_url : item->url);
  j.Field("title", r.title);
  j.Field("language", r.language);
  j.Field("text", body);
  j.Field("bytes_in", static_cast<int64_t>(item->bytes_in));
  j.Field("bytes_out", static_cast<int64_t>(item->bytes_out));
  j.Field("author", r.metadata.author);
  j.Field("date", r.metadata.date);
  j.Field("site_name", r.metadata.site_name);
  j.Field("canonical_url", r.metadata.canonical_url);
  j.Field("encoding", r.encoding);
  j.Field("mode", r.mode == Mode::kText ? "text" : "html");
  j.Field("status", StatusName(r.status));
  if (r.truncated || r.flattened) {
    j.BeginArray("warnings");
    if (r.truncated)
      j.ArrayString(r.mode == Mode::kText ? "block limit reached: the rest of the text was not read"
                                          : "node limit reached: the rest of the document was not read");
    if (r.flattened) j.ArrayString("nesting deeper than the depth limit was flattened");
    j.EndArray();
  }
  if (opt.explain) AppendBlocksJson(&j, r);
  AppendExtras(&j, item->extra);
  item->rendered = j.Finish() + "\n";
}

std::string HumanBytes(double b) {
  char buf[32];
  if (b >= 1e9) std::snprintf(buf, sizeof buf, "%.2f GB", b / 1e9);
  else std::snprintf(buf, sizeof buf, "%.1f MB", b / 1e6);
  return buf;
}

}  // namespace

std::string FormatCounts(const BatchCounts& c) {
  std::string s = "read " + std::to_string(c.read) + ", written " + std::to_string(c.written) +
                  ", skipped " + std::to_string(c.skipped);
  if (!c.skipped_by_type.empty()) {
    s += " (";
    bool first = true;
    for (const auto& [type, n] : c.skipped_by_type) {
      if (!first) s += ", ";
      s += type + " " + std::to_string(n);
      first = false;
    }
    s += ")";
  }
  s += ", failed " + std::to_string(c.failed);
  return s;
}

BatchCounts RunBatch(const Extractor& extractor, const std::vector<std::string>& inputs,
                     const BatchOptions& opt, std::ostream& out, std::ostream& err) {
  BatchCounts counts;
  Reader reader(inputs, opt, extractor.max_input_bytes());
  const int threads = std::max(1, opt.threads);
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, threads);

  // The format: JSON for containers unless one was asked for. A run's first
  // item decides, before anything is written.
  std::unique_ptr<Item> first = reader.Next();
  OutputFormat format = opt.format;
  if (!opt.format_given && reader.any_container_) format = OutputFormat::kJson;
  const bool headers = format != OutputFormat::kJson && opt.output_dir.empty() &&
                       (reader.page_count() > 1 || reader.any_container_);

  std::unique_ptr<std::ofstream> container_out;
  std::string container_path;
  auto write_file = [&](const std::string& path, const std::string& data, bool append) -> bool {
    std::error_code ec;
    fs::create_directories(fs::path(path).parent_path(), ec);
    std::ofstream o(path, std::ios::binary | (append ? std::ios::app : std::ios::trunc));
    o << data;
    return static_cast<bool>(o);
  };
  const char* ext = format == OutputFormat::kJson ? ".json" : format == OutputFormat::kMarkdown ? ".md" : ".txt";

  const bool progress = opt.progress;
  auto start = std::chrono::steady_clock::now();
  auto last_progress = start;
  auto show_progress = [&](bool final) {
    auto now = std::chrono::steady_clock::now();
    if (!final && now - last_progress < std::chrono::milliseconds(250)) return;
    last_progress = now;
    double secs = std::chrono::duration<double>(now - start).count();
    double done = static_cast<double>(reader.raw_done());
    char buf[200];
    std::snprintf(buf, sizeof buf, "\r%llu records  %s  %.0f rec/s  %.1f MB/s",
                  static_cast<unsigned long long>(counts.read), HumanBytes(done).c_str(),
                  secs > 0 ? counts.read / secs : 0.0, secs > 0 ? done / 1e6 / secs : 0.0);
    std::string line = buf;
    if (reader.raw_total() > 0 && done > 0 && secs > 0.5) {
      double eta = secs * (reader.raw_total() - std::min<double>(done, reader.raw_total())) / done;
      std::snprintf(buf, sizeof buf, "  ETA %.0f s", eta);
      line += buf;
    }
    err << line << "   " << (final ? "\n" : "") << std::flush;
  };

  auto write = [&](Item* item) {
    ++counts.read;
    if (!item->skipped.empty()) {
      ++counts.skipped;
      ++counts.skipped_by_type[item->skipped];
      return;
    }
    if (item->failed) {
      ++counts.failed;
      if (!opt.quiet) err << "winnow: " << item->source << ": " << item->error << "\n";
    } else {
      ++counts.written;
      counts.bytes_in += item->bytes_in;
      counts.bytes_out += item->bytes_out;
    }
    if (item->rendered.empty() && item->failed) return;
    bool ok = true;
    if (!opt.output_dir.empty()) {
      if (item->container) {
        std::string path = (fs::path(opt.output_dir) / (item->out_name + ".jsonl")).string();
        if (path != container_path) {
          container_path = path;
          std::error_code ec;
          fs::create_directories(fs::path(path).parent_path(), ec);
          container_out = std::make_unique<std::ofstream>(path, std::ios::binary | std::ios::trunc);
        }
        *container_out << item->rendered;
        ok = static_cast<bool>(*container_out);
      } else {
        ok = write_file((fs::path(opt.output_dir) / (item->out_name + ext)).string(), item->rendered, false);
      }
      if (!ok) {
        // A record that cannot be written is a failure like any other.
        err << "winnow: " << opt.output_dir << ": cannot write output for " << item->source << "\n";
        if (!item->failed) {
          --counts.written;
          ++counts.failed;
        }
      }
    } else {
      if (headers) out << "==> " << (item->container ? item->id : item->source) << " <==\n";
      out << item->rendered;
      if (headers) out << "\n";
    }
  };

  size_t tokens = static_cast<size_t>(threads) * 4;
  bool first_taken = false;
  tbb::parallel_pipeline(
      tokens,
      tbb::make_filter<void, Item*>(tbb::filter_mode::serial_in_order,
                                    [&](tbb::flow_control& fc) -> Item* {
                                      std::unique_ptr<Item> item;
                                      if (!first_taken) {
                                        first_taken = true;
                                        item = std::move(first);
                                      } else {
                                        item = reader.Next();
                                      }
                                      if (!item) {
                                        fc.stop();
                                        return nullptr;
                                      }
                                      return item.release();
                                    }) &
          tbb::make_filter<Item*, Item*>(tbb::filter_mode::parallel,
                                         [&](Item* item) {
                                           Process(extractor, opt, format, item);
                                           return item;
                                         }) &
          tbb::make_filter<Item*, void>(tbb::filter_mode::serial_in_order, [&](Item* item) {
            std::unique_ptr<Item> owned(item);
            write(item);
            if (progress) show_progress(false);
          }));
  out.flush();
  if (progress) show_progress(true);
  counts.any_container = reader.any_container_;
  return counts;
}

}  // namespace winnow
