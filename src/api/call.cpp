#include "api/call.hpp"

#include "api/fields.hpp"
#include "common/error.hpp"
#include "domain/text.hpp"

namespace myvod::api {

Call::Call(Services& services_in, const http::RawRequest& request_in, const http::RequestMeta& meta_in,
           http::Target target_in, std::vector<std::string> params_in)
    : services(services_in),
      request(request_in),
      meta(meta_in),
      target(std::move(target_in)),
      params(std::move(params_in)) {}

const boost::json::object& Call::body() {
  if (body_) return *body_;
  if (request.body().empty()) return body_.emplace();
  const auto content_type = request[http::bhttp::field::content_type];
  const auto media_type = domain::ascii_lower(domain::strip(content_type.substr(0, content_type.find(';'))));
  if (media_type != "application/json") {
    throw Error::detail(ErrorCode::unsupported_media,
                        "Unsupported media type \"" + std::string(content_type) + "\" in request.");
  }
  boost::system::error_code error;
  boost::json::value parsed = boost::json::parse(request.body(), error);
  if (error) throw Error::detail(ErrorCode::invalid_input, "JSON parse error - " + error.message());
  if (!parsed.is_object()) {
    throw Error(ErrorCode::invalid_input,
                boost::json::object{
                    {"non_field_errors", boost::json::array{"Invalid data. Expected a dictionary, but got " +
                                                            std::string(python_type_name(parsed)) + "."}}});
  }
  return body_.emplace(std::move(parsed.as_object()));
}

}  // namespace myvod::api
