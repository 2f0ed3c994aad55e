#include <scanner/page.hpp>
#include <scanner/site.hpp>

namespace scanner {

std::string_view link_kind_name(LinkKind kind) {
  switch (kind) {
  case LinkKind::anchor:
    return "anchor";
  case LinkKind::area:
    return "area";
  case LinkKind::image:
    return "image";
  case LinkKind::srcset:
    return "srcset";
  case LinkKind::script:
    return "script";
  case LinkKind::stylesheet:
    return "stylesheet";
  case LinkKind::link:
    return "link";
  case LinkKind::frame:
    return "frame";
  case LinkKind::iframe:
    return "iframe";
  case LinkKind::embed:
    return "embed";
  case LinkKind::media:
    return "media";
  case LinkKind::form:
    return "form";
  case LinkKind::meta_refresh:
    return "meta_refresh";
  }
  return "unknown";
}

bool is_embedded(LinkKind kind) {
  switch (kind) {
  case LinkKind::image:
  case LinkKind::srcset:
  case LinkKind::script:
  case LinkKind::stylesheet:
  case LinkKind::frame:
  case LinkKind::iframe:
  case LinkKind::embed:
  case LinkKind::media:
    return true;
  default:
    return false;
  }
}

std::string_view error_class_name(ErrorClass error) {
  switch (error) {
  case ErrorClass::none:
    return "none";
  case ErrorClass::dns:
    return "dns";
  case ErrorClass::connect:
    return "connect";
  case ErrorClass::reset:
    return "reset";
  case ErrorClass::tls:
    return "tls";
  case ErrorClass::timeout:
    return "timeout";
  case ErrorClass::redirect_loop:
    return "redirect_loop";
  case ErrorClass::too_many_redirects:
    return "too_many_redirects";
  case ErrorClass::too_large:
    return "too_large";
  case ErrorClass::robots:
    return "robots";
  case ErrorClass::other:
    return "other";
  }
  return "other";
}

std::string_view url_state_name(UrlState state) {
  switch (state) {
  case UrlState::queued:
    return "queued";
  case UrlState::fetched:
    return "fetched";
  case UrlState::checked:
    return "checked";
  case UrlState::skipped:
    return "skipped";
  case UrlState::disallowed:
    return "disallowed";
  }
  return "queued";
}

std::string_view Page::header(std::string_view name) const {
  for (const auto& [key, value] : fetch.headers) {
    if (key == name) return value;
  }
  return {};
}

} // namespace scanner
