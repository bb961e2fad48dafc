// Page metadata for the JSON output: author, publication date, site name
// and canonical URL, from (in order of trust) the page's JSON-LD, its Open
// Graph and <meta> tags, and the first <time datetime>. The title is the
// extractor's (the headline nearest the article).

#ifndef WINNOW_METADATA_H_
#define WINNOW_METADATA_H_

#include <string>
#include <vector>

#include "dom.h"
#include "winnow/winnow.h"

namespace winnow {

Metadata ExtractMetadata(const Dom& dom, const std::vector<std::string>& json_ld);

}  // namespace winnow

#endif  // WINNOW_METADATA_H_
