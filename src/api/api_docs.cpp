// GET /api/schema/ and GET /api/docs/: the API described (api/openapi.hpp), built once from the route table.
#include "api/handlers.hpp"
#include "api/openapi.hpp"

namespace myvod::api {

namespace {

const boost::json::object& document() {
  static const boost::json::object built = openapi_document(make_router());
  return built;
}

}  // namespace

Handled get_openapi_schema(Call&) {
  static const std::string text = boost::json::serialize(document());
  co_return http::Response{200, text, "application/vnd.oai.openapi+json", {}};
}

Handled get_api_docs(Call&) {
  static const std::string page = openapi_page(document());
  http::Response response{200, page, "text/html; charset=utf-8", {}};
  // The page runs no script and loads nothing: only its own inline styles are allowed.
  response.headers.emplace_back("Content-Security-Policy",
                                "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; "
                                "form-action 'none'; frame-ancestors 'none'");
  co_return response;
}

}  // namespace myvod::api
