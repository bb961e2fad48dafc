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
#include <vector>

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
    "items and table rows one to a line (table cells separated by a tab).\n";

const char* const kFooter =
    "\nInputs:\n"
    "  FILE     a page (raw bytes, any charset)\n"
    "  DIR      every *.html, *.htm and *.xhtml file below it (*.txt with --mode text),\n"
    "           in sorted order\n"
    "  -        standard input (also the default when no input is named)\n"
    "\nExamples:\n"
    "  winnow page.html                      print the article of one page\n"
    "  curl -s URL | winnow --url URL        clean a page from a pipe\n"
    "  winnow -o clean/ crawl/               write clean/<name>.txt for every crawl/<name>.html\n"
    "  winnow --format json page.html        title, encoding and text as one JSON line\n"
    "  winnow --mode text scraped.txt        clean text an older scraper produced\n"
    "  winnow --explain page.html            every block with its decision and the rule behind it\n"
    "  winnow --rules my-rules/ page.html    add your own rules (see rules/README.md)\n"
    "\nExit status:\n"
    "  0  every input was cleaned\n"
    "  1  at least one input could not be read or cleaned (each is named on stderr;\n"
    "     the other inputs are still processed)\n"
    "  2  usage error, or a rules file that does not load\n";

struct Job {
  std::string path;      // "-" for stdin
  std::string out_name;  // relative output name without extension
};

// Which files a directory walk picks up: pages, or with --mode text, .txt.
bool WantFile(const fs::path& p, bool text_mode) {
  std::string e = p.extension().string();
  for (char& c : e) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (text_mode) return e == ".txt";
  return e == ".html" || e == ".htm" || e == ".xhtml";
}

bool ReadAll(const std::string& path, std::string* out, std::string* error) {
  if (path == "-") {
    std::ostringstream ss;
    ss << std::cin.rdbuf();
    *out = ss.str();
    return true;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *error = std::strerror(errno);
    return false;
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) {
    *error = "read error";
    return false;
  }
  *out = ss.str();
  return true;
}

void AppendJsonString(std::string* out, std::string_view s) {
  out->push_back('"');
  for (unsigned char c : s) {
    switch (c) {
      case '"': *out += "\\\""; break;
      case '\\': *out += "\\\\"; break;
      case '\n': *out += "\\n"; break;
      case '\r': *out += "\\r"; break;
      case '\t': *out += "\\t"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          *out += buf;
        } else {
          out->push_back(static_cast<char>(c));
        }
    }
  }
  out->push_back('"');
}

std::string FormatJson(const std::string& input, const winnow::Result& r) {
  std::string j = "{\"input\":";
  AppendJsonString(&j, input);
  j += ",\"status\":";
  AppendJsonString(&j, winnow::StatusName(r.status));
  j += ",\"title\":";
  AppendJsonString(&j, r.title);
  j += ",\"encoding\":";
  AppendJsonString(&j, r.encoding);
  j += ",\"truncated\":";
  j += r.truncated ? "true" : "false";
  j += ",\"text\":";
  AppendJsonString(&j, r.text);
  j += "}\n";
  return j;
}

