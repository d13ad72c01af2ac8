#include <soci/soci.h>

#include "store/store.hpp"

namespace myvod::store {

void TokenStore::record_outstanding(const OutstandingToken& token) {
  const std::string created = to_db_string(token.created_at);
  const std::string expires = to_db_string(token.expires_at);
  sql() << "INSERT INTO token_blacklist_outstandingtoken (token, created_at, expires_at, user_id, jti) "
           "VALUES (:token, :created, :expires, :user_id, :jti) ON CONFLICT (jti) DO NOTHING",
      soci::use(token.token), soci::use(created), soci::use(expires), soci::use(token.user_id),
      soci::use(token.jti);
}

bool TokenStore::is_blacklisted(const std::string& jti) {
  int found = 0;
  sql() << "SELECT 1 FROM token_blacklist_blacklistedtoken b "
           "JOIN token_blacklist_outstandingtoken o ON o.id = b.token_id WHERE o.jti = :jti",
      soci::use(jti), soci::into(found);
  return sql().got_data();
}

bool TokenStore::blacklist(const OutstandingToken& old_token, Timestamp at) {
  record_outstanding(old_token);
  const std::string blacklisted_at = to_db_string(at);
  soci::statement insert =
      (sql().prepare << "INSERT INTO token_blacklist_blacklistedtoken (blacklisted_at, token_id) "
                        "SELECT :at, id FROM token_blacklist_outstandingtoken WHERE jti = :jti "
                        "ON CONFLICT (token_id) DO NOTHING",
       soci::use(blacklisted_at), soci::use(old_token.jti));
  insert.execute(true);
  return insert.get_affected_rows() == 1;
}

long long TokenStore::blacklist_all_of_user(const std::string& user_id, Timestamp at) {
  const std::string blacklisted_at = to_db_string(at);
  soci::statement insert =
      (sql().prepare << "INSERT INTO token_blacklist_blacklistedtoken (blacklisted_at, token_id) "
                        "SELECT :at, id FROM token_blacklist_outstandingtoken WHERE user_id = :user_id "
                        "AND expires_at > :now ON CONFLICT (token_id) DO NOTHING",
       soci::use(blacklisted_at), soci::use(user_id), soci::use(blacklisted_at));
  insert.execute(true);
  return insert.get_affected_rows();
}

}  // namespace myvod::store
