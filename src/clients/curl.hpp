#pragma once
// What the HTTP and SMTP clients share of libcurl: its one-time global set-up and owning handles.

#include <curl/curl.h>

#include <memory>

namespace myvod::clients {

// curl_global_init once per process, before the first handle: it is not safe to run twice at once, so both
// clients go through this one flag.
void initialise_curl_once();

struct CurlEasyDeleter {
  void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
};
struct CurlListDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
using CurlEasy = std::unique_ptr<CURL, CurlEasyDeleter>;
using CurlList = std::unique_ptr<curl_slist, CurlListDeleter>;

}  // namespace myvod::clients
