#include "api/handlers.hpp"

namespace myvod::api {

// What this server has configured, so that the web UI never shows a button that cannot work. Features
// this build does not have yet (mail) answer false until they land.
Handled get_config(Call& call) {
  co_return http::Response::json(
      200, boost::json::object{{"posters", call.services.posters != nullptr},
                               {"availability_sync", call.services.availability_sync},
                               {"suggestions", call.services.suggestions.configured()},
                               {"mail", false},
                               {"registration", call.services.registration_open ? "open" : "closed"}});
}

}  // namespace myvod::api
