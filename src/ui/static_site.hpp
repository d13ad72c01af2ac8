#pragma once
// The web UI's files (src/ui/*.html, *.css, *.js, *.svg), embedded in the binary at build time. A GET or
// HEAD of a file's path serves it; any other path serves index.html, so that the UI's own routes survive a
// reload. Every answer carries an ETag (a hash of the file), so a browser revalidates instead of
// downloading again, and documents carry a Content-Security-Policy that allows no inline script.

#include <boost/asio/awaitable.hpp>
#include <string>
#include <unordered_map>

#include "http/message.hpp"

namespace myvod::ui {

class StaticSite {
 public:
  StaticSite();  // reads the embedded files once

  boost::asio::awaitable<http::Reply> handle(http::RawRequest& request, const http::RequestMeta& meta) const;

 private:
  struct File {
    std::string_view body;
    std::string content_type;
    std::string etag;
  };
  http::RawResponse answer(const http::RawRequest& request) const;

  std::unordered_map<std::string, File> files_;  // by URL path: "/index.html", "/style.css"
};

}  // namespace myvod::ui
