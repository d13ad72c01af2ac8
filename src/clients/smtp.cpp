#include "clients/smtp.hpp"

#include <curl/curl.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <cstring>

#include "clients/call_metrics.hpp"
#include "clients/curl.hpp"
#include "clients/http_client.hpp"

namespace myvod::clients {

namespace {

struct Upload {
  const std::string& message;
  size_t sent = 0;
};

size_t read_message(char* buffer, size_t size, size_t count, void* user) {
  auto& upload = *static_cast<Upload*>(user);
  const size_t bytes = std::min(size * count, upload.message.size() - upload.sent);
  std::memcpy(buffer, upload.message.data() + upload.sent, bytes);
  upload.sent += bytes;
  return bytes;
}

// Adds the configured CA to the store libcurl has already filled with the system's, so that both are
// trusted (CURLOPT_CAINFO would replace the system's).
CURLcode trust_extra_ca(CURL*, void* ssl_context, void* user) {
  const auto& file = *static_cast<const std::string*>(user);
  X509_STORE* store = SSL_CTX_get_cert_store(static_cast<SSL_CTX*>(ssl_context));
  return X509_STORE_load_file(store, file.c_str()) == 1 ? CURLE_OK : CURLE_SSL_CACERT_BADFILE;
}

std::string scheme_of(const std::string& url) {
  const size_t colon = url.find("://");
  return colon == std::string::npos ? "" : url.substr(0, colon);
}

}  // namespace

SmtpSecurityChoice smtp_security_for(const std::string& url, const std::string& setting) {
  const std::string scheme = scheme_of(url);
  if (scheme != "smtp" && scheme != "smtps")
    return {std::nullopt, "MYVOD_SMTP_URL must start with smtp:// or smtps://"};
  if (setting.empty()) return {scheme == "smtps" ? SmtpSecurity::tls : SmtpSecurity::starttls, ""};
  if (setting == "tls") {
    if (scheme != "smtps") return {std::nullopt, "MYVOD_SMTP_SECURITY=tls needs an smtps:// URL"};
    return {SmtpSecurity::tls, ""};
  }
  if (setting == "starttls" || setting == "none") {
    if (scheme != "smtp") return {std::nullopt, "MYVOD_SMTP_SECURITY=" + setting + " needs an smtp:// URL"};
    return {setting == "none" ? SmtpSecurity::none : SmtpSecurity::starttls, ""};
  }
  return {std::nullopt, "MYVOD_SMTP_SECURITY must be starttls, tls or none"};
}

std::optional<SmtpFailure> SmtpClient::send(const std::string& sender, const std::string& recipient,
                                            const std::string& message) {
  const auto started = std::chrono::steady_clock::now();
  auto failure = transmit(sender, recipient, message);
  const auto took = std::chrono::steady_clock::now() - started;
  record_call("smtp", !failure ? "ok" : failure->permanent() ? "refused" : "failed", took);
  return failure;
}

std::optional<SmtpFailure> SmtpClient::transmit(const std::string& sender, const std::string& recipient,
                                                const std::string& message) {
  initialise_curl_once();
  const CurlEasy curl(curl_easy_init());
  const CurlList recipients(curl_slist_append(nullptr, ("<" + recipient + ">").c_str()));
  Upload upload{message};
  const std::string from = "<" + sender + ">";
  CURL* handle = curl.get();
  curl_easy_setopt(handle, CURLOPT_URL, options_.url.c_str());
  curl_easy_setopt(handle, CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(handle, CURLOPT_MAIL_RCPT, recipients.get());
  curl_easy_setopt(handle, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(handle, CURLOPT_READFUNCTION, read_message);
  curl_easy_setopt(handle, CURLOPT_READDATA, &upload);
  curl_easy_setopt(handle, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(message.size()));
  curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(handle, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options_.connect_timeout.count()));
  curl_easy_setopt(handle, CURLOPT_TIMEOUT_MS, static_cast<long>(options_.total_timeout.count()));
  // STARTTLS is required, not tried: a server that does not offer it gets no mail and no password.
  curl_easy_setopt(handle, CURLOPT_USE_SSL,
                   options_.security == SmtpSecurity::none ? static_cast<long>(CURLUSESSL_NONE)
                                                           : static_cast<long>(CURLUSESSL_ALL));
  if (!options_.ca_file.empty()) {
    curl_easy_setopt(handle, CURLOPT_SSL_CTX_FUNCTION, trust_extra_ca);
    curl_easy_setopt(handle, CURLOPT_SSL_CTX_DATA, &options_.ca_file);
  }
  if (!options_.user.empty()) {
    curl_easy_setopt(handle, CURLOPT_USERNAME, options_.user.c_str());
    curl_easy_setopt(handle, CURLOPT_PASSWORD, options_.password.c_str());
  }
  const CURLcode result = curl_easy_perform(handle);
  if (result == CURLE_OK) return std::nullopt;
  long reply = 0;
  curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &reply);
  SmtpFailure failure{"SMTP " + loggable_url(options_.url) + ": " + curl_easy_strerror(result),
                      static_cast<int>(reply)};
  if (reply > 0) failure.message += " (server answered " + std::to_string(reply) + ")";
  return failure;
}

}  // namespace myvod::clients
