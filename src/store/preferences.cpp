#include <soci/soci.h>

#include "store/bound_query.hpp"
#include "store/columns.hpp"
#include "store/store.hpp"

namespace myvod::store {

namespace {

constexpr const char* kPreferenceColumns =
    "SELECT CASE WHEN email_notifications THEN 1 ELSE 0 END, language, confirmed_email, digest_since "
    "FROM user_preferences WHERE user_id = :user_id";

std::optional<MailPreferences> fetch(soci::session& sql, const std::string& statement,
                                     const std::string& user_id) {
  int on = 0;
  MailPreferences preferences;
  std::string confirmed, since;
  soci::indicator confirmed_set = soci::i_null, since_set = soci::i_null;
  sql << statement, soci::use(user_id), soci::into(on), soci::into(preferences.language),
      soci::into(confirmed, confirmed_set), soci::into(since, since_set);
  if (!sql.got_data()) return std::nullopt;
  preferences.email_notifications = on != 0;
  preferences.confirmed_email = optional_column(confirmed, confirmed_set);
  preferences.digest_since = timestamp_column(since, since_set);
  return preferences;
}

}  // namespace

MailPreferences PreferenceStore::of_user(const std::string& user_id) {
  return fetch(sql(), kPreferenceColumns, user_id).value_or(MailPreferences{});
}

MailPreferences PreferenceStore::lock(const std::string& user_id) {
  sql() << "INSERT INTO user_preferences (user_id) VALUES (:user_id) ON CONFLICT (user_id) DO NOTHING",
      soci::use(user_id);
  // SQLite's transaction already holds the write lock (BEGIN IMMEDIATE); PostgreSQL locks the row.
  const std::string lock = engine() == Engine::postgres ? " FOR UPDATE" : "";
  return *fetch(sql(), std::string(kPreferenceColumns) + lock, user_id);
}

void PreferenceStore::save(const std::string& user_id, const MailPreferences& preferences) {
  const int on = preferences.email_notifications ? 1 : 0;
  soci::indicator confirmed_set = preferences.confirmed_email ? soci::i_ok : soci::i_null;
  const std::string confirmed = preferences.confirmed_email.value_or("");
  soci::indicator since_set = preferences.digest_since ? soci::i_ok : soci::i_null;
  const std::string since = preferences.digest_since ? to_db_string(*preferences.digest_since) : "";
  sql() << "INSERT INTO user_preferences (user_id, email_notifications, language, confirmed_email, "
           "digest_since) "
           "VALUES (:user_id, :on = 1, :language, :confirmed, :since) ON CONFLICT (user_id) DO UPDATE SET "
           "email_notifications = excluded.email_notifications, language = excluded.language, "
           "confirmed_email = excluded.confirmed_email, digest_since = excluded.digest_since",
      soci::use(user_id), soci::use(on), soci::use(preferences.language), soci::use(confirmed, confirmed_set),
      soci::use(since, since_set);
}

std::vector<DigestRecipient> PreferenceStore::digest_recipients() {
  DigestRecipient row;
  std::string since;
  soci::indicator since_set = soci::i_null;
  BoundQuery query;
  query << "SELECT CAST(u.id AS TEXT), u.email, p.language, p.digest_since "
           "FROM user_preferences p JOIN users_user u ON u.id = p.user_id "
           "WHERE p.email_notifications = TRUE AND u.is_active = TRUE AND p.confirmed_email = u.email "
           "ORDER BY u.id";
  Rows rows = query.run(store_, soci::into(row.user_id), soci::into(row.email), soci::into(row.language),
                        soci::into(since, since_set));
  std::vector<DigestRecipient> recipients;
  while (rows.fetch()) {
    row.since = timestamp_column(since, since_set);
    recipients.push_back(row);
  }
  return recipients;
}

std::vector<DigestItem> PreferenceStore::digest_items(const std::string& user_id,
                                                      std::optional<Timestamp> after, Timestamp until,
                                                      int limit) {
  BoundQuery query;
  query << "SELECT m.primary_title, m.start_year, p.platform_name FROM notification n "
           "JOIN movie m ON m.tconst = n.tconst JOIN platform p ON p.id = n.platform_id WHERE n.user_id = ";
  query.bind(user_id) << " AND n.created_at <= ";
  query.bind(to_db_string(until));
  if (after) query << " AND n.created_at > ", query.bind(to_db_string(*after));
  query << " ORDER BY n.created_at, n.id LIMIT " << limit;
  DigestItem item;
  int year = 0;
  soci::indicator year_set = soci::i_null;
  Rows rows =
      query.run(store_, soci::into(item.title), soci::into(year, year_set), soci::into(item.platform));
  std::vector<DigestItem> items;
  while (rows.fetch()) {
    item.year = optional_column(year, year_set);
    items.push_back(item);
  }
  return items;
}

void PreferenceStore::set_digest_since(const std::string& user_id, Timestamp since) {
  const std::string stamp = to_db_string(since);
  sql() << "UPDATE user_preferences SET digest_since = :since WHERE user_id = :user_id", soci::use(stamp),
      soci::use(user_id);
}

}  // namespace myvod::store
