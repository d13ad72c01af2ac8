#pragma once
// Tests seed, inspect and break rows with plain SQL; the store keeps its session from everyone else.

#include <soci/soci.h>

#include "store/store.hpp"

namespace myvod::testing {

class RawSql {
 public:
  static soci::session& of(store::Store& store) { return store.sql(); }
};

inline soci::session& sql(store::Store& store) {
  return RawSql::of(store);
}

}  // namespace myvod::testing
