#include "api/application.hpp"

#include <algorithm>
#include <boost/beast/core/string.hpp>

#include "api/authentication.hpp"
#include "common/log.hpp"
#include "http/error_mapping.hpp"
#include "http/query.hpp"

namespace myvod::api {

namespace bhttp = http::bhttp;

namespace {

bool origin_allowed(const Services& services, std::string_view origin) {
  return !origin.empty() && std::find(services.cors_origins.begin(), services.cors_origins.end(), origin) !=
                                services.cors_origins.end();
}

bool is_preflight(const http::RawRequest& request) {
  return request.method() == bhttp::verb::options && !request[bhttp::field::origin].empty() &&
         !request[bhttp::field::access_control_request_method].empty();
}

// Paths whose answers carry tokens or act on mailed secrets, though anyone may call them.
constexpr std::string_view kCredentialPaths[] = {"/api/token/", "/api/register/", "/api/password-reset/",
                                                 "/api/mail/"};

bool has_header(const http::Response& response, std::string_view name) {
  return std::any_of(response.headers.begin(), response.headers.end(),
                     [&](const auto& header) { return boost::beast::iequals(header.first, name); });
}

http::Response redirect(unsigned status, std::string location) {
  http::Response response{status, std::nullopt, {}, {}};
  response.headers.emplace_back("Location", std::move(location));
  return response;
}

}  // namespace

Application::Application(Services& services) : services_(services), router_(make_router()) {}

size_t Application::body_limit_for(const http::RawRequest& header, size_t standard) const {
  const std::string_view target = header.target();
  const auto path = target.substr(0, target.find('?'));
  for (const auto& [upload_path, limit] : upload_body_limits()) {
    if (path == upload_path) {
      const auto now = services_.runtime.clock().unix_seconds();
      return carries_valid_access_token(header, services_.jwt, now) ? limit : standard;
    }
  }
  return standard;
}

boost::asio::awaitable<http::Reply> Application::handle(http::RawRequest& request,
                                                        const http::RequestMeta& meta) {
  RouteFacts facts;
  http::Response response = co_await respond(request, meta, facts);
  if (!facts.allow.empty() && !has_header(response, "Allow"))
    response.headers.emplace_back("Allow", facts.allow);
  if (facts.personal && !has_header(response, "Cache-Control")) {
    response.headers.emplace_back("Cache-Control", "no-store");
  }
  auto stream = response.stream;
  http::RawResponse raw = http::to_raw(std::move(response), request);
  const auto origin = request[bhttp::field::origin];
  if (origin_allowed(services_, origin)) {
    raw.set(bhttp::field::access_control_allow_origin, origin);
    raw.set(bhttp::field::access_control_allow_credentials, "true");
    if (is_preflight(request)) {
      raw.set(bhttp::field::access_control_allow_methods, "DELETE, GET, OPTIONS, PATCH, POST, PUT");
      raw.set(bhttp::field::access_control_allow_headers,
              "accept, authorization, content-type, user-agent, x-csrftoken, x-requested-with");
      raw.set(bhttp::field::access_control_max_age, "86400");
    }
  }
  if (!origin.empty()) raw.set(bhttp::field::vary, "origin");
  http::Reply reply(std::move(raw), std::move(stream));
  reply.route = facts.route;
  co_return reply;
}

boost::asio::awaitable<http::Response> Application::respond(http::RawRequest& request,
                                                            const http::RequestMeta& meta,
                                                            RouteFacts& facts) {
  const Endpoint* endpoint = nullptr;
  try {
    if (is_preflight(request)) {
      facts.route = "(preflight)";
      co_return http::Response{200, std::nullopt, {}, {}};
    }
    http::Target target = http::parse_target(request.target());
    const auto method = request.method();
    auto match = router_.match(method, target.path);
    if (!match.path_known) {
      // Django's APPEND_SLASH. 301 for GET and HEAD as the original; 308 otherwise, so the body survives.
      if (!target.path.ends_with('/') && router_.match(method, target.path + "/").path_known) {
        std::string location = target.path + "/" + (target.raw_query.empty() ? "" : "?" + target.raw_query);
        const bool safe = method == bhttp::verb::get || method == bhttp::verb::head;
        co_return redirect(safe ? 301 : 308, std::move(location));
      }
      throw Error::detail(ErrorCode::not_found, "Not found.");
    }
    facts.allow = match.allow;
    facts.route = match.pattern;
    facts.personal = match.access == http::Access::user || match.access == http::Access::staff ||
                     std::any_of(std::begin(kCredentialPaths), std::end(kCredentialPaths),
                                 [&](std::string_view prefix) { return target.path.starts_with(prefix); });
    Call call(services_, request, meta, std::move(target), std::move(match.params));
    co_await authenticate(call, match.access);
    if (method == bhttp::verb::options) {
      http::Response metadata =
          http::Response::json(200, boost::json::object{{"renders", boost::json::array{"application/json"}},
                                                        {"parses", boost::json::array{"application/json"}}});
      metadata.headers.emplace_back("Allow", match.allow);
      co_return metadata;
    }
    if (!match.route) {
      throw http::method_not_allowed(request.method_string(), match.allow);
    }
    endpoint = &match.route->handler;
    co_return co_await endpoint->handle(call);
  } catch (const Error& error) {
    if (error.code() == ErrorCode::internal)
      log::error("request failed", {{"error", error.what()}, {"request_id", meta.request_id}});
    co_return http::to_response(error);
  } catch (const std::exception& failure) {
    // Anything else is our fault or the database's: log it whole, show the client only the contract's text.
    log::error("request failed", {{"error", failure.what()}, {"request_id", meta.request_id}});
    boost::json::object body;
    body[endpoint ? endpoint->failure_key : "detail"] =
        endpoint ? endpoint->failure_message : "An unexpected error occurred. Please try again later.";
    co_return http::to_response(Error(ErrorCode::internal, std::move(body)));
  }
}

}  // namespace myvod::api
