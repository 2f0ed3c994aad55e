#pragma once
// Attribute reading for the SAX pass (html_sax.cpp) and the pre-pass (html_prepass.cpp): which
// attributes the parser reads (fourteen; a title only on an image), and picking them out of the
// name/value pairs libxml2 hands a start-element callback. Both passes must agree on the set:
// the pre-pass drops every attribute reads() says no to, so the SAX pass never sees it.
// Inline: it runs on every attribute of every tag.

#include <scanner/ascii.hpp>

#include <libxml/xmlstring.h>

#include <cstddef>
#include <string_view>

namespace scanner::html_detail {

// The attributes the parser reads, borrowed from libxml2 for the duration of one callback.
// Absent attributes are null; attributes without a value are "".
struct Attributes {
  const char* href = nullptr;
  const char* src = nullptr;
  const char* srcset = nullptr;
  const char* alt = nullptr;
  const char* title = nullptr;
  const char* id = nullptr;
  const char* name = nullptr;
  const char* rel = nullptr;
  const char* type = nullptr;
  const char* content = nullptr;
  const char* property = nullptr;
  const char* http_equiv = nullptr;
  const char* action = nullptr;
  const char* data = nullptr;
};

// The slot in `attributes` of the attribute `name` (lower case, as libxml2 hands names over),
// or null for an attribute the parser never reads. The pre-pass below drops those.
inline const char** attribute_slot(Attributes& attributes, std::string_view name) {
  switch (name.size()) {
  case 2:
    return name == "id" ? &attributes.id : nullptr;
  case 3:
    return name == "src"   ? &attributes.src
           : name == "alt" ? &attributes.alt
           : name == "rel" ? &attributes.rel
                           : nullptr;
  case 4:
    return name == "href"   ? &attributes.href
           : name == "name" ? &attributes.name
           : name == "type" ? &attributes.type
           : name == "data" ? &attributes.data
                            : nullptr;
  case 5:
    return name == "title" ? &attributes.title : nullptr;
  case 6:
    return name == "srcset" ? &attributes.srcset : name == "action" ? &attributes.action : nullptr;
  case 7:
    return name == "content" ? &attributes.content : nullptr;
  case 8:
    return name == "property" ? &attributes.property : nullptr;
  case 10:
    return name == "http-equiv" ? &attributes.http_equiv : nullptr;
  default:
    return nullptr;
  }
}

// Whether the SAX pass reads the attribute `name` (lower case) of an element named `tag` (any
// case): every attribute with a slot, but a title only on an image (add_image).
inline bool reads(std::string_view tag, std::string_view name) {
  Attributes unused;
  return attribute_slot(unused, name) != nullptr && (name != "title" || iequals_ascii(tag, "img"));
}

inline Attributes read_attributes(const xmlChar** pairs) {
  Attributes attributes;
  if (pairs == nullptr) return attributes;
  for (std::size_t i = 0; pairs[i] != nullptr; i += 2) {
    const char* value = pairs[i + 1] != nullptr ? reinterpret_cast<const char*>(pairs[i + 1]) : "";
    const char** slot = attribute_slot(attributes, reinterpret_cast<const char*>(pairs[i]));
    // The first of duplicate attributes wins, as in browsers.
    if (slot != nullptr && *slot == nullptr) *slot = value;
  }
  return attributes;
}

} // namespace scanner::html_detail
