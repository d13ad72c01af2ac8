#pragma once

namespace myvod::app {

// `myvod <command> ...`; returns the process exit code.
int run_cli(int argc, char** argv);

}  // namespace myvod::app
