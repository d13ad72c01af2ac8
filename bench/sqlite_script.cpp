// The database alone, for SQLite: what pgbench is to PostgreSQL, for the statements of one request. Runs a
// pgbench-style script (SQL statements, each ending with ";" at the end of a line; ":name" replaced by the
// quoted value given with --set name=VALUE) on CONNECTIONS connections at once, each on its own thread with
// its statements prepared once, for SECONDS, reading every column of every row. One run of the script is a
// transaction; it prints "<transactions per second> <p50 ms> <p99 ms>".
//
//   sqlite-script-bench --database PATH --script FILE [--connections N] [--seconds S] [--set name=VALUE]...

#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace {

struct Options {
  std::string database;
  std::string script;
  int connections = 64;
  int seconds = 10;
  std::vector<std::pair<std::string, std::string>> variables;
};

Options parse(int argc, char** argv) {
  Options options;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string name = argv[i];
    const std::string value = argv[i + 1];
    if (name == "--database") {
      options.database = value;
    } else if (name == "--script") {
      options.script = value;
    } else if (name == "--connections") {
      options.connections = std::max(1, std::stoi(value));
    } else if (name == "--seconds") {
      options.seconds = std::max(1, std::stoi(value));
    } else if (name == "--set" && value.find('=') != std::string::npos) {
      options.variables.emplace_back(value.substr(0, value.find('=')), value.substr(value.find('=') + 1));
    } else {
      throw std::invalid_argument("unknown option " + name);
    }
  }
  if (options.database.empty() || options.script.empty())
    throw std::invalid_argument(
        "usage: sqlite-script-bench --database PATH --script FILE [--connections N] [--seconds S] "
        "[--set name=VALUE]...");
  return options;
}

// The script's statements, variables replaced by their values as SQL string literals.
std::vector<std::string> statements_of(const Options& options) {
  std::ifstream file(options.script);
  if (!file) throw std::runtime_error("cannot read " + options.script);
  std::string text((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  for (const auto& [name, value] : options.variables) {
    std::string literal = "'";
    for (char c : value) literal += c == '\'' ? std::string("''") : std::string(1, c);
    literal += "'";
    const std::string placeholder = ":" + name;
    for (size_t at = text.find(placeholder); at != std::string::npos; at = text.find(placeholder, at)) {
      text.replace(at, placeholder.size(), literal);
      at += literal.size();
    }
  }
  std::vector<std::string> statements;
  size_t start = 0;
  for (size_t end = text.find(";\n"); end != std::string::npos; end = text.find(";\n", start)) {
    statements.push_back(text.substr(start, end - start));
    start = end + 2;
  }
  if (statements.empty()) throw std::runtime_error(options.script + " holds no statement");
  return statements;
}

class Connection {
 public:
  Connection(const std::string& path, const std::vector<std::string>& statements) {
    if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) fail("open");
    // As the server's connections are set up (store/sqlite/engine.cpp).
    exec("PRAGMA journal_mode = WAL");
    exec("PRAGMA synchronous = NORMAL");
    exec("PRAGMA foreign_keys = ON");
    exec("PRAGMA busy_timeout = 10000");
    for (const auto& text : statements) {
      sqlite3_stmt* statement = nullptr;
      if (sqlite3_prepare_v3(db_, text.c_str(), -1, SQLITE_PREPARE_PERSISTENT, &statement, nullptr) !=
          SQLITE_OK)
        fail("prepare: " + text);
      statements_.push_back(statement);
    }
  }
  ~Connection() {
    for (auto* statement : statements_) sqlite3_finalize(statement);
    sqlite3_close(db_);
  }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // One run of the script; the number of bytes read keeps the reads from being optimised away.
  size_t run() {
    size_t bytes = 0;
    for (auto* statement : statements_) {
      int step = SQLITE_ROW;
      while ((step = sqlite3_step(statement)) == SQLITE_ROW) {
        for (int column = 0; column < sqlite3_column_count(statement); ++column) {
          sqlite3_column_text(statement, column);
          bytes += static_cast<size_t>(sqlite3_column_bytes(statement, column));
        }
      }
      if (step != SQLITE_DONE) fail("step");
      sqlite3_reset(statement);
    }
    return bytes;
  }

 private:
  void exec(const char* text) {
    if (sqlite3_exec(db_, text, nullptr, nullptr, nullptr) != SQLITE_OK) fail(text);
  }
  [[noreturn]] void fail(const std::string& what) {
    throw std::runtime_error(what + ": " + sqlite3_errmsg(db_));
  }

  sqlite3* db_ = nullptr;
  std::vector<sqlite3_stmt*> statements_;
};

}  // namespace

int main(int argc, char** argv) try {
  const Options options = parse(argc, argv);
  const auto statements = statements_of(options);
  // As the server configures SQLite (store/sqlite/engine.cpp, configure_process).
  sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
  sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  using Clock = std::chrono::steady_clock;
  std::vector<std::vector<double>> latencies(static_cast<size_t>(options.connections));
  std::atomic<size_t> bytes{0};
  std::atomic<bool> failed{false};
  const auto end = Clock::now() + std::chrono::seconds(options.seconds);
  std::vector<std::thread> threads;
  for (auto& mine : latencies) {
    threads.emplace_back([&] {
      try {
        Connection connection(options.database, statements);
        size_t read = 0;
        for (auto started = Clock::now(); started < end; started = Clock::now()) {
          read += connection.run();
          mine.push_back(std::chrono::duration<double, std::milli>(Clock::now() - started).count());
        }
        bytes += read;
      } catch (const std::exception& error) {
        std::fprintf(stderr, "sqlite-script-bench: %s\n", error.what());
        failed = true;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  if (failed) return 1;
  std::vector<double> all;
  for (const auto& mine : latencies) all.insert(all.end(), mine.begin(), mine.end());
  if (all.empty()) throw std::runtime_error("no transaction finished");
  std::sort(all.begin(), all.end());
  const auto at = [&](double share) {
    return all[static_cast<size_t>(share * static_cast<double>(all.size() - 1))];
  };
  std::printf("%.0f %.2f %.2f\n", static_cast<double>(all.size()) / options.seconds, at(0.5), at(0.99));
  return bytes.load() > 0 ? 0 : 1;
} catch (const std::exception& error) {
  std::fprintf(stderr, "sqlite-script-bench: %s\n", error.what());
  return 2;
}
