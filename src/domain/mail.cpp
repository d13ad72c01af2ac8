#include "domain/mail.hpp"

#include <fmt/format.h>

#include <array>
#include <chrono>

namespace myvod::domain {

namespace {

constexpr std::string_view kBase64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

bool is_plain_header_text(std::string_view text) {
  for (const unsigned char c : text) {
    if (c < 0x20 || c > 0x7E) return false;
  }
  return true;
}

// Length of the UTF-8 sequence a lead byte starts (1 for a stray continuation byte, so it is never split
// across words either way).
size_t utf8_length(unsigned char lead) {
  if (lead >= 0xF0) return 4;
  if (lead >= 0xE0) return 3;
  if (lead >= 0xC0) return 2;
  return 1;
}

void append_part(std::string& out, std::string_view boundary, std::string_view type, std::string_view body) {
  out += fmt::format("--{}\r\nContent-Type: {}; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n",
                     boundary, type);
  out += base64_lines(body);
}

}  // namespace

std::string base64(std::string_view data) {
  std::string out;
  out.reserve((data.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 2 < data.size(); i += 3) {
    const unsigned value = (static_cast<unsigned char>(data[i]) << 16) |
                           (static_cast<unsigned char>(data[i + 1]) << 8) |
                           static_cast<unsigned char>(data[i + 2]);
    for (int shift = 18; shift >= 0; shift -= 6) out += kBase64[(value >> shift) & 0x3F];
  }
  if (const size_t left = data.size() - i; left > 0) {
    unsigned value = static_cast<unsigned char>(data[i]) << 16;
    if (left == 2) value |= static_cast<unsigned char>(data[i + 1]) << 8;
    out += kBase64[(value >> 18) & 0x3F];
    out += kBase64[(value >> 12) & 0x3F];
    out += left == 2 ? kBase64[(value >> 6) & 0x3F] : '=';
    out += '=';
  }
  return out;
}

std::string base64_lines(std::string_view data) {
  const std::string encoded = base64(data);
  std::string out;
  for (size_t at = 0; at < encoded.size(); at += 76) {
    out.append(encoded, at, 76);
    out += "\r\n";
  }
  return out;
}

std::string encode_header_text(std::string_view text) {
  if (is_plain_header_text(text)) return std::string(text);
  // "=?UTF-8?B?" and "?=" take 12 of a word's 75 characters; 63 base64 characters would carry 47 bytes, so
  // 45 bytes (60 characters, a multiple of 3) at most per word, cut before a character that does not fit.
  constexpr size_t kBytesPerWord = 45;
  std::string out;
  size_t at = 0;
  while (at < text.size()) {
    size_t end = at;
    while (end < text.size()) {
      const size_t next = std::min(text.size(), end + utf8_length(static_cast<unsigned char>(text[end])));
      if (next - at > kBytesPerWord) break;
      end = next;
    }
    if (!out.empty()) out += "\r\n ";  // folded: each encoded word on its own line
    out += "=?UTF-8?B?" + base64(text.substr(at, end - at)) + "?=";
    at = end;
  }
  return out;
}

std::string rfc5322_date(Timestamp time) {
  constexpr std::array<std::string_view, 7> kDays = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  constexpr std::array<std::string_view, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const auto day = std::chrono::floor<std::chrono::days>(time);
  const std::chrono::year_month_day date(day);
  const std::chrono::hh_mm_ss clock(std::chrono::floor<std::chrono::seconds>(time - day));
  return fmt::format("{}, {:02} {} {} {:02}:{:02}:{:02} +0000", kDays[std::chrono::weekday(day).c_encoding()],
                     static_cast<unsigned>(date.day()), kMonths[static_cast<unsigned>(date.month()) - 1],
                     static_cast<int>(date.year()), clock.hours().count(), clock.minutes().count(),
                     clock.seconds().count());
}

std::string escape_html(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string address_of(std::string_view mailbox) {
  const size_t open = mailbox.rfind('<');
  const size_t close = mailbox.rfind('>');
  if (open == std::string_view::npos || close == std::string_view::npos || close < open) {
    return std::string(mailbox);
  }
  return std::string(mailbox.substr(open + 1, close - open - 1));
}

std::string domain_of(std::string_view mailbox) {
  const std::string address = address_of(mailbox);
  const size_t at = address.rfind('@');
  return at == std::string::npos || at + 1 == address.size() ? "localhost" : address.substr(at + 1);
}

std::string render_mail(const Mail& mail, const MailEnvelope& envelope) {
  // A display name may hold any text: encode it and keep the address as it is.
  std::string from = envelope.from;
  if (const size_t open = from.rfind('<'); open != std::string::npos && open > 0) {
    std::string name = from.substr(0, open);
    while (!name.empty() && name.back() == ' ') name.pop_back();
    from = encode_header_text(name) + " " + from.substr(open);
  }
  std::string out;
  out += "From: " + from + "\r\n";
  out += "To: " + mail.to + "\r\n";
  out += "Subject: " + encode_header_text(mail.subject) + "\r\n";
  out += "Date: " + rfc5322_date(envelope.date) + "\r\n";
  out += "Message-ID: " + envelope.message_id + "\r\n";
  for (const auto& [name, value] : mail.headers) out += name + ": " + value + "\r\n";
  out += "MIME-Version: 1.0\r\n";
  out += "Content-Type: multipart/alternative; boundary=\"" + envelope.boundary + "\"\r\n\r\n";
  append_part(out, envelope.boundary, "text/plain", mail.text);
  append_part(out, envelope.boundary, "text/html", mail.html);
  out += "--" + envelope.boundary + "--\r\n";
  return out;
}

}  // namespace myvod::domain
