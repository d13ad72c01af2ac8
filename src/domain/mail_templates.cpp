#include "domain/mail_templates.hpp"

#include <fmt/format.h>

namespace myvod::domain {

namespace {

bool english(std::string_view language) {
  return language == "en";
}

// The HTML frame every mail shares: no remote images or styles (mail clients block them), one column.
std::string html_page(const std::string& body) {
  return "<!DOCTYPE html><html><body style=\"font-family:sans-serif;line-height:1.5;max-width:36em\">" +
         body + "<p style=\"color:#666;font-size:small\">myVOD</p></body></html>";
}

std::string html_link(const std::string& url, const std::string& label) {
  return "<p><a href=\"" + escape_html(url) + "\">" + escape_html(label) + "</a></p>";
}

std::string html_paragraph(const std::string& text) {
  return "<p>" + escape_html(text) + "</p>";
}

std::string entry_text(const DigestEntry& entry) {
  return entry.year ? fmt::format("{} ({})", entry.title, *entry.year) : entry.title;
}

// A mail whose point is one link: why it came, the link, and what to do when it was not asked for.
Mail link_mail(const std::string& to, std::string subject, const std::string& intro, const std::string& link,
               const std::string& label, const std::string& ignore) {
  return {to,
          std::move(subject),
          intro + "\n\n" + link + "\n\n" + ignore + "\n",
          html_page(html_paragraph(intro) + html_link(link, label) + html_paragraph(ignore)),
          {}};
}

}  // namespace

bool is_mail_language(std::string_view language) {
  return language == "pl" || language == "en";
}

Mail password_reset_mail(std::string_view language, const std::string& to, const std::string& link) {
  const bool en = english(language);
  return link_mail(to, en ? "myVOD: reset your password" : "myVOD: resetowanie hasła",
                   en ? "Someone asked to reset the password of your myVOD account. To choose a new "
                        "password, open this link (it works once, for 3 days):"
                      : "Otrzymaliśmy prośbę o zresetowanie hasła do Twojego konta myVOD. Aby ustawić "
                        "nowe hasło, otwórz ten link (działa raz, przez 3 dni):",
                   link, en ? "Choose a new password" : "Ustaw nowe hasło",
                   en ? "If it was not you, ignore this mail: your password stays as it is."
                      : "Jeśli to nie Ty, zignoruj tę wiadomość: Twoje hasło się nie zmieni.");
}

Mail confirmation_mail(std::string_view language, const std::string& to, const std::string& link) {
  const bool en = english(language);
  return link_mail(to, en ? "myVOD: confirm your e-mail address" : "myVOD: potwierdź adres e-mail",
                   en ? "You turned on the weekly myVOD e-mail: which movies of your watchlist "
                        "became available on your services. Confirm this address to start it:"
                      : "Włączono cotygodniowy e-mail myVOD: które filmy z Twojej watchlisty pojawiły "
                        "się w Twoich serwisach. Potwierdź ten adres, aby go otrzymywać:",
                   link, en ? "Confirm my address" : "Potwierdzam adres",
                   en ? "If it was not you, ignore this mail: nothing will be sent."
                      : "Jeśli to nie Ty, zignoruj tę wiadomość: nic nie zostanie wysłane.");
}

Mail test_mail(const std::string& to) {
  const std::string text = "This is a test mail from myVOD: its SMTP settings work.";
  return {to, "myVOD: test mail", text + "\n", html_page(html_paragraph(text)), {}};
}

Mail digest_mail(std::string_view language, const std::string& to, const std::vector<DigestEntry>& entries,
                 bool more, const DigestLinks& links) {
  const bool en = english(language);
  const std::string intro =
      en ? "New on your services from your watchlist:" : "Nowości z Twojej watchlisty w Twoich serwisach:";
  const std::string open = more ? (en ? "See all of them in myVOD" : "Zobacz wszystkie w myVOD")
                                : (en ? "Open my notifications" : "Otwórz powiadomienia");
  const std::string leave = en ? "Unsubscribe from this mail" : "Wypisz się z tych wiadomości";
  Mail mail;
  mail.to = to;
  mail.subject = en ? fmt::format("myVOD: {} new on your services", entries.size())
                    : fmt::format("myVOD: nowości w Twoich serwisach ({})", entries.size());
  std::string text = intro + "\n\n";
  std::string items;
  for (const auto& entry : entries) {
    const std::string line = entry_text(entry) + " – " + entry.platform;
    text += "- " + line + "\n";
    items += "<li>" + escape_html(line) + "</li>";
  }
  if (more) {
    text += "- ...\n";
    items += "<li>...</li>";
  }
  mail.text =
      text + "\n" + open + ": " + links.notifications + "\n\n" + leave + ": " + links.unsubscribe_page + "\n";
  mail.html = html_page(html_paragraph(intro) + "<ul>" + items + "</ul>" +
                        html_link(links.notifications, open) + html_link(links.unsubscribe_page, leave));
  mail.headers = {{"List-Unsubscribe", "<" + links.one_click + ">"},
                  {"List-Unsubscribe-Post", "List-Unsubscribe=One-Click"}};
  return mail;
}

}  // namespace myvod::domain
