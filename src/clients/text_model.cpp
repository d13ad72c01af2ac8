#include "clients/text_model.hpp"

#include <boost/json.hpp>

namespace myvod::clients {

namespace {

// The generation settings of the original service: some variety, bounded length.
constexpr double kTemperature = 0.5;
constexpr double kTopP = 0.9;
constexpr int kTopK = 40;
constexpr int kMaxOutputTokens = 2500;

// POSTs `body` as JSON and returns the parsed object of a 200 answer, or why not.
Expected<boost::json::object, HttpFailure> post_json(const HttpClient& http, const std::string& url,
                                                     std::vector<std::pair<std::string, std::string>> headers,
                                                     const boost::json::object& body) {
  HttpRequest request{"POST", url, std::move(headers), boost::json::serialize(body)};
  request.headers.emplace_back("Content-Type", "application/json");
  request.headers.emplace_back("Accept", "application/json");
  auto response = http.send(request);
  if (!response) return unexpected(response.error());
  const std::string what = "POST " + loggable_url(url);
  if (response->status != 200)
    return unexpected(HttpFailure{what + ": HTTP " + std::to_string(response->status), response->status});
  boost::system::error_code error;
  auto json = boost::json::parse(response->body, error);
  if (error || !json.is_object())
    return unexpected(HttpFailure{what + ": the answer is not a JSON object", 200});
  return std::move(json.as_object());
}

// The string at a path of object keys and array indexes, if every step exists.
const boost::json::string* string_at(const boost::json::value& root,
                                     std::initializer_list<boost::json::string_view> path) {
  const boost::json::value* at = &root;
  for (const auto step : path) {
    if (step.empty()) {
      if (!at->is_array() || at->as_array().empty()) return nullptr;
      at = &at->as_array().front();
    } else {
      if (!at->is_object()) return nullptr;
      at = at->as_object().if_contains(step);
      if (!at) return nullptr;
    }
  }
  return at->is_string() ? &at->as_string() : nullptr;
}

class GeminiHttp final : public TextModel {
 public:
  GeminiHttp(TextModelOptions options, HttpClient http)
      : options_(std::move(options)), http_(std::move(http)) {}

  Expected<std::string, HttpFailure> complete(const std::string& prompt) override {
    const std::string url = options_.base_url + "/models/" + url_encode(options_.model) + ":generateContent";
    const boost::json::object body{
        {"contents", boost::json::array{boost::json::object{
                         {"parts", boost::json::array{boost::json::object{{"text", prompt}}}}}}},
        {"generationConfig", boost::json::object{{"temperature", kTemperature},
                                                 {"topK", kTopK},
                                                 {"topP", kTopP},
                                                 {"maxOutputTokens", kMaxOutputTokens}}}};
    auto answer = post_json(http_, url, {{"x-goog-api-key", options_.api_key}}, body);
    if (!answer) return unexpected(answer.error());
    // An empty path step means "the first element of this array".
    const boost::json::value root(std::move(*answer));
    const auto* text = string_at(root, {"candidates", "", "content", "parts", "", "text"});
    if (!text)
      return unexpected(HttpFailure{"POST " + loggable_url(url) + ": the answer holds no text", 200});
    return std::string(*text);
  }

  std::string api_type() const override { return "gemini"; }

 private:
  TextModelOptions options_;
  HttpClient http_;
};

class OpenAiHttp final : public TextModel {
 public:
  OpenAiHttp(TextModelOptions options, HttpClient http)
      : options_(std::move(options)), http_(std::move(http)) {}

  Expected<std::string, HttpFailure> complete(const std::string& prompt) override {
    const std::string url = options_.base_url + "/chat/completions";
    const boost::json::object body{
        {"model", options_.model},
        {"messages", boost::json::array{boost::json::object{{"role", "user"}, {"content", prompt}}}},
        {"temperature", kTemperature},
        {"top_p", kTopP},
        {"max_tokens", kMaxOutputTokens}};
    std::vector<std::pair<std::string, std::string>> headers;
    if (!options_.api_key.empty()) headers.emplace_back("Authorization", "Bearer " + options_.api_key);
    auto answer = post_json(http_, url, std::move(headers), body);
    if (!answer) return unexpected(answer.error());
    const boost::json::value root(std::move(*answer));
    const auto* text = string_at(root, {"choices", "", "message", "content"});
    if (!text)
      return unexpected(HttpFailure{"POST " + loggable_url(url) + ": the answer holds no text", 200});
    return std::string(*text);
  }

  std::string api_type() const override { return "openai"; }

 private:
  TextModelOptions options_;
  HttpClient http_;
};

}  // namespace

HttpOptions text_model_http_options(std::chrono::seconds timeout) {
  HttpOptions options;
  options.total_timeout = timeout;
  options.max_attempts = 2;
  options.max_response_bytes = 1024 * 1024;
  return options;
}

std::unique_ptr<TextModel> make_text_model(const TextModelOptions& options, HttpClient http) {
  TextModelOptions trimmed = options;
  while (trimmed.base_url.ends_with('/')) trimmed.base_url.pop_back();
  if (options.provider == "gemini") return std::make_unique<GeminiHttp>(std::move(trimmed), std::move(http));
  return std::make_unique<OpenAiHttp>(std::move(trimmed), std::move(http));
}

}  // namespace myvod::clients
