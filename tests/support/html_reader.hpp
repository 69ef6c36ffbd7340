#pragma once

// Reads the printable HTML exports back as XML: they are written to be well-formed (every element closed,
// attributes quoted, no named entities), so an XML parser that fails on them has found a fault.

#include <pugixml.hpp>
#include <stdexcept>
#include <string>
#include <vector>

namespace xuefeng::testing {

class HtmlPage {
 public:
  explicit HtmlPage(const std::string& text) {
    const auto result = doc_.load_buffer(text.data(), text.size(), pugi::parse_default, pugi::encoding_utf8);
    if (!result) {
      throw std::runtime_error("not well-formed at byte " + std::to_string(result.offset) + ": " +
                               result.description());
    }
  }

  /// The nodes an XPath expression selects, in document order.
  std::vector<pugi::xml_node> all(const std::string& xpath) const {
    std::vector<pugi::xml_node> out;
    for (const auto& n : doc_.select_nodes(xpath.c_str())) out.push_back(n.node());
    return out;
  }

  /// The first node selected; a null node when there is none.
  pugi::xml_node one(const std::string& xpath) const { return doc_.select_node(xpath.c_str()).node(); }

  std::size_t count(const std::string& xpath) const { return all(xpath).size(); }

  /// The text of the first node selected, its descendants' text joined; "" when there is none.
  std::string text(const std::string& xpath) const { return text_of(one(xpath)); }

  static std::string text_of(pugi::xml_node node) {
    std::string out;
    for (auto n = node.first_child(); n; n = n.next_sibling()) {
      out +=
          n.type() == pugi::node_pcdata || n.type() == pugi::node_cdata ? std::string(n.value()) : text_of(n);
    }
    return out;
  }

  /// The text of each cell (td or th) of a table row.
  static std::vector<std::string> cells(pugi::xml_node row) {
    std::vector<std::string> out;
    for (auto c = row.first_child(); c; c = c.next_sibling()) out.push_back(text_of(c));
    return out;
  }

  /// The cells of every row of a table body.
  std::vector<std::vector<std::string>> rows(const std::string& table_xpath) const {
    std::vector<std::vector<std::string>> out;
    for (const auto& tr : all(table_xpath + "/tbody/tr")) out.push_back(cells(tr));
    return out;
  }

 private:
  pugi::xml_document doc_;
};

}  // namespace xuefeng::testing
