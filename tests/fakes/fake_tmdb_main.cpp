// The fake TMDB as a program, for benchmarks: answers every ttNNNNNNN with one poster after a fixed latency.
//   fake-tmdb KEY LATENCY_MS   prints "http://127.0.0.1:PORT/3" and serves until stdin closes or SIGTERM.
#include <iostream>
#include <string>

#include "fakes/fake_server.hpp"
#include "fakes/fake_tmdb.hpp"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: fake-tmdb KEY LATENCY_MS\n";
    return 2;
  }
  myvod::testing::FakeTmdb tmdb(argv[1], std::chrono::milliseconds(std::stoi(argv[2])), true);
  std::cout << tmdb.base_url() << std::endl;
  myvod::testing::wait_for_stop_signal();
  std::cerr << "fake-tmdb: " << tmdb.calls() << " calls\n";
  return 0;
}
