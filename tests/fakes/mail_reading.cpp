#include "fakes/mail_reading.hpp"

#include <openssl/evp.h>

#include <cctype>

#include "common/url.hpp"

namespace myvod::testing {

namespace {

std::string lower(std::string text) {
  for (auto& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// "=?UTF-8?B?...?=" words (separated by folding) decoded and joined; other text kept.
std::string decode_words(const std::string& value) {
  std::string out;
  size_t at = 0;
  while (at < value.size()) {
    const size_t start = value.find("=?UTF-8?B?", at);
    if (start == std::string::npos) {
      out += value.substr(at);
      break;
    }
    const std::string between = value.substr(at, start - at);
    if (between.find_first_not_of(" \t") != std::string::npos)
      out += between;  // space between words is dropped
    const size_t end = value.find("?=", start + 10);
    out += decode_base64(value.substr(start + 10, end - start - 10));
    at = end + 2;
  }
  return out;
}

// Splits "headers CRLF CRLF body"; headers unfolded.
std::multimap<std::string, std::string> parse_headers(const std::string& block) {
  std::multimap<std::string, std::string> headers;
  std::string name, value;
  size_t at = 0;
  auto flush = [&] {
    if (!name.empty()) headers.emplace(lower(name), value);
    name.clear();
  };
  while (at < block.size()) {
    size_t end = block.find("\r\n", at);
    if (end == std::string::npos) end = block.size();
    const std::string line = block.substr(at, end - at);
    at = end + 2;
    if (!line.empty() && (line[0] == ' ' || line[0] == '\t')) {
      value += line;  // a folded continuation
      continue;
    }
    flush();
    const size_t colon = line.find(':');
    if (colon == std::string::npos) continue;
    name = line.substr(0, colon);
    value = line.substr(colon + 1);
    if (!value.empty() && value[0] == ' ') value.erase(0, 1);
  }
  flush();
  return headers;
}

}  // namespace

std::string decode_base64(std::string text) {
  std::erase_if(text, [](char c) { return c == '\r' || c == '\n' || c == ' '; });
  std::string out(text.size(), '\0');
  const int size =
      EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                      reinterpret_cast<const unsigned char*>(text.data()), static_cast<int>(text.size()));
  if (size < 0) return "<not base64>";
  out.resize(static_cast<size_t>(size));
  for (size_t i = text.size(); i > 0 && text[i - 1] == '='; --i) out.pop_back();
  return out;
}

std::string ReadMail::header(const std::string& name) const {
  const auto found = headers.find(lower(name));
  return found == headers.end() ? "" : found->second;
}

ReadMail read_mail(const std::string& data) {
  ReadMail mail;
  const size_t split = data.find("\r\n\r\n");
  mail.headers = parse_headers(data.substr(0, split));
  mail.subject = decode_words(mail.header("subject"));
  const std::string type = mail.header("content-type");
  const size_t b = type.find("boundary=\"");
  if (b == std::string::npos) return mail;
  const std::string boundary = "--" + type.substr(b + 10, type.find('"', b + 10) - b - 10);
  size_t at = data.find(boundary, split);
  while (at != std::string::npos) {
    const size_t part_start = at + boundary.size() + 2;
    const size_t next = data.find(boundary, part_start);
    if (next == std::string::npos || data.compare(at + boundary.size(), 2, "--") == 0) break;
    const std::string part = data.substr(part_start, next - part_start);
    const size_t part_split = part.find("\r\n\r\n");
    const auto part_headers = parse_headers(part.substr(0, part_split));
    const auto part_type = part_headers.find("content-type");
    const std::string body = decode_base64(part.substr(part_split + 4));
    if (part_type != part_headers.end() && part_type->second.starts_with("text/plain")) mail.text = body;
    if (part_type != part_headers.end() && part_type->second.starts_with("text/html")) mail.html = body;
    at = next;
  }
  return mail;
}

std::optional<std::string> link_to(const std::string& text, const std::string& path) {
  size_t at = 0;
  while ((at = text.find("http", at)) != std::string::npos) {
    size_t end = at;
    while (end < text.size() && !std::isspace(static_cast<unsigned char>(text[end])) && text[end] != '"' &&
           text[end] != '<')
      ++end;
    const std::string link = text.substr(at, end - at);
    const size_t host = link.find("://");
    const size_t slash = host == std::string::npos ? std::string::npos : link.find('/', host + 3);
    if (slash != std::string::npos && link.compare(slash, path.size(), path) == 0) return link;
    at = end;
  }
  return std::nullopt;
}

std::string link_parameter(const std::string& link, const std::string& name) {
  const size_t query = link.find('?');
  if (query == std::string::npos) return "";
  return QueryParams::parse(link.substr(query + 1)).get(name).value_or("");
}

}  // namespace myvod::testing
