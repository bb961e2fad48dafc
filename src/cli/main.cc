// winnow's command line: a thin layer over the library (winnow/winnow.h).
// Reads pages from files, directories or stdin, writes the article text to
// stdout or to one file per page under --output-dir.

#include <CLI/CLI.hpp>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "batch.h"
#include "winnow/winnow.h"

namespace fs = std::filesystem;

namespace {

constexpr int kExitOk = 0;
constexpr int kExitSomeFailed = 1;
constexpr int kExitUsage = 2;

const char* const kDescription =
    "winnow keeps the article of a web page and drops the rest: navigation, cookie\n"
    "notices, share bars, newsletter and lead-generation forms, related links, ads,\n"
    "comments. It prints the article's text: one blank line between paragraphs, list\n"
    "items and table rows one to a line (table cells separated by a tab). It cleans\n"
    "already-extracted text the same way, and whole corpora in JSONL or WARC.\n";

const char* const kFooter =
    "\nInputs:\n"
    "  FILE     a page (raw bytes, any charset)\n"
    "  DIR      every page (*.html, *.htm, *.xhtml; *.txt with --mode text) and container\n"
    "           (*.warc, *.jsonl, *.ndjson, also .gz or .zst) below it, in sorted order\n"
    "  -        standard input (also the default when no input is named)\n"
    "\nExamples:\n"
    "  winnow page.html                      print the article of one page\n"
    "  curl -s URL | winnow --url URL        clean a page from a pipe\n"
    "  winnow -o clean/ crawl/               write clean/<name>.txt for every crawl/<name>.html\n"
    "  winnow --format json page.html        title, encoding and text as one JSON line\n"
    "  winnow --mode text scraped.txt        clean text an older scraper produced\n"
    "  winnow --explain page.html            every block with its decision and the rule behind it\n"
    "  winnow --rules my-rules/ page.html    add your own rules (see rules/README.md)\n"
    "  winnow -j 8 crawl.warc.gz > clean.jsonl   a WARC: one JSON record per HTML response\n"
    "  winnow --html-field body pages.jsonl.zst  JSONL; other fields are carried through\n"
    "\nContainers (found by their bytes, any of them gzip- or zstd-compressed):\n"
    "  JSONL    one JSON object a line; output records carry id, url, title, language,\n"
    "           text, bytes_in, bytes_out, author, date, site_name, canonical_url and\n"
    "           every other input field\n"
    "  WARC     response (and resource) records with HTML are cleaned; other records\n"
    "           are counted as skipped. A summary on stderr reconciles the counts:\n"
    "           read = written + skipped + failed. A record that cannot be cleaned\n"
    "           becomes an error record naming its file and line or offset.\n"
    "\nExit status:\n"
    "  0  every input was cleaned\n"
    "  1  at least one input or record could not be read or cleaned (each is named on\n"
    "     stderr and, in JSON output, has an error record; the rest still go through)\n"
    "  2  usage error, or a rules file that does not load\n";

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{kDescription, "winnow"};
  app.footer(kFooter);
  app.get_formatter()->column_width(34);

