#include "ui/static_site.hpp"

#include <fmt/format.h>

#include "common/resources.hpp"
#include "http/error_mapping.hpp"

namespace myvod::ui {

namespace {

namespace bhttp = http::bhttp;

constexpr std::string_view kFolder = "src/ui/";
constexpr std::string_view kIndex = "/index.html";

// Scripts and styles only from this server; posters from TMDB's image host.
constexpr std::string_view kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' https://image.tmdb.org data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

std::string content_type_of(std::string_view path) {
  const auto dot = path.rfind('.');
  const std::string_view extension = dot == std::string_view::npos ? "" : path.substr(dot + 1);
  if (extension == "html") return "text/html; charset=utf-8";
  if (extension == "css") return "text/css; charset=utf-8";
  if (extension == "js") return "text/javascript; charset=utf-8";
  if (extension == "svg") return "image/svg+xml";
  if (extension == "json") return "application/json";
  if (extension == "png") return "image/png";
  return "application/octet-stream";
}

// FNV-1a: a stable fingerprint of the content, enough to tell two builds' files apart.
std::string etag_of(std::string_view bytes) {
  std::uint64_t hash = 14695981039346656037ULL;
  for (const unsigned char byte : bytes) {
    hash ^= byte;
    hash *= 1099511628211ULL;
  }
  return fmt::format("\"{:016x}\"", hash);
}

}  // namespace

StaticSite::StaticSite() {
  for (const auto& resource : resources::under(kFolder)) {
    const std::string path = "/" + std::string(resource.path.substr(kFolder.size()));
    files_.emplace(path, File{resource.text(), content_type_of(path), etag_of(resource.text())});
  }
}

boost::asio::awaitable<http::Reply> StaticSite::handle(http::RawRequest& request,
                                                       const http::RequestMeta&) const {
  http::Reply reply(answer(request));
  reply.route = "(web ui)";
  co_return reply;
}

http::RawResponse StaticSite::answer(const http::RawRequest& request) const {
  const auto method = request.method();
  if (method != bhttp::verb::get && method != bhttp::verb::head)
    return http::to_raw(http::to_response(http::method_not_allowed(request.method_string(), "GET, HEAD")),
                        request);
  const std::string_view target = request.target();
  const std::string path(target.substr(0, target.find('?')));
  auto found = files_.find(path == "/" ? std::string(kIndex) : path);
  if (found == files_.end()) {
    // A path that names a file (it has an extension) and is missing is a 404: answering a missing script
    // with the HTML document would surface as a puzzling syntax error. Every other path is one of the
    // single-page app's own routes, so a reload on it gets the document.
    const std::string_view last_segment = std::string_view(path).substr(path.rfind('/') + 1);
    if (last_segment.find('.') != std::string_view::npos)
      return http::to_raw(http::to_response(Error::detail(ErrorCode::not_found, "Not found.")), request);
    found = files_.find(std::string(kIndex));
  }
  const File& file = found->second;

  const bool unchanged = request[bhttp::field::if_none_match] == file.etag;
  http::Response response{unchanged ? 304u : 200u,
                          unchanged ? std::nullopt : std::optional<std::string>(file.body),
                          file.content_type,
                          {}};
  response.headers.emplace_back("ETag", file.etag);
  // Revalidate every time: a new build must reach the browser at once, and a 304 costs a few bytes.
  response.headers.emplace_back("Cache-Control", "no-cache");
  if (file.content_type.starts_with("text/html"))
    response.headers.emplace_back("Content-Security-Policy", kContentSecurityPolicy);
  return http::to_raw(std::move(response), request);
}

}  // namespace myvod::ui
