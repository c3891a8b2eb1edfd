// The command line: CLI11 setup for `classify` and `policy`, and the one
// place that turns failures into exit codes and one line on stderr.
#pragma once

namespace abcgrade::cli {

int run(int argc, char** argv);

}  // namespace abcgrade::cli
