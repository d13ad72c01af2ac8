// POST /api/admin/tasks/trigger-availability-sync/ (api-contract.md §3.14): starts a sync and streams its
// lines as they happen. The sync runs on the launcher's thread and belongs to no request: a client that
// goes away stops receiving lines, not the sync.

#include "api/handlers.hpp"

namespace myvod::api {

Handled trigger_availability_sync(Call& call) {
  const auto* given = call.body().if_contains("platform_slug");
  if (!given || !given->is_string() || given->as_string().empty())
    throw Error(ErrorCode::invalid_input, boost::json::object{{"error", "platform_slug is required."}});
  std::string platform_slug(given->as_string());

  auto stream = std::make_shared<http::BodyStream>();
  auto& launcher = call.services.sync_launcher;
  // launch() records the run in the database, so it waits on the database pool, not on this I/O thread.
  const bool launched = co_await call.db([&](store::Store&) {
    return launcher.launch(
        std::move(platform_slug), [stream](const std::string& line) { stream->write(line + "\n"); },
        [stream] { stream->close(); });
  });
  if (!launched)
    throw Error(ErrorCode::conflict, boost::json::object{{"error", "Synchronization already running."}});
  http::Response response{200, std::nullopt, "text/plain", {}};
  // Proxies must pass each line on at once, and nobody may keep this answer.
  response.headers.emplace_back("Cache-Control", "no-store");
  response.headers.emplace_back("X-Accel-Buffering", "no");
  response.stream = std::move(stream);
  co_return response;
}

}  // namespace myvod::api
