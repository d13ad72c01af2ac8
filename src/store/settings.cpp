#include <soci/soci.h>

#include "store/store.hpp"

namespace myvod::store {

std::string SettingStore::get_or_insert(const std::string& key, const std::string& value) {
  sql() << "INSERT INTO app_setting (key, value) VALUES (:key, :value) ON CONFLICT (key) DO NOTHING",
      soci::use(key), soci::use(value);
  std::string stored;
  sql() << "SELECT value FROM app_setting WHERE key = :key", soci::use(key), soci::into(stored);
  return stored;
}

}  // namespace myvod::store
