// Corpus runs: many inputs (files, directories, stdin; pages, text, JSONL
// and WARC containers, any of them gzip- or zstd-compressed) through one
// Extractor on N threads, with output in input order.
//
// The run is a three-stage pipeline with a bounded number of documents in
// flight: a serial reader, parallel extraction, a serial writer. Memory
// stays bounded whatever the corpus size, and the output is byte-identical
// whatever the thread count (nothing in a record depends on timing).
//
// Nothing is lost: every document read yields one output record or one
// error record naming its input (file, line or offset); records a container
// holds that are not documents (WARC requests, metadata, non-HTML
// responses) are counted by type. The counts reconcile:
//   read = written + skipped + failed.

#ifndef WINNOW_BATCH_H_
#define WINNOW_BATCH_H_

#include <cstdint>
#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "io/jsonl.h"
#include "winnow/winnow.h"

namespace winnow {

enum class OutputFormat { kText, kMarkdown, kJson };

struct BatchOptions {
  int threads = 1;
  // Unset: JSON when any input is a container, else text.
  bool format_given = false;
  OutputFormat format = OutputFormat::kText;
  bool explain = false;        // the decision record instead of the text
  bool links = false;          // markdown: keep links
  std::string output_dir;      // empty: stdout
  Mode mode = Mode::kAuto;
  std::string charset;         // declared charset for inputs without one
  std::string url;             // URL for single-page inputs
  io::JsonlFields fields;
  bool progress = false;       // progress line on stderr
  bool quiet = false;          // no per-input error lines on stderr
  bool summary = false;        // print the summary even for plain pages
};

struct BatchCounts {
  uint64_t read = 0;
  uint64_t written = 0;
  uint64_t failed = 0;
  uint64_t skipped = 0;
  std::map<std::string, uint64_t> skipped_by_type;
  uint64_t bytes_in = 0;
  uint64_t bytes_out = 0;
  bool any_container = false;
};

// Runs the inputs ("-" is stdin) and writes records to `out` (or files under
// options.output_dir). Error lines and the summary go to `err`.
BatchCounts RunBatch(const Extractor& extractor, const std::vector<std::string>& inputs,
                     const BatchOptions& options, std::ostream& out, std::ostream& err);

// One line: "read N, written N, skipped N (type N, ...), failed N".
std::string FormatCounts(const BatchCounts& counts);

}  // namespace winnow

#endif  // WINNOW_BATCH_H_
