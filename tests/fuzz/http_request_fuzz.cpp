// The whole request path: any bytes read as the server reads a request (Beast's parser, the same header and
// body limits), then answered by the full application on a real SQLite database, sample catalog included.
// A client's mistake must never be a 500, and a JSON answer must be valid UTF-8. "@TOKEN@" in an input
// becomes a signed-in user's access token, so that the fuzzer reaches past authentication.
#include <boost/beast/http.hpp>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "app/server_app.hpp"
#include "common/utf8.hpp"

namespace {

namespace bhttp = boost::beast::http;
using myvod::http::RawRequest;

struct Server {
  std::filesystem::path folder;
  std::unique_ptr<myvod::app::ServerApp> app;
  std::string token;
};

myvod::http::Reply answer(Server& server, RawRequest& request) {
  return server.app->handle(request, {"127.0.0.1", "127.0.0.1", "fuzz"});
}

Server& server() {
  static Server instance = [] {
    Server made;
    made.folder = std::filesystem::temp_directory_path() / ("myvod-fuzz-" + std::to_string(getpid()));
    std::filesystem::create_directories(made.folder);
    myvod::app::Config config;
    config.database_url = "sqlite:" + (made.folder / "fuzz.db").string();
    config.secret_key = "fuzz-secret-key-that-is-long-enough-for-hs256";
    config.bcrypt_cost = 4;
    config.login_max_failures = 0;
    config.login_max_failures_per_address = 0;
    config.log_level = "off";
    made.app = std::make_unique<myvod::app::ServerApp>(config);
    const std::string account = R"({"email":"fuzz@example.com","password":"Correct-horse-9"})";
    for (const char* path : {"/api/register/", "/api/token/"}) {
      RawRequest request{bhttp::verb::post, path, 11};
      request.set(bhttp::field::host, "localhost");
      request.set(bhttp::field::content_type, "application/json");
      request.body() = account;
      request.prepare_payload();
      const auto reply = answer(made, request);
      if (std::string(path) == "/api/token/") {
        const std::string& body = reply.message.body();
        const auto start = body.find("\"access\":\"") + 10;
        made.token = body.substr(start, body.find('"', start) - start);
      }
    }
    std::atexit([] { std::filesystem::remove_all(server().folder); });
    return made;
  }();
  return instance;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, size_t size) {
  Server& fuzzed = server();
  std::string bytes(reinterpret_cast<const char*>(data), size);
  for (size_t at = bytes.find("@TOKEN@"); at != std::string::npos; at = bytes.find("@TOKEN@", at))
    bytes.replace(at, 7, fuzzed.token);

  bhttp::request_parser<bhttp::string_body> parser;
  parser.header_limit(16 * 1024);
  parser.body_limit(1024 * 1024);
  parser.eager(true);
  boost::system::error_code error;
  parser.put(boost::asio::buffer(bytes), error);
  if (error || !parser.is_done()) return 0;  // the server answers these 400 itself, before the application
  RawRequest request = parser.release();

  const auto reply = answer(fuzzed, request);
  const auto& message = reply.message;
  if (message.result_int() == 500) std::abort();
  if (message[bhttp::field::content_type].starts_with("application/json") && !myvod::is_utf8(message.body()))
    std::abort();
  return 0;
}
