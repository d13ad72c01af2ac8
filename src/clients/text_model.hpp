#pragma once
// A language model that completes a prompt, for AI suggestions. `TextModel` is what the service uses;
// `GeminiHttp` speaks Google's generateContent REST API and `OpenAiHttp` any OpenAI-compatible
// chat-completions endpoint (a hosted one, or a model server on the operator's own machine). Keys travel
// only in headers (`x-goog-api-key`, `Authorization: Bearer`), never in a URL, so no log line holds one.

#include <chrono>
#include <memory>
#include <string>

#include "clients/http_client.hpp"
#include "common/expected.hpp"

namespace myvod::clients {

class TextModel {
 public:
  virtual ~TextModel() = default;
  // The model's text for `prompt`, or why there is none.
  virtual Expected<std::string, HttpFailure> complete(const std::string& prompt) = 0;
  // How failures are filed in integration_error_log: "gemini" or "openai".
  virtual std::string api_type() const = 0;
};

struct TextModelOptions {
  std::string provider;  // "gemini" or "openai"
  std::string base_url;  // without a trailing slash
  std::string model;
  std::string api_key;  // may be empty for a local OpenAI-compatible server
  std::chrono::seconds timeout{30};
};

// The model the options name; tests pass an HttpClient whose retries do not sleep.
std::unique_ptr<TextModel> make_text_model(const TextModelOptions& options, HttpClient http);

// The HTTP options every model call uses: one retry on 429 and 5xx, the configured timeout per attempt,
// and an answer of at most 1 MiB (a suggestions answer is a few kilobytes).
HttpOptions text_model_http_options(std::chrono::seconds timeout);

}  // namespace myvod::clients
