#include "api/handlers.hpp"

namespace myvod::api {

// What this server has configured, so that the web UI never shows a button that cannot work.
Handled get_config(Call& call) {
  co_return http::Response::json(
      200, boost::json::object{{"posters", call.services.posters != nullptr},
                               {"availability_sync", call.services.availability_sync},
                               {"suggestions", call.services.suggestions.configured()},
                               {"mail", call.services.mailer != nullptr},
                               {"registration", call.services.registration_open ? "open" : "closed"}});
}

}  // namespace myvod::api