  std::vector<std::string> inputs;
  std::vector<std::string> rule_dirs;
  bool no_builtin = false;
  std::string format;
  std::string mode = "auto";
  bool quiet = false, stats = false, progress = false, no_progress = false;
  winnow::BatchOptions opt;
  winnow::Config config;
  opt.threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));

  app.add_option("inputs", inputs, "Pages, text files, JSONL or WARC files, directories, or - for stdin")
      ->type_name("FILE|DIR|-");
  app.add_option("-o,--output-dir", opt.output_dir,
                 "Write OUT/<name>.txt (.md, .json) for every input page <name>.html, and "
                 "OUT/<name>.jsonl for every container, instead of printing")
      ->type_name("OUT");
  app.add_option("--format", format,
                 "text, markdown or json (one JSON record a line; the default for JSONL and WARC)")
      ->check(CLI::IsMember({"text", "markdown", "json"}));
  app.add_flag("--links", opt.links, "Markdown: keep links");
  app.add_option("--mode", mode,
                 "What pages are: html, text (already-extracted text, one blank line between "
                 "paragraphs), or auto (default: told apart by their content)")
      ->check(CLI::IsMember({"auto", "html", "text"}));
  app.add_flag("--explain", opt.explain,
               "Instead of the text, list every block in document order with its decision "
               "(kept or dropped), the stage and rule that decided, and its numbers; with "
               "--format json, as a \"blocks\" array");
  app.add_option("-j,--threads", opt.threads, "Threads (default: all cores); output order and bytes do not depend on it")
      ->check(CLI::Range(1, 1024));
  app.add_option("--rules", rule_dirs,
                 "Load the *.rules files under DIR on top of the built-in rules (repeatable)")
      ->type_name("DIR")
      ->allow_extra_args(false);
  app.add_flag("--no-builtin-rules", no_builtin, "Use only the rules given with --rules");
  app.add_option("--charset", opt.charset,
                 "Charset of pages that have no byte-order mark (as an HTTP header would say)")
      ->type_name("NAME");
  app.add_option("--url", opt.url, "URL of the page(s), for site-scoped rules");
  app.add_option("--html-field", opt.fields.html, "JSONL: field holding the page's HTML")->capture_default_str();
  app.add_option("--text-field", opt.fields.text, "JSONL: field holding plain text, used when there is no HTML")->capture_default_str();
  app.add_option("--id-field", opt.fields.id, "JSONL: field holding the record's id")->capture_default_str();
  app.add_option("--url-field", opt.fields.url, "JSONL: field holding the record's URL")->capture_default_str();
  app.add_option("--max-bytes", config.limits.max_input_bytes, "Largest document read, in bytes")->capture_default_str();
  app.add_option("--max-depth", config.limits.max_depth, "Deeper nesting is flattened (and reported)")->capture_default_str();
  app.add_option("--max-nodes", config.limits.max_nodes, "Nodes read per document; the rest is cut (and reported)")->capture_default_str();
  app.add_option("--max-blocks", config.limits.max_blocks,
                 "Text mode: paragraphs and lines read per document; the rest is cut (and reported)")
      ->capture_default_str();
  double max_seconds = config.limits.max_millis / 1000.0;
  app.add_option("--max-seconds", max_seconds, "Time budget per document; over it, an error record")
      ->capture_default_str();
  app.add_flag("--progress", progress, "Show a progress line on stderr even when it is not a terminal");
  app.add_flag("--no-progress", no_progress, "Never show the progress line");
  app.add_flag("--stats", stats, "Print the record counts on stderr at the end (always done for JSONL and WARC)");
  app.add_flag("-q,--quiet", quiet, "Nothing on stderr but fatal errors (exit status still says)");
  app.set_version_flag("-V,--version", std::string("winnow ") + WINNOW_VERSION);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? kExitOk : kExitUsage;
  }

  config.limits.max_millis = static_cast<int>(std::min(max_seconds * 1000.0, 1e9));
  config.rule_dirs = rule_dirs;
  config.builtin_rules = !no_builtin;
  std::string error;
  auto extractor = winnow::Extractor::Create(config, &error);
  if (!extractor) {
    std::cerr << "winnow: rules: " << error << "\n";
    return kExitUsage;
  }
  if (inputs.empty()) inputs.push_back("-");
  opt.format_given = !format.empty();
  opt.format = format == "json"       ? winnow::OutputFormat::kJson
               : format == "markdown" ? winnow::OutputFormat::kMarkdown
                                      : winnow::OutputFormat::kText;
  opt.mode = mode == "html" ? winnow::Mode::kHtml : mode == "text" ? winnow::Mode::kText : winnow::Mode::kAuto;
  opt.quiet = quiet;
  // Progress only where a person watches it: stderr a terminal, and the
  // output not on that same terminal.
  opt.progress = !quiet && !no_progress &&
                 (progress || (isatty(STDERR_FILENO) && (!opt.output_dir.empty() || !isatty(STDOUT_FILENO))));

  winnow::BatchCounts counts = winnow::RunBatch(*extractor, inputs, opt, std::cout, std::cerr);
  if (!quiet && (stats || counts.any_container))
    std::cerr << "winnow: " << winnow::FormatCounts(counts) << "\n";
  std::cout.flush();
  return counts.failed ? kExitSomeFailed : kExitOk;
}
