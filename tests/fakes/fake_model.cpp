#include "fakes/fake_model.hpp"

#include <boost/json.hpp>
#include <map>
#include <regex>
#include <sstream>

#include "fakes/fake_server.hpp"

namespace myvod::testing {

namespace {

namespace bhttp = http::bhttp;

// The prompt of either API's request body; empty when the body is not what that API sends.
std::string prompt_of(const std::string& path, const std::string& body) {
  boost::system::error_code error;
  const auto json = boost::json::parse(body, error);
  if (error || !json.is_object()) return {};
  try {
    if (path.ends_with(":generateContent"))
      return std::string(json.at("contents").at(0).at("parts").at(0).at("text").as_string());
    return std::string(json.at("messages").at(0).at("content").as_string());
  } catch (const std::exception&) {
    return {};
  }
}

}  // namespace

FakeModel::FakeModel(std::string key)
    : key_(std::move(key)),
      server_(fake_server_options(),
              [this](http::RawRequest& request, const http::RequestMeta&) { return answer(request); }) {
  server_.start();
}

FakeModel::~FakeModel() {
  server_.drain();
  server_.wait();
}

std::string FakeModel::gemini_url() const {
  return "http://127.0.0.1:" + std::to_string(server_.port()) + "/v1beta";
}
std::string FakeModel::openai_url() const {
  return "http://127.0.0.1:" + std::to_string(server_.port()) + "/v1";
}

void FakeModel::reply(std::string text) {
  std::lock_guard lock(mutex_);
  reply_ = std::move(text);
  pool_picks_.reset();
}

void FakeModel::reply_from_pool(int per_platform) {
  std::lock_guard lock(mutex_);
  pool_picks_ = per_platform;
}

void FakeModel::misbehave(Misbehaviour misbehaviour) {
  std::lock_guard lock(mutex_);
  misbehaviour_ = misbehaviour;
}

void FakeModel::delay(std::chrono::milliseconds latency) {
  std::lock_guard lock(mutex_);
  latency_ = latency;
}

std::vector<std::string> FakeModel::prompts() const {
  std::lock_guard lock(mutex_);
  return prompts_;
}

std::vector<std::string> FakeModel::paths() const {
  std::lock_guard lock(mutex_);
  return paths_;
}

std::vector<std::string> FakeModel::keys() const {
  std::lock_guard lock(mutex_);
  return keys_;
}

std::string FakeModel::text_for(const std::string& prompt) const {
  if (!pool_picks_) return reply_;
  static const std::regex line(R"(- \[(tt\d+)\] (.*) - Platforms: ([^,\n]+))");
  std::map<std::string, boost::json::array> picks;
  std::istringstream lines(prompt);
  for (std::string text; std::getline(lines, text);) {
    std::smatch match;
    if (!std::regex_search(text, match, line)) continue;
    auto& list = picks[match[3].str()];
    if (static_cast<int>(list.size()) < *pool_picks_)
      list.push_back(boost::json::object{{"tconst", match[1].str()},
                                         {"justification", "Świetny wybór na dziś wieczór."}});
  }
  boost::json::object answer;
  for (auto& [platform, list] : picks) answer[platform] = std::move(list);
  // Models like to wrap their JSON in a fence; the reader must cope.
  return "```json\n" + boost::json::serialize(answer) + "\n```";
}

boost::asio::awaitable<http::Reply> FakeModel::answer(http::RawRequest& request) {
  ++calls_;
  const std::string path(request.target().substr(0, request.target().find('?')));
  const bool gemini = path.ends_with(":generateContent");
  std::string key(gemini ? request["x-goog-api-key"] : request[bhttp::field::authorization]);
  if (!gemini && key.starts_with("Bearer ")) key = key.substr(7);
  const std::string prompt = prompt_of(path, request.body());
  Misbehaviour misbehaviour;
  std::chrono::milliseconds latency;
  std::string text;
  {
    std::lock_guard lock(mutex_);
    paths_.push_back(path);
    keys_.push_back(key);
    prompts_.push_back(prompt);
    misbehaviour = misbehaviour_;
    if (misbehaviour == Misbehaviour::rate_limited_once) misbehaviour_ = Misbehaviour::none;
    latency =
        latency_ + (misbehaviour == Misbehaviour::slow ? std::chrono::seconds(3) : std::chrono::seconds(0));
    text = text_for(prompt);
  }
  if (latency.count() > 0) {
    boost::asio::steady_timer timer(co_await boost::asio::this_coro::executor, latency);
    co_await timer.async_wait(boost::asio::use_awaitable);
  }
  if ((gemini || !key_.empty()) && key != key_)
    co_return json_answer(request, bhttp::status::unauthorized,
                          R"({"error":{"code":401,"message":"API key not valid."}})");
  if (request.method() != bhttp::verb::post || prompt.empty())
    co_return json_answer(request, bhttp::status::bad_request,
                          R"({"error":{"code":400,"message":"Invalid request."}})");
  if (misbehaviour == Misbehaviour::rate_limited_once) {
    auto response = json_answer(request, bhttp::status::too_many_requests, R"({"error":{"code":429}})");
    response.set(bhttp::field::retry_after, "0");
    co_return response;
  }
  if (misbehaviour == Misbehaviour::server_error)
    co_return json_answer(request, bhttp::status::internal_server_error,
                          R"({"error":{"code":500,"message":"Internal error."}})");
  if (misbehaviour == Misbehaviour::not_json)
    co_return json_answer(request, bhttp::status::ok, "<html>Bad gateway</html>");
  const auto body =
      gemini
          ? boost::json::object{{"candidates",
                                 boost::json::array{boost::json::object{
                                     {"content",
                                      boost::json::object{{"parts", boost::json::array{boost::json::object{
                                                                        {"text", text}}}},
                                                          {"role", "model"}}},
                                     {"finishReason", "STOP"}}}}}
          : boost::json::object{
                {"id", "chatcmpl-1"},
                {"object", "chat.completion"},
                {"choices", boost::json::array{boost::json::object{
                                {"index", 0},
                                {"message", boost::json::object{{"role", "assistant"}, {"content", text}}},
                                {"finish_reason", "stop"}}}}};
  co_return json_answer(request, bhttp::status::ok, boost::json::serialize(body));
}

}  // namespace myvod::testing
