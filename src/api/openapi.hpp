#pragma once
// The API's OpenAPI 3.1 document (GET /api/schema/) and a page for people to read it (GET /api/docs/).
//
// The route table is the source of the paths, the methods, the path parameters, who may call, and each
// endpoint's contract 500; src/api/openapi.json adds what a table cannot know (the words, query parameters,
// bodies, answers and shared schemas), keyed "METHOD /path". A route without a description there, or a
// description of no route, is drift: openapi_document() throws, naming it, so the tests fail and the
// document cannot go stale.

#include <boost/json.hpp>
#include <string>

#include "api/routes.hpp"

namespace myvod::api {

boost::json::object openapi_document(const Router& router);

// The document as one HTML page: every operation with its parameters, body and answers, then the schemas.
// No script: it is written here, on the server.
std::string openapi_page(const boost::json::object& document);

}  // namespace myvod::api
