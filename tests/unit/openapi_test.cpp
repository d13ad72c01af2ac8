// The OpenAPI document is built from the route table and cannot drift from it.
#include "api/openapi.hpp"

#include <gtest/gtest.h>

#include "api/handlers.hpp"

namespace myvod::api {
namespace {

namespace json = boost::json;

std::string lower_method(http::bhttp::verb verb) {
  std::string name(http::bhttp::to_string(verb));
  for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return name;
}

// Every "$ref" under `value`.
void collect_refs(const json::value& value, std::vector<std::string>& refs) {
  if (value.is_object()) {
    for (const auto& [key, member] : value.as_object()) {
      if (key == "$ref" && member.is_string()) refs.emplace_back(member.as_string());
      collect_refs(member, refs);
    }
  } else if (value.is_array()) {
    for (const auto& element : value.as_array()) collect_refs(element, refs);
  }
}

TEST(OpenApi, EveryRouteIsDescribedWithWhoMayCallIt) {
  const Router router = make_router();
  const json::object document = openapi_document(router);
  EXPECT_EQ(document.at("openapi"), "3.1.0");
  const auto& paths = document.at("paths").as_object();
  size_t operations = 0;
  for (const auto& route : router.routes()) {
    const auto* item = paths.if_contains(route.pattern);
    ASSERT_TRUE(item) << route.pattern;
    const auto* operation = item->as_object().if_contains(lower_method(route.method));
    ASSERT_TRUE(operation) << route.pattern;
    ++operations;
    const auto& object = operation->as_object();
    EXPECT_FALSE(object.at("summary").as_string().empty()) << route.pattern;
    const auto& responses = object.at("responses").as_object();
    EXPECT_TRUE(responses.contains("500")) << route.pattern;
    const bool signed_in = route.access == http::Access::user || route.access == http::Access::staff;
    EXPECT_EQ(responses.contains("401"), route.access != http::Access::none) << route.pattern;
    EXPECT_EQ(responses.contains("403"), route.access == http::Access::staff || route.pattern == "/metrics" ||
                                             route.pattern == "/api/register/")
        << route.pattern;
    EXPECT_EQ(object.at("security").as_array().size(), signed_in                              ? 1u
                                                       : route.access == http::Access::anyone ? 2u
                                                                                              : 0u)
        << route.pattern;
    if (route.pattern.find('{') != std::string_view::npos) {
      EXPECT_EQ(object.at("parameters").as_array().at(0).at("in"), "path") << route.pattern;
    }
  }
  size_t described = 0;
  for (const auto& [path, item] : paths) described += item.as_object().size();
  EXPECT_EQ(described, operations);
  // The contract's 500 of an endpoint is its own.
  EXPECT_EQ(
      paths.at("/api/platforms/")
          .at("get")
          .at("responses")
          .at("500")
          .at("content")
          .at("application/json")
          .at("example"),
      json::parse(R"({"error":"An error occurred while retrieving platforms. Please try again later."})"));
}

TEST(OpenApi, EverySchemaReferenceResolves) {
  const json::object document = openapi_document(make_router());
  std::vector<std::string> refs;
  collect_refs(document, refs);
  ASSERT_FALSE(refs.empty());
  const auto& schemas = document.at("components").at("schemas").as_object();
  for (const auto& ref : refs) {
    ASSERT_TRUE(ref.starts_with("#/components/schemas/")) << ref;
    EXPECT_TRUE(schemas.contains(ref.substr(std::string("#/components/schemas/").size()))) << ref;
  }
}

TEST(OpenApi, ARouteWithoutDescriptionOrADescriptionWithoutRouteIsRefused) {
  std::vector<Router::Route> routes = make_router().routes();
  routes.push_back({http::bhttp::verb::get, "/api/undescribed/", http::Access::user, {health}});
  try {
    openapi_document(Router(routes));
    FAIL() << "an undescribed route passed";
  } catch (const std::logic_error& drift) {
    EXPECT_NE(std::string(drift.what()).find("no description of GET /api/undescribed/"), std::string::npos)
        << drift.what();
  }
  routes = make_router().routes();
  routes.erase(routes.begin());  // GET /healthz, still described
  try {
    openapi_document(Router(routes));
    FAIL() << "a description without its route passed";
  } catch (const std::logic_error& drift) {
    EXPECT_NE(std::string(drift.what()).find("no route for GET /healthz"), std::string::npos) << drift.what();
  }
}

TEST(OpenApi, ThePageListsEveryOperationAndEscapesTheDocument) {
  json::object document = openapi_document(make_router());
  document["info"].as_object()["summary"] = "<script>alert(1)</script>";
  const std::string page = openapi_page(document);
  EXPECT_EQ(page.find("<script>"), std::string::npos);
  EXPECT_NE(page.find("&lt;script&gt;"), std::string::npos);
  const Router router = make_router();
  for (const auto& route : router.routes()) {
    const std::string anchor = std::string(http::bhttp::to_string(route.method)) + std::string(route.pattern);
    EXPECT_NE(page.find("id=\"" + anchor + "\""), std::string::npos) << anchor;
  }
  EXPECT_NE(page.find("<a href=\"#schema-UserMovie\">UserMovie</a>"), std::string::npos);
  EXPECT_NE(page.find("id=\"schema-UserMovie\""), std::string::npos);
}

}  // namespace
}  // namespace myvod::api
