#pragma once
// Mail as it goes on the wire (RFC 5322 with MIME): a multipart/alternative message with a plain-text and
// an HTML part, both UTF-8 in base64 (so no line is too long and no line starts with a dot), a subject in
// RFC 2047 encoded words when it is not ASCII, and the headers every receiving server checks: Date and
// Message-ID. Pure: the caller passes the time, the ids and the boundary.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/clock.hpp"

namespace myvod::domain {

// What the service decides to send; who it is from, when, and its ids are added by the sender.
struct Mail {
  std::string to;  // a bare address
  std::string subject;
  std::string text;
  std::string html;
  std::vector<std::pair<std::string, std::string>> headers;  // extra ones: List-Unsubscribe, ...
};

struct MailEnvelope {
  std::string from;        // "myVOD <noreply@example.org>" or a bare address
  Timestamp date;          // the Date header
  std::string message_id;  // "<random@host>"
  std::string boundary;    // not found in base64 text: any string with a character outside base64's
};

std::string render_mail(const Mail& mail, const MailEnvelope& envelope);

// The address inside "Name <address>", or the whole text when there are no angle brackets.
std::string address_of(std::string_view mailbox);
// The domain of a mailbox ("example.org"); "localhost" when it has none. Message-IDs end with it.
std::string domain_of(std::string_view mailbox);

// RFC 5322 date: "Mon, 30 Nov 2026 13:05:09 +0000".
std::string rfc5322_date(Timestamp time);
// The text as it may stand in a header: itself when it is printable ASCII, else RFC 2047 encoded words
// ("=?UTF-8?B?...?="), each at most 75 characters and never splitting a UTF-8 character.
std::string encode_header_text(std::string_view text);
// Standard base64 with padding, in lines of 76 characters each ended by CRLF.
std::string base64_lines(std::string_view data);
std::string base64(std::string_view data);
// The text with &, <, >, " and ' escaped, for HTML bodies.
std::string escape_html(std::string_view text);

}  // namespace myvod::domain
