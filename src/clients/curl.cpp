#include "clients/curl.hpp"

#include <mutex>

namespace myvod::clients {

void initialise_curl_once() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

}  // namespace myvod::clients
