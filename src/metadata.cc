#include "metadata.h"

#include <simdjson.h>

#include "text_util.h"

namespace winnow {
namespace {

bool IsArticleType(std::string_view t) {
  return t.find("Article") != std::string_view::npos || t == "BlogPosting" || t == "Report" ||
         t == "WebPage" || t == "LiveBlogPosting" || t == "Review" || t == "Posting" ||
         t == "SocialMediaPosting" || t == "DiscussionForumPosting";
}

std::string StringOf(simdjson::dom::element e) {
  std::string_view s;
  if (e.get_string().get(s) == simdjson::SUCCESS) return CollapseSpace(s);
  return "";
}

// "author": "Jane Doe" | {"name": ...} | [{"name": ...}, ...]
std::string NameOf(simdjson::dom::element e) {
  if (e.is_string()) return StringOf(e);
  if (e.is_object()) {
    simdjson::dom::element name;
    if (e["name"].get(name) == simdjson::SUCCESS) return StringOf(name);
    return "";
  }
  if (e.is_array()) {
    std::string all;
    for (simdjson::dom::element item : e.get_array()) {
      std::string n = NameOf(item);
      if (n.empty()) continue;
      if (!all.empty()) all += ", ";
      all += n;
    }
    return all;
  }
  return "";
}

void FromObject(simdjson::dom::object obj, Metadata* m, int depth);

void Visit(simdjson::dom::element e, Metadata* m, int depth) {
  if (depth > 8) return;
  if (e.is_array()) {
    for (simdjson::dom::element item : e.get_array()) Visit(item, m, depth + 1);
  } else if (e.is_object()) {
    FromObject(e.get_object(), m, depth);
  }
}

void FromObject(simdjson::dom::object obj, Metadata* m, int depth) {
  simdjson::dom::element v;
  if (obj["@graph"].get(v) == simdjson::SUCCESS) Visit(v, m, depth + 1);
  std::string type;
  if (obj["@type"].get(v) == simdjson::SUCCESS) {
    if (v.is_string()) type = StringOf(v);
    else if (v.is_array())
      for (simdjson::dom::element t : v.get_array())
        if (t.is_string() && IsArticleType(StringOf(t))) type = StringOf(t);
  }
  if (!IsArticleType(type)) return;
  if (m->author.empty() && obj["author"].get(v) == simdjson::SUCCESS) m->author = NameOf(v);
  if (m->date.empty() && obj["datePublished"].get(v) == simdjson::SUCCESS) m->date = StringOf(v);
  if (m->date.empty() && obj["dateCreated"].get(v) == simdjson::SUCCESS) m->date = StringOf(v);
  if (m->site_name.empty() && obj["publisher"].get(v) == simdjson::SUCCESS) m->site_name = NameOf(v);
}

}  // namespace

Metadata ExtractMetadata(const Dom& dom, const std::vector<std::string>& json_ld) {
  Metadata m;
  thread_local simdjson::dom::parser parser;
  for (const std::string& blob : json_ld) {
    simdjson::dom::element root;
    if (parser.parse(blob).get(root) != simdjson::SUCCESS) continue;
    Visit(root, &m, 0);
  }
  auto meta = [&](std::string* field, std::initializer_list<const char*> keys) {
    for (const char* k : keys) {
      if (!field->empty()) return;
      *field = CollapseSpace(dom.meta(k));
    }
  };
  meta(&m.author, {"author", "article:author", "parsely-author", "dc.creator", "sailthru.author"});
  meta(&m.date, {"article:published_time", "datepublished", "pubdate", "publishdate", "date",
                 "dc.date", "dc.date.issued", "sailthru.date", "parsely-pub-date", "og:published_time"});
  meta(&m.site_name, {"og:site_name", "application-name", "publisher"});
  if (m.date.empty()) m.date = std::string(dom.first_time());
  m.canonical_url = std::string(dom.canonical_url());
  if (m.canonical_url.empty()) m.canonical_url = CollapseSpace(dom.meta("og:url"));
  return m;
}

}  // namespace winnow
