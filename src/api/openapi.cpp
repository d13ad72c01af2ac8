#include "api/openapi.hpp"

#include <algorithm>
#include <stdexcept>

#include "common/resources.hpp"
#include "domain/mail.hpp"
#include "domain/text.hpp"

namespace myvod::api {

namespace {

namespace json = boost::json;
using http::Access;

std::string upper(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

json::object schema_ref(std::string_view name) {
  return {{"$ref", "#/components/schemas/" + std::string(name)}};
}

json::object json_answer(std::string_view description, json::value schema) {
  return {{"description", description}, {"content", {{"application/json", {{"schema", std::move(schema)}}}}}};
}

// "/api/user-movies/{id}/" -> its {placeholders}, in order.
std::vector<std::string> path_parameters(std::string_view pattern) {
  std::vector<std::string> names;
  for (size_t open; (open = pattern.find('{')) != std::string_view::npos;) {
    const size_t close = pattern.find('}', open);
    names.emplace_back(pattern.substr(open + 1, close - open - 1));
    pattern.remove_prefix(close + 1);
  }
  return names;
}

// Who may call, as OpenAPI says it: no requirement, an optional token (a bad one is still refused, as in
// DRF), or a required one.
json::array security_of(Access access) {
  const json::object bearer{{"bearerAuth", json::array{}}};
  switch (access) {
    case Access::none:
      return {};
    case Access::anyone:
      return {json::object{}, bearer};
    case Access::user:
    case Access::staff:
      break;
  }
  return {bearer};
}

std::string_view access_name(Access access) {
  switch (access) {
    case Access::none:
      return "none: the Authorization header is not read";
    case Access::anyone:
      return "anyone; a token, when sent, must be valid";
    case Access::user:
      return "a signed-in user";
    case Access::staff:
      return "staff";
  }
  return "";
}

// The answers every route of an access level shares, added where the description does not say otherwise.
void add_common_answers(json::object& responses, const Router::Route& route) {
  auto add = [&](std::string_view status, json::object answer) {
    if (!responses.contains(status)) responses[status] = std::move(answer);
  };
  if (route.access != Access::none) {
    add("401", json_answer("No token, or a token that is invalid, expired, or of a deleted or disabled user.",
                           json::object{{"oneOf", {schema_ref("Detail"), schema_ref("TokenError")}}}));
  }
  if (route.access == Access::staff) {
    add("403", json_answer("The caller is not staff.", schema_ref("Detail")));
  }
  add("503", json_answer("Too busy, or shutting down: try again after Retry-After.", schema_ref("Detail")));
  json::object failure =
      json_answer("An unexpected failure (the database's, say), in the contract's words.",
                  schema_ref(route.handler.failure_key == "error" ? "ErrorMessage" : "Detail"));
  failure["content"].as_object()["application/json"].as_object()["example"] =
      json::object{{route.handler.failure_key, route.handler.failure_message}};
  add("500", std::move(failure));
}

}  // namespace

json::object openapi_document(const Router& router) {
  const json::object source = json::parse(resources::get("src/api/openapi.json").text()).as_object();
  const json::object& operations = source.at("operations").as_object();
  json::object paths;
  std::vector<std::string> undocumented;
  size_t documented = 0;
  for (const auto& route : router.routes()) {
    const std::string method(http::bhttp::to_string(route.method));
    const std::string key = method + " " + std::string(route.pattern);
    const auto* description = operations.if_contains(key);
    if (!description) {
      undocumented.push_back(key);
      continue;
    }
    ++documented;
    json::object operation = description->as_object();
    json::array parameters;
    for (const auto& name : path_parameters(route.pattern)) {
      parameters.push_back(
          {{"name", name}, {"in", "path"}, {"required", true}, {"schema", {{"type", "integer"}}}});
    }
    if (const auto* more = operation.if_contains("parameters")) {
      for (const auto& parameter : more->as_array()) parameters.push_back(parameter);
    }
    if (!parameters.empty()) operation["parameters"] = std::move(parameters);
    operation["security"] = security_of(route.access);
    operation["x-access"] = access_name(route.access);
    if (!operation.contains("responses")) operation["responses"] = json::object{};
    add_common_answers(operation["responses"].as_object(), route);
    json::value& item = paths[route.pattern];
    if (!item.is_object()) item = json::object{};
    item.as_object()[domain::ascii_lower(method)] = std::move(operation);
  }
  if (!undocumented.empty() || documented != operations.size()) {
    std::string problem = "src/api/openapi.json and the route table differ:";
    for (const auto& key : undocumented) problem += " no description of " + key + ";";
    for (const auto& [key, ignored] : operations) {
      const auto space = key.find(' ');
      const auto path = std::string_view(key).substr(space + 1);
      const auto* described = paths.if_contains(path);
      if (!described ||
          !described->as_object().contains(domain::ascii_lower(std::string_view(key).substr(0, space))))
        problem += " no route for " + std::string(key) + ";";
    }
    throw std::logic_error(problem);
  }
  json::object info = source.at("info").as_object();
  info["version"] = MYVOD_VERSION;
  return {{"openapi", "3.1.0"},
          {"info", std::move(info)},
          {"paths", std::move(paths)},
          {"components", source.at("components")}};
}

namespace {

using domain::escape_html;

// JSON as indented text, with each "$ref" a link to its schema further down the page.
void write_json(std::string& out, const json::value& value, int depth) {
  const std::string indent(static_cast<size_t>(depth) * 2, ' ');
  const std::string inner(static_cast<size_t>(depth + 1) * 2, ' ');
  if (value.is_object()) {
    const auto& object = value.as_object();
    if (const auto* target = object.if_contains("$ref"); target && object.size() == 1) {
      const std::string name(
          target->as_string().subview().substr(target->as_string().subview().rfind('/') + 1));
      out += "<a href=\"#schema-" + escape_html(name) + "\">" + escape_html(name) + "</a>";
      return;
    }
    if (object.empty()) {
      out += "{}";
      return;
    }
    out += "{\n";
    bool first = true;
    for (const auto& [key, member] : object) {
      if (!first) out += ",\n";
      first = false;
      out += inner + escape_html(json::serialize(json::string(key))) + ": ";
      write_json(out, member, depth + 1);
    }
    out += "\n" + indent + "}";
  } else if (value.is_array() &&
             std::all_of(value.as_array().begin(), value.as_array().end(),
                         [](const json::value& element) { return !element.is_structured(); })) {
    out += escape_html(json::serialize(value));  // ["integer", "null"] on one line
  } else if (value.is_array()) {
    out += "[\n";
    bool first = true;
    for (const auto& element : value.as_array()) {
      if (!first) out += ",\n";
      first = false;
      out += inner;
      write_json(out, element, depth + 1);
    }
    out += "\n" + indent + "]";
  } else {
    out += escape_html(json::serialize(value));
  }
}

std::string text_of(const json::object& object, std::string_view key) {
  const auto* value = object.if_contains(key);
  return value && value->is_string() ? escape_html(value->as_string()) : std::string();
}

// Inline `code` in the document's descriptions, the one piece of Markdown they use.
std::string with_code(std::string escaped) {
  std::string out;
  bool open = false;
  for (char c : escaped) {
    if (c == '`') {
      out += open ? "</code>" : "<code>";
      open = !open;
    } else {
      out += c;
    }
  }
  if (open) out += "</code>";
  return out;
}

void write_content(std::string& out, const json::object& holder) {
  const auto* content = holder.if_contains("content");
  if (!content) return;
  for (const auto& [type, media] : content->as_object()) {
    out += "<div class=\"media\">" + escape_html(type) + "</div><pre>";
    write_json(out, media.as_object().contains("schema") ? media.at("schema") : json::value(json::object{}),
               0);
    out += "</pre>";
    if (const auto* example = media.as_object().if_contains("example")) {
      out += "<div class=\"media\">example</div><pre>";
      write_json(out, *example, 0);
      out += "</pre>";
    }
  }
}

void write_operation(std::string& out, std::string_view path, std::string_view method,
                     const json::object& operation) {
  const std::string id = std::string(method) + std::string(path);
  out += "<section class=\"operation\" id=\"" + escape_html(id) + "\"><h3><span class=\"method " +
         std::string(method) + "\">" + std::string(method) + "</span> ";
  out += "<code>" + escape_html(path) + "</code> " + text_of(operation, "summary") + "</h3>";
  if (auto description = text_of(operation, "description"); !description.empty())
    out += "<p>" + with_code(description) + "</p>";
  out += "<p class=\"access\">Who may call: " + text_of(operation, "x-access") + "</p>";
  if (const auto* parameters = operation.if_contains("parameters")) {
    out += "<table><tr><th>Parameter</th><th>In</th><th>Schema</th><th></th></tr>";
    for (const auto& parameter : parameters->as_array()) {
      const auto& p = parameter.as_object();
      std::string schema;
      write_json(schema, p.contains("schema") ? p.at("schema") : json::value(json::object{}), 0);
      const bool required =
          p.contains("required") && p.at("required").is_bool() && p.at("required").as_bool();
      out += "<tr><td><code>" + text_of(p, "name") + "</code>" + (required ? " <b>required</b>" : "") +
             "</td><td>" + text_of(p, "in") + "</td><td><code>" + schema + "</code></td><td>" +
             with_code(text_of(p, "description")) + "</td></tr>";
    }
    out += "</table>";
  }
  if (const auto* body = operation.if_contains("requestBody")) {
    out += "<h4>Body</h4>";
    write_content(out, body->as_object());
  }
  out += "<h4>Answers</h4><dl>";
  for (const auto& [status, answer] : operation.at("responses").as_object()) {
    out += "<dt>" + escape_html(status) + "</dt><dd>" + with_code(text_of(answer.as_object(), "description"));
    write_content(out, answer.as_object());
    out += "</dd>";
  }
  out += "</dl></section>\n";
}

constexpr std::string_view kStyle = R"(
body{font:15px/1.5 system-ui,sans-serif;margin:0 auto;max-width:60rem;padding:1rem;color:#1b1b1f;background:#fff}
@media (prefers-color-scheme:dark){body{color:#e6e6ea;background:#141418}a{color:#9ab8ff}}
h1{margin-bottom:0}nav ul{columns:2;padding-left:1.2rem}pre{overflow-x:auto;background:rgba(127,127,127,.12);
padding:.5rem;border-radius:4px;font-size:13px}table{border-collapse:collapse;width:100%}td,th{text-align:left;
vertical-align:top;border-bottom:1px solid rgba(127,127,127,.3);padding:.25rem .5rem}.operation{border-top:
1px solid rgba(127,127,127,.4);margin-top:1.5rem}.method{display:inline-block;min-width:4.5rem;font:700 13px
monospace;text-transform:uppercase}.GET{color:#1a7f37}.POST{color:#0b5cad}.PATCH{color:#9a6700}.DELETE{color:
#cf222e}.access{font-size:13px;opacity:.8}.media{font:12px monospace;opacity:.8}dt{font-weight:700}dd{margin:0 0
.5rem 1.5rem})";

}  // namespace

std::string openapi_page(const json::object& document) {
  const auto& info = document.at("info").as_object();
  std::string out =
      "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
      "content=\"width=device-width,initial-scale=1\"><title>" +
      text_of(info, "title") + "</title><style>" + std::string(kStyle) + "</style></head><body>";
  out += "<h1>" + text_of(info, "title") + " " + text_of(info, "version") + "</h1><p>" +
         text_of(info, "summary") + "</p><p>" + with_code(text_of(info, "description")) +
         "</p><p>The same as OpenAPI 3.1: <a href=\"/api/schema/\">/api/schema/</a>.</p><nav><ul>";
  const auto& paths = document.at("paths").as_object();
  for (const auto& [path, item] : paths) {
    for (const auto& [method, operation] : item.as_object()) {
      const std::string name = upper(method);
      out += "<li><a href=\"#" + escape_html(name + std::string(path)) + "\">" + name + " " +
             escape_html(path) + "</a></li>";
    }
  }
  out += "</ul></nav><h2>Operations</h2>";
  for (const auto& [path, item] : paths) {
    for (const auto& [method, operation] : item.as_object()) {
      write_operation(out, path, upper(method), operation.as_object());
    }
  }
  out += "<h2>Schemas</h2>";
  for (const auto& [name, schema] : document.at("components").at("schemas").as_object()) {
    out += "<section id=\"schema-" + escape_html(name) + "\"><h3>" + escape_html(name) + "</h3><pre>";
    write_json(out, schema, 0);
    out += "</pre></section>";
  }
  return out + "</body></html>\n";
}

}  // namespace myvod::api
