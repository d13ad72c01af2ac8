#include "app/cli.hpp"

int main(int argc, char** argv) {
  return myvod::app::run_cli(argc, argv);
}
