#include "service/digest.hpp"

#include "domain/mail_templates.hpp"

namespace myvod::service {

DigestCounts Digest::run(Timestamp now) {
  DigestCounts counts;
  const auto recipients =
      database_.with_store([](store::Store& store) { return store.preferences().digest_recipients(); });
  for (const auto& recipient : recipients) {
    ++counts.recipients;
    const auto items = database_.with_store([&](store::Store& store) {
      return store.preferences().digest_items(recipient.user_id, recipient.since, now, kMaxEntries + 1);
    });
    if (items.empty()) {
      ++counts.nothing_new;
      continue;
    }
    std::vector<domain::DigestEntry> entries;
    for (const auto& item : items) entries.push_back({item.title, item.year, item.platform});
    const bool more = entries.size() > kMaxEntries;
    if (more) entries.pop_back();
    const auto mail = domain::digest_mail(recipient.language, recipient.email, entries, more,
                                          digest_links(tokens_, links_, recipient.user_id));
    if (!delivery_.deliver({mail, recipient.user_id})) {
      ++counts.failed;
      continue;
    }
    ++counts.sent;
    database_.with_store(
        [&](store::Store& store) { store.preferences().set_digest_since(recipient.user_id, now); });
  }
  return counts;
}

}  // namespace myvod::service