std::string FormatExplain(const winnow::Result& r, bool json) {
  std::string out;
  char buf[160];
  for (const winnow::BlockRecord& b : r.blocks) {
    if (json) {
      out += "{\"kept\":";
      out += b.kept ? "true" : "false";
      out += ",\"kind\":";
      AppendJsonString(&out, winnow::BlockKindName(b.kind));
      out += ",\"stage\":";
      AppendJsonString(&out, b.stage);
      out += ",\"reason\":";
      AppendJsonString(&out, b.reason);
      out += ",\"element\":";
      AppendJsonString(&out, b.path);
      std::snprintf(buf, sizeof buf, ",\"chars\":%d,\"link_chars\":%d,\"link_density\":%.3f,\"text\":",
                    b.chars, b.link_chars, b.link_density());
      out += buf;
      AppendJsonString(&out, b.text);
      out += "}\n";
      continue;
    }
    std::snprintf(buf, sizeof buf, "%s %-9s %5d chars  links %.2f  ", b.kept ? "KEEP" : "drop",
                  winnow::BlockKindName(b.kind), b.chars, b.link_density());
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

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{kDescription, "winnow"};
  app.footer(kFooter);
  app.get_formatter()->column_width(34);

  std::vector<std::string> inputs;
  std::string output_dir;
  std::vector<std::string> rule_dirs;
  bool no_builtin = false;
  std::string charset;
  std::string url;
  std::string format = "text";
  std::string mode = "auto";
  bool quiet = false;
  bool explain = false;

  app.add_option("inputs", inputs, "Pages to clean: files, directories, or - for stdin")
      ->type_name("FILE|DIR|-");
  app.add_option("-o,--output-dir", output_dir,
                 "Write OUT/<name>.txt for every input <name>.html instead of printing")
      ->type_name("OUT");
  app.add_option("--rules", rule_dirs,
                 "Load the *.rules files under DIR on top of the built-in rules (repeatable)")
      ->type_name("DIR");
  app.add_flag("--no-builtin-rules", no_builtin, "Use only the rules given with --rules");
  app.add_option("--charset", charset,
                 "Charset of the input when the page has no byte-order mark (as an HTTP "
                 "header would say)")
      ->type_name("NAME");
  app.add_option("--url", url, "URL of the page, for site-scoped rules");
  app.add_option("--mode", mode,
                 "What the inputs are: html, text (already-extracted text, one blank line "
                 "between paragraphs), or auto (default: told apart by their content)")
      ->check(CLI::IsMember({"auto", "html", "text"}));
  app.add_option("--format", format, "Output format: text (default) or json (one line per input)")
      ->check(CLI::IsMember({"text", "json"}));
  app.add_flag("--explain", explain,
               "Instead of the text, list every block in document order with its decision "
               "(kept or dropped), the stage and rule that decided, and its numbers");
  app.add_flag("-q,--quiet", quiet, "Do not report unreadable inputs on stderr (exit status still says)");
  app.set_version_flag("-V,--version", std::string("winnow ") + WINNOW_VERSION);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? kExitOk : kExitUsage;
  }

  winnow::Config config;
  config.rule_dirs = rule_dirs;
  config.builtin_rules = !no_builtin;
  std::string error;
  auto extractor = winnow::Extractor::Create(config, &error);
  if (!extractor) {
    std::cerr << "winnow: rules: " << error << "\n";
    return kExitUsage;
  }

  if (inputs.empty()) inputs.push_back("-");
  int failed = 0;

  // Expand directories into their HTML files, in sorted order so that runs
  // are reproducible.
  std::vector<Job> jobs;
  for (const std::string& in : inputs) {
    std::error_code ec;
    if (in != "-" && fs::is_directory(in, ec)) {
      std::vector<fs::path> files;
      for (auto it = fs::recursive_directory_iterator(in, fs::directory_options::skip_permission_denied, ec);
           !ec && it != fs::end(it); it.increment(ec)) {
        if (it->is_regular_file(ec) && WantFile(it->path(), mode == "text")) files.push_back(it->path());
      }
      if (ec) {
        if (!quiet) std::cerr << "winnow: " << in << ": " << ec.message() << "\n";
        ++failed;
      }
      std::sort(files.begin(), files.end());
      for (const fs::path& f : files) {
        fs::path rel = fs::relative(f, in, ec);
        if (ec) rel = f.filename();
        jobs.push_back({f.string(), rel.replace_extension().string()});
      }
    } else {
      std::string name = in == "-" ? "stdin" : fs::path(in).filename().replace_extension().string();
      jobs.push_back({in, name});
    }
  }

  const bool many = jobs.size() > 1;
  for (const Job& job : jobs) {
    std::string bytes, err;
    if (!ReadAll(job.path, &bytes, &err)) {
      if (!quiet) std::cerr << "winnow: " << job.path << ": " << err << "\n";
      ++failed;
      continue;
    }
    winnow::Input input{bytes, charset, url,
                        mode == "html" ? winnow::Mode::kHtml
                        : mode == "text" ? winnow::Mode::kText
                                         : winnow::Mode::kAuto};
    winnow::Result r = extractor->Extract(input);
    if (r.status != winnow::Status::kOk && r.status != winnow::Status::kEmpty) {
      if (!quiet)
        std::cerr << "winnow: " << job.path << ": " << winnow::StatusName(r.status) << "\n";
      ++failed;
    }
    std::string out = explain ? FormatExplain(r, format == "json")
                              : format == "json" ? FormatJson(job.path, r) : r.text;
    if (!output_dir.empty()) {
      fs::path dest = fs::path(output_dir) / (job.out_name + (format == "json" ? ".json" : ".txt"));
      std::error_code ec;
      fs::create_directories(dest.parent_path(), ec);
      std::ofstream o(dest, std::ios::binary);
      o << out;
      if (!o) {
        if (!quiet) std::cerr << "winnow: " << dest.string() << ": cannot write\n";
        ++failed;
      }
    } else {
      if (many && format == "text") std::cout << "==> " << job.path << " <==\n";
      std::cout << out;
      if (many && format == "text") std::cout << "\n";
    }
  }
  std::cout.flush();
  return failed ? kExitSomeFailed : kExitOk;
}
