// The fake language model as a program, for the browser tests and benchmarks: it picks from the prompt's
// own candidate list, as a well-behaved model does.
//   fake-model KEY   prints "http://127.0.0.1:PORT" and serves until SIGTERM or SIGINT.
#include <iostream>
#include <string>

#include "fakes/fake_model.hpp"
#include "fakes/fake_server.hpp"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: fake-model KEY\n";
    return 2;
  }
  myvod::testing::FakeModel model(argv[1]);
  model.reply_from_pool(3);
  const std::string gemini = model.gemini_url();
  std::cout << gemini.substr(0, gemini.rfind('/')) << std::endl;
  myvod::testing::wait_for_stop_signal();
  std::cerr << "fake-model: " << model.calls() << " calls\n";
  return 0;
}
