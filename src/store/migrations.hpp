#pragma once

#include <string>
#include <vector>

#include "store/store.hpp"

namespace myvod::store {

struct AppliedMigration {
  int version;
  std::string name;
};

// Applies the embedded migrations of the store's engine that are not applied yet, each in its own
// transaction, and returns them. Safe when several servers start at once on one PostgreSQL (advisory
// lock) or one SQLite file (write lock).
std::vector<AppliedMigration> migrate(Store& store);

}  // namespace myvod::store
