#include "support/http_client.hpp"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>

namespace myvod::testing {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using asio::ip::tcp;

HttpResult HttpClient::send(const HttpRequest& request) const {
  asio::io_context context;
  beast::tcp_stream stream(context);
  stream.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port_));
  bhttp::request<bhttp::string_body> message{bhttp::string_to_verb(request.method), request.target, 11};
  message.set(bhttp::field::host, "127.0.0.1:" + std::to_string(port_));
  for (const auto& [name, value] : request.headers) message.set(name, value);
  if (request.body) {
    message.body() = *request.body;
    message.prepare_payload();
  }
  bhttp::write(stream, message);
  beast::flat_buffer buffer;
  bhttp::response_parser<bhttp::string_body> parser;
  parser.body_limit(64 * 1024 * 1024);
  if (request.method == "HEAD") parser.skip(true);
  bhttp::read(stream, buffer, parser);
  const auto& response = parser.get();
  HttpResult result;
  result.status = response.result_int();
  result.body = response.body();
  for (const auto& field : response) {
    std::string name(field.name_string());
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    result.headers[name] = std::string(field.value());
  }
  beast::error_code ignored;
  stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
  return result;
}

namespace {
HttpRequest with_token(HttpRequest request, const std::string& token) {
  if (!token.empty()) request.headers.emplace_back("Authorization", "Bearer " + token);
  return request;
}
HttpRequest json_request(const std::string& method, const std::string& target,
                         const boost::json::value& body) {
  return {method, target, boost::json::serialize(body), {{"Content-Type", "application/json"}}};
}
}  // namespace

HttpResult HttpClient::get(const std::string& target, const std::string& token) const {
  return send(with_token({"GET", target, std::nullopt, {}}, token));
}
HttpResult HttpClient::post(const std::string& target, const boost::json::value& body,
                            const std::string& token) const {
  return send(with_token(json_request("POST", target, body), token));
}
HttpResult HttpClient::patch(const std::string& target, const boost::json::value& body,
                             const std::string& token) const {
  return send(with_token(json_request("PATCH", target, body), token));
}
HttpResult HttpClient::del(const std::string& target, const std::string& token) const {
  return send(with_token({"DELETE", target, std::nullopt, {}}, token));
}
HttpResult HttpClient::method(const std::string& verb, const std::string& target,
                              const std::string& token) const {
  return send(with_token({verb, target, std::nullopt, {}}, token));
}

std::string HttpClient::raw(const std::string& bytes) const {
  asio::io_context context;
  tcp::socket socket(context);
  socket.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port_));
  asio::write(socket, asio::buffer(bytes));
  std::string answer;
  beast::error_code error;
  char chunk[4096];
  for (;;) {
    const size_t n = socket.read_some(asio::buffer(chunk), error);
    if (error) break;
    answer.append(chunk, n);
  }
  return answer;
}

}  // namespace myvod::testing
